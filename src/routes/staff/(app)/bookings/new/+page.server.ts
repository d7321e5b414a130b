import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requireUser } from '$lib/server/auth/cookie';
import { bookSlot } from '$lib/server/bookings';
import { notifyBooking } from '$lib/server/notify';
import { linkSecret } from '$lib/server/http/env';
import { schoolsOf } from '$lib/server/access';
import { logAccess } from '$lib/server/audit';
import { bookings } from '$lib/server/db/schema';
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
	default: async ({ locals, request, platform }) => {
		const user = requireUser(locals);
		const values = await formValues(request);
		const schools = await schoolsOf(locals.db, user);
		const school = schools.find((s) => s.slug === values.school);
		if (!school) error(404, 'not_found');
		const [staffId, start] = (values.slot ?? '').split('|');
		const input = check(BookingInput, { ...values, staffId, start });
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const result = await bookSlot(locals.db, school.slug, input.data, {
			now: locals.now,
			madeBy: 'staff',
			linkSecret: linkSecret(platform)
		});
		if (!result.ok)
			return fail(409, { errors: { slot: 'not_available' } as Record<string, string>, values });
		const [row] = await locals.db
			.select({ id: bookings.id })
			.from(bookings)
			.where(eq(bookings.reference, result.reference));
		await logAccess(locals.db, user, {
			action: 'create',
			entity: 'booking',
			entityId: row.id,
			schoolId: null,
			now: locals.now
		});
		await notifyBooking(locals.notifier, result.id, 'confirmed', { token: result.manageToken });
		redirect(303, `/staff/bookings/${row.id}?done=created`);
	}
};
