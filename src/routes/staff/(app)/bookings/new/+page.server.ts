import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { book } from '$lib/server/bookings/commands';
import { schoolsOf } from '$lib/server/access';
import { formCtx, formFailure } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { check } from '$lib/validation';
import { BookingInput } from '$lib/validation/bookings';
import { formValues } from '$lib/server/http/forms';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** Book on behalf of a parent who phoned: made by staff, the parent's language for every message. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const page = await pageData(locals, user, reader, url);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request } = event;
		const user = requireUser(locals);
		const values = await formValues(request);
		const schools = await schoolsOf(locals.db, user);
		const school = schools.find((s) => s.slug === values.school);
		if (!school) error(404, 'not_found');
		const [staffId, start] = (values.slot ?? '').split('|');
		const input = check(BookingInput, { ...values, staffId, start });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		const booked = await book(formCtx(event), school.slug, input.data, { madeBy: 'staff', user });
		// Whatever stood in the way, the professional picks another time from the list.
		if (!booked.ok) return formFailure(invalid({ slot: 'not_available' }).problem, { values });
		redirect(303, `/staff/bookings/${booked.value.id}?done=created`);
	}
};
