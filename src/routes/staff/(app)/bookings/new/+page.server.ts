import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requireUser } from '$lib/server/auth/cookie';
import { bookSlot, bookingWindow, loadSchedule, slotView } from '$lib/server/bookings';
import { sendBookingConfirmation } from '$lib/server/bookings/messages';
import { schoolsOf } from '$lib/server/staff';
import { logAccess } from '$lib/server/audit';
import { bookings } from '$lib/server/db/schema';
import { check } from '$lib/validation';
import { BookingInput } from '$lib/validation/bookings';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/** Free times at one of the person's schools, including those inside the parents' notice period. */
async function freeTimes(locals: App.Locals, slug: string) {
	const now = Date.now();
	const schedule = await loadSchedule(locals.db, slug, bookingWindow(now, 42));
	return (schedule?.slots ?? [])
		.filter((s) => s.bookable && s.remaining > 0 && s.startsAt > now)
		.map((s) => ({
			...slotView(s),
			staffName: schedule!.staff.find((p) => p.id === s.staffId)?.name ?? ''
		}));
}

/** Book on behalf of a parent who phoned: made by staff, the parent's language for every message. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	requireUser(locals);
	const { schools } = await parent();
	const school = schools.find((s) => s.slug === url.searchParams.get('school')) ?? schools[0];
	if (!school) error(404, 'not_found');
	return { school, times: await freeTimes(locals, school.slug) };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireUser(locals);
		const values = await formValues(request);
		const schools = await schoolsOf(locals.db, user);
		const school = schools.find((s) => s.slug === values.school);
		if (!school) error(404, 'not_found');
		const [staffId, start] = (values.slot ?? '').split('|');
		const input = check(BookingInput, { ...values, staffId, start });
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const result = await bookSlot(locals.db, school.slug, input.data, {
			now: Date.now(),
			madeBy: 'staff'
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
			now: Date.now()
		});
		await sendBookingConfirmation(locals.db, locals.mailer, result.manageToken, url.origin);
		redirect(303, `/staff/bookings/${row.id}?done=created`);
	}
};
