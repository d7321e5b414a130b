import { fail, type Action } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { markBooking } from '$lib/server/bookings/staff';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { StaffMarkInput } from '$lib/validation/bookings';

/**
 * "Geweest" / "Niet gekomen" from a list (Today, Week): the detail page's `markBooking`, audited
 * the same. The page reads again after it, so the row shows its new status, with or without
 * JavaScript; a refusal names the row it belongs to.
 */
export const markFromList: Action = async ({ locals, request }) => {
	const user = requireUser(locals);
	const input = check(StaffMarkInput, await formValues(request));
	if (!input.ok) return fail(400, { code: 'notAllowed' as const, id: 0 });
	const { id, status } = input.data;
	if (!(await markBooking(locals.db, user, id, status, locals.now))) {
		return fail(409, { code: 'notAllowed' as const, id });
	}
	return { marked: id };
};
