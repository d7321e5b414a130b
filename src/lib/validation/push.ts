/**
 * A browser's push subscription as `PushSubscription.toJSON()` gives it, for
 * POST /api/v1/{bookings|questions|walkin}/{token}/push, and the endpoint alone for DELETE. Which
 * push services may be called is checked by the service (PUSH_SERVICE_ORIGINS), not here.
 */
import * as v from 'valibot';

const base64Url = (bytes: number) =>
	v.pipe(
		v.string('required'),
		v.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'invalid'),
		// The decoded length: 4 characters per 3 bytes, padding not counted.
		v.check((s) => Math.floor((s.replace(/=+$/, '').length * 3) / 4) === bytes, 'invalid')
	);

const Endpoint = v.pipe(
	v.string('required'),
	v.maxLength(1000, 'too_long'),
	v.url('invalid'),
	v.description('The push service URL the browser chose (PushSubscription.endpoint)')
);

export const PushSubscriptionInput = v.object({
	endpoint: Endpoint,
	keys: v.object({
		/** The browser's P-256 public key, uncompressed (65 bytes). */
		p256dh: v.pipe(
			base64Url(65),
			v.check((s) => s.startsWith('B'), 'invalid'),
			v.description('The browser key (P-256, uncompressed point, base64url)')
		),
		auth: v.pipe(base64Url(16), v.description('The auth secret (16 bytes, base64url)'))
	})
});
export type PushSubscriptionInput = v.InferOutput<typeof PushSubscriptionInput>;

export const PushEndpointInput = v.object({ endpoint: Endpoint });
