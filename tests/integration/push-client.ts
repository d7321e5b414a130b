/**
 * The browser's side of a push subscription, for the tests: a P-256 key pair and an auth secret
 * (as PushManager.subscribe makes them), registered with the push service stand-in
 * (./push-service.ts) so it can decrypt what the worker sends to this endpoint.
 */
import { env } from 'cloudflare:workers';
import { base64Url } from '$lib/server/crypto';
import type { Delivery } from './push-service';

const origin = () => env.PUSH_SERVICE_ORIGINS;
let counter = 0;

export async function newDevice() {
	const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
		'deriveBits'
	])) as CryptoKeyPair;
	const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const p256dh = base64Url(
		new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)
	);
	const auth = base64Url(crypto.getRandomValues(new Uint8Array(16)));
	const id = `d${Date.now().toString(36)}${++counter}`;
	const res = await fetch(`${origin()}/register/${id}`, {
		method: 'POST',
		body: JSON.stringify({ privateKey: jwk.d, publicKey: p256dh, auth })
	});
	if (res.status !== 201) throw new Error(`push stand-in: ${res.status}`);
	return {
		subscription: { endpoint: `${origin()}/push/${id}`, keys: { p256dh, auth } },
		/** What arrived at this device, decrypted by the stand-in. */
		deliveries: async () =>
			(await (await fetch(`${origin()}/messages/${id}`)).json()) as Delivery[],
		/** From now on the push service answers 410 Gone for this device. */
		gone: async () =>
			void (await fetch(`${origin()}/gone/${id}`, { method: 'POST' })).body?.cancel()
	};
}
