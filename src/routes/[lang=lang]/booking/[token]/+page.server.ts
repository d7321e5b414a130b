import { error, redirect } from '@sveltejs/kit';
import { bookingWindow, findBookingWithSchedule, slotView } from '$lib/server/bookings';
import { cancelAsParent, deleteAsParent, moveAsParent } from '$lib/server/bookings/commands';
import { formCtx, formFailure } from '$lib/server/http/outcome';
import { refused } from '$lib/server/outcome';
import { pushKeyOf } from '$lib/server/notify/push';
import { Instant } from '$lib/validation/bookings';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';

/** The parent's own page for one booking: see it, move it, cancel it, delete it. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders, platform }) => {
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
		pushKey: pushKeyOf(platform?.env),
		active,
		moveTo,
		fresh: url.searchParams.has('new'),
		moved: url.searchParams.has('moved'),
		cancelled: url.searchParams.has('cancelled')
	};
};

export const actions: Actions = {
	// Each command passes the place it frees on to the waiting list itself.
	cancel: async (event) => {
		const { params } = event;
		const cancelled = await cancelAsParent(formCtx(event), params.token);
		if (!cancelled.ok) return formFailure(cancelled.problem, {});
		redirect(303, `/${params.lang}/booking/${params.token}?cancelled=1`);
	},
	move: async (event) => {
		const { request, params } = event;
		const start = v.safeParse(Instant, (await request.formData()).get('start'));
		// Not a time at all: as a time that is not free, the page offers the free ones again.
		if (!start.success) return formFailure(refused('slot_taken').problem, {});
		const moved = await moveAsParent(formCtx(event), params.token, start.output);
		if (!moved.ok) return formFailure(moved.problem, {});
		redirect(303, `/${params.lang}/booking/${params.token}?moved=1`);
	},
	delete: async (event) => {
		const { request, params } = event;
		if ((await request.formData()).get('confirm') !== 'on') {
			return formFailure(refused('invalid').problem, {});
		}
		const deleted = await deleteAsParent(formCtx(event), params.token);
		if (!deleted.ok) error(404, 'booking_not_found');
		redirect(303, `/${params.lang}?deleted=booking`);
	}
};
