import { error } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { book } from '$lib/server/bookings/commands';
import { reader } from './reader';
import { kioskPageData } from '$lib/server/kiosk';
import { bookingSteps } from '$lib/server/bookings/schedule';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { formValues } from '$lib/server/http/forms';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { formRateLimited } from '$lib/server/http/limits';
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
		// Counted per tablet, before the input is judged: junk counts too.
		if (await formRateLimited(event, 'booking', { device: kiosk.id }))
			return formRefusal('rate_limited', { values });
		const input = check(KioskBookingInput, { ...values, language: params.lang });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		const booked = await book(formCtx(event), kiosk.slug, input.data, {
			madeBy: 'kiosk',
			kioskDeviceId: kiosk.id
		});
		if (!booked.ok) return formFailure(booked.problem, { values });
		const link = `${url.origin}/${params.lang}/booking/${booked.value.manageToken}`;
		return {
			done: {
				reference: booked.value.reference,
				start: toAmsterdamIso(booked.value.startsAt),
				end: toAmsterdamIso(booked.value.endsAt)
			},
			qr: renderSVG(link, { border: 1 })
		};
	}
};
