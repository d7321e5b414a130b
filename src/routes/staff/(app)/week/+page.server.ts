import { requireUser } from '$lib/server/auth/cookie';
import { bookingsFor } from '$lib/server/staff';
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
	const asked = url.searchParams.get('week');
	const day = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : amsterdamDate(Date.now());
	const monday = addDays(day, 1 - isoWeekday(day));
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
