import { requireUser } from '$lib/server/auth/cookie';
import { dayOr } from '$lib/validation/fields';
import { bookingsFor } from '$lib/server/staff';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

const STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
/** Appointments by school, date range and status (a GET form: filters have an address). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const today = amsterdamDate(Date.now());
	// A day that does not exist (2027-02-30) counts as not given.
	const from = dayOr(url.searchParams.get('from'), today);
	const to = dayOr(url.searchParams.get('to'), addDays(today, 28));
	const status = STATUSES.find((s) => s === url.searchParams.get('status'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const bookings = await bookingsFor(locals.db, user, {
		from: wallClockToInstant(from, '00:00')!,
		to: wallClockToInstant(addDays(to, 1), '00:00')!,
		status,
		schoolId
	});
	return {
		filter: { from, to, status: status ?? '', schoolId: schoolId ?? 0 },
		statuses: STATUSES,
		bookings
	};
};
