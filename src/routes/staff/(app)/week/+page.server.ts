import { requireUser } from '$lib/server/auth/cookie';
import { bookingsFor } from '$lib/server/staff';
import { dayOr } from '$lib/validation/fields';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

/** The week agenda: Monday to Sunday, appointments per day. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	// A day that does not exist (2027-02-30) shows this week, as a missing one does.
	const date = dayOr(url.searchParams.get('week'), amsterdamDate(Date.now()));
	const monday = addDays(date, 1 - isoWeekday(date));
	const bookings = await bookingsFor(locals.db, user, {
		from: wallClockToInstant(monday, '00:00')!,
		to: wallClockToInstant(addDays(monday, 7), '00:00')!
	});
	const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((date) => ({
		date,
		bookings: bookings.filter((b) => amsterdamDate(b.startsAt) === date)
	}));
	return { monday, previous: addDays(monday, -7), next: addDays(monday, 7), days };
};
