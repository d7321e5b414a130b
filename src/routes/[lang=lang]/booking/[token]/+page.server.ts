import { error, fail, redirect } from '@sveltejs/kit';
import {
	bookingWindow,
	cancelBooking,
	deleteBooking,
	findBooking,
	findBookingWithSchedule,
	moveBooking,
	slotView
} from '$lib/server/bookings';
import { sendCancellation } from '$lib/server/bookings/messages';
import { passOnPlaces, placeOf } from '$lib/server/waitlist/messages';
import { messageLinks } from '$lib/server/http/env';
import { Instant } from '$lib/validation/bookings';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';

/** The parent's own page for one booking: see it, move it, cancel it, delete it. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	// Personal data: never kept in a cache, never sent on as a referrer.
	setHeaders({ 'cache-control': 'no-store' });
	const now = locals.now;
	const found = await findBookingWithSchedule(locals.db, params.token, {
		...bookingWindow(now, 42),
		now
	});
	if (!found) error(404, 'booking_not_found');
	const { booking, schedule, readers } = found;
	const active = booking.status === 'booked' && booking.startsAt > now;
	const moveTo = active
		? (schedule?.slots ?? [])
				.filter(
					(s) => s.staffId === booking.staffId && s.remaining > 0 && s.startsAt !== booking.startsAt
				)
				.slice(0, 24)
				.map(slotView)
		: [];
	const { id: _id, createdAt: _c, updatedAt: _u, ...visible } = booking;
	return {
		booking: visible,
		readers,
		token: params.token,
		active,
		moveTo,
		fresh: url.searchParams.has('new'),
		moved: url.searchParams.has('moved'),
		cancelled: url.searchParams.has('cancelled')
	};
};

export const actions: Actions = {
	cancel: async (event) => {
		const { params, locals, url } = event;
		const result = await cancelBooking(locals.db, params.token, { now: locals.now });
		if (result === 'not_found') error(404, 'booking_not_found');
		if (result === 'not_active') return fail(409, { code: 'not_active' });
		const booking = await findBooking(locals.db, params.token);
		await sendCancellation(locals.db, locals.mailer, booking, url.origin);
		// The place is free: the first parent waiting for it is offered it.
		if (booking) {
			await passOnPlaces(
				locals.db,
				locals.mailer,
				placeOf(booking),
				locals.now,
				messageLinks(event)
			);
		}
		redirect(303, `/${params.lang}/booking/${params.token}?cancelled=1`);
	},
	move: async (event) => {
		const { request, params, locals } = event;
		const start = v.safeParse(Instant, (await request.formData()).get('start'));
		if (!start.success) return fail(400, { code: 'invalid', field: 'start' });
		const before = await findBooking(locals.db, params.token);
		const result = await moveBooking(locals.db, params.token, start.output, { now: locals.now });
		if (result === 'not_found') error(404, 'booking_not_found');
		if (result !== 'ok') return fail(409, { code: result });
		// The time moved away from is free: the first parent waiting for it is offered it.
		if (before && before.startsAt !== start.output) {
			await passOnPlaces(
				locals.db,
				locals.mailer,
				placeOf(before),
				locals.now,
				messageLinks(event)
			);
		}
		redirect(303, `/${params.lang}/booking/${params.token}?moved=1`);
	},
	delete: async (event) => {
		const { request, params, locals } = event;
		if ((await request.formData()).get('confirm') !== 'on') {
			return fail(400, { code: 'invalid', field: 'confirm' });
		}
		const before = await findBooking(locals.db, params.token);
		if (!(await deleteBooking(locals.db, params.token))) error(404, 'booking_not_found');
		// A booking still to come held a place: it is free now.
		if (before?.status === 'booked' && before.startsAt > locals.now) {
			await passOnPlaces(
				locals.db,
				locals.mailer,
				placeOf(before),
				locals.now,
				messageLinks(event)
			);
		}
		redirect(303, `/${params.lang}?deleted=booking`);
	}
};
