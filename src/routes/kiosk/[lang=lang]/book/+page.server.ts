import { error, fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { bookSlot, slotView } from '$lib/server/bookings';
import { reader } from './reader';
import { kioskPageData } from '$lib/server/kiosk';
import { bookingSteps } from '$lib/server/bookings/schedule';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited } from '$lib/server/http/limits';
import { linkSecret } from '$lib/server/http/env';
import { check } from '$lib/validation';
import { KioskBookingInput } from '$lib/validation/walkin';
import type { Actions, PageServerLoad } from './$types';

/**
 * Booking at the kiosk: the same slots and rules as on the phone, in steps kept in the URL
 * (?staff=…&day=…&start=…). No phone number or e-mail needed: the QR code on the last screen
 * takes the booking along.
 */
export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	if (!locals.kiosk) error(404, 'not_found');
	// Read with the device by the hook on a GET; after a refused form, afresh.
	const schedule = await kioskPageData(locals, cookies, reader);
	if (!schedule) error(404, 'school_not_found');
	return bookingSteps(schedule, url.searchParams);
};

export const actions: Actions = {
	book: async (event) => {
		const { request, locals, params, url } = event;
		const kiosk = locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		const values = await formValues(request);
		const refuse = (status: number, code: string) =>
			fail(status, { errors: {} as Record<string, string>, values, code, alternatives: [] });
		// Counted per tablet, before the input is judged: junk counts too.
		if (await formRateLimited(event, 'booking', { device: kiosk.id }))
			return refuse(429, 'rate_limited');
		const input = check(KioskBookingInput, { ...values, language: params.lang });
		if (!input.ok) {
			return fail(400, { errors: input.errors, values, code: null, alternatives: [] });
		}
		const result = await bookSlot(locals.db, kiosk.slug, input.data, {
			now: locals.now,
			madeBy: 'kiosk',
			kioskDeviceId: kiosk.id,
			linkSecret: linkSecret(event.platform)
		});
		if (!result.ok) {
			if (result.code === 'school_not_found') error(404, 'school_not_found');
			if (result.code === 'kiosk_daily_limit') return refuse(409, result.code);
			return fail(409, {
				errors: {} as Record<string, string>,
				values,
				code: result.code,
				alternatives: 'alternatives' in result ? result.alternatives.map(slotView) : []
			});
		}
		const link = `${url.origin}/${params.lang}/booking/${result.manageToken}`;
		return {
			done: {
				reference: result.reference,
				start: toAmsterdamIso(result.startsAt),
				end: toAmsterdamIso(result.endsAt)
			},
			qr: renderSVG(link, { border: 1 })
		};
	}
};
