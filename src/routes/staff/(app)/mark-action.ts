import type { RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { markAttendance } from '$lib/server/bookings/commands';
import { formFailure, formRefusal } from '$lib/server/http/outcome';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { StaffMarkInput } from '$lib/validation/bookings';

/**
 * "Geweest" / "Niet gekomen" from a list (Today, Week): the detail page's command
 * (`markAttendance`, audited the same). The page reads again after it, so the row shows its new
 * status, with or without JavaScript; a refusal names the row it belongs to.
 */
export async function markFromList({ locals, request }: RequestEvent) {
	const user = requireUser(locals);
	const input = check(StaffMarkInput, await formValues(request));
	if (!input.ok) return formRefusal('invalid', { id: 0 });
	const { id, status } = input.data;
	const marked = await markAttendance(locals, user, id, status);
	if (!marked.ok) return formFailure(marked.problem, { id });
	return { marked: id };
}
