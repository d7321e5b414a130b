import { requireUser } from '$lib/server/auth/cookie';
import { todayOf } from '$lib/server/staff';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

/** Today's appointments over the person's schools, the new questions waiting, the walk-in hours. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const user = requireUser(locals);
	const asked = url.searchParams.get('date');
	const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : amsterdamDate(Date.now());
	// The layout has read the person's schools; the rest is one batch.
	const { schools } = await parent();
	const { bookings, questions, walkIns } = await todayOf(locals.db, user, date, schools, {
		from: wallClockToInstant(date, '00:00')!,
		to: wallClockToInstant(addDays(date, 1), '00:00')!
	});
	return {
		date,
		previous: addDays(date, -1),
		next: addDays(date, 1),
		bookings,
		questions,
		walkIns
	};
};
