import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { cancelForParents, markAttendance } from '$lib/server/bookings/commands';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { StaffCancelInput } from '$lib/validation/bookings';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** One appointment with the parent's contact details: every opening is in the audit log. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const booking = await pageData(locals, user, reader, url);
	// Not there, or not one of this person's schools: the same answer.
	if (!booking) error(404, 'not_found');
	return { booking, done: url.searchParams.get('done') };
};

/** Attended or not shown, then back to the booking. */
async function mark(event: RequestEvent, status: 'attended' | 'no_show') {
	const { locals, params } = event;
	const marked = await markAttendance(locals, requireUser(locals), Number(params.id), status);
	if (!marked.ok) return formFailure(marked.problem, {});
	redirect(303, `/staff/bookings/${params.id}?done=saved`);
}

export const actions = {
	attended: (event) => mark(event, 'attended'),
	noShow: (event) => mark(event, 'no_show'),
	cancel: async (event) => {
		const { locals, params, request } = event;
		const user = requireUser(locals);
		const { reason = '' } = await formValues(request);
		const input = check(StaffCancelInput, { reason });
		if (!input.ok) {
			const code = input.errors.reason === 'invalid' ? 'reason_invalid' : 'reason_required';
			return formRefusal(code, { reason });
		}
		const ctx = formCtx(event);
		const cancelled = await cancelForParents(ctx, user, [Number(params.id)], input.data.reason);
		if (!cancelled.ok || !cancelled.value.length) return formRefusal('not_allowed', { reason });
		redirect(303, `/staff/bookings/${params.id}?done=cancelled`);
	}
} satisfies Actions;
