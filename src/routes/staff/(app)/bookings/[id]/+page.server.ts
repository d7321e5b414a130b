import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { cancelByStaff, markBooking } from '$lib/server/bookings/staff';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { sendCancellation } from '$lib/server/bookings/messages';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { StaffCancelInput } from '$lib/validation/bookings';
import { passOnPlaces, placeOf } from '$lib/server/waitlist/messages';
import { messageLinks } from '$lib/server/http/env';
import type { Actions, PageServerLoad } from './$types';

/** One appointment with the parent's contact details: every opening is in the audit log. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const booking = await pageData(locals, user, reader, url);
	// Not there, or not one of this person's schools: the same answer.
	if (!booking) error(404, 'not_found');
	return { booking, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	attended: async ({ locals, params }) => {
		const user = requireUser(locals);
		if (!(await markBooking(locals.db, user, Number(params.id), 'attended', locals.now))) {
			return fail(409, { code: 'notAllowed' });
		}
		redirect(303, `/staff/bookings/${params.id}?done=saved`);
	},
	noShow: async ({ locals, params }) => {
		const user = requireUser(locals);
		if (!(await markBooking(locals.db, user, Number(params.id), 'no_show', locals.now))) {
			return fail(409, { code: 'notAllowed' });
		}
		redirect(303, `/staff/bookings/${params.id}?done=saved`);
	},
	cancel: async (event) => {
		const { locals, params, request, url } = event;
		const user = requireUser(locals);
		const { reason = '' } = await formValues(request);
		const input = check(StaffCancelInput, { reason });
		if (!input.ok) {
			const code = input.errors.reason === 'invalid' ? 'reasonInvalid' : 'reasonRequired';
			return fail(400, { code, reason });
		}
		const [cancelled] = await cancelByStaff(
			locals.db,
			user,
			[Number(params.id)],
			input.data.reason,
			locals.now
		);
		if (!cancelled) return fail(409, { code: 'notAllowed', reason });
		await sendCancellation(locals.db, locals.mailer, cancelled, url.origin);
		await passOnPlaces(
			locals.db,
			locals.mailer,
			placeOf(cancelled),
			locals.now,
			messageLinks(event)
		);
		redirect(303, `/staff/bookings/${params.id}?done=cancelled`);
	}
};
