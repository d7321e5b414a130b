import { requireUser } from '$lib/server/auth/cookie';
import { bookingsFor, newQuestionCount, walkInHoursOn } from '$lib/server/staff';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

/** Today's appointments over the person's schools, and the new questions waiting. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const asked = url.searchParams.get('date');
	const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : amsterdamDate(Date.now());
	const [bookings, questions, walkIns] = await Promise.all([
		bookingsFor(locals.db, user, {
			from: wallClockToInstant(date, '00:00')!,
			to: wallClockToInstant(addDays(date, 1), '00:00')!
		}),
		newQuestionCount(locals.db, user),
		walkInHoursOn(locals.db, user, date)
	]);
	return {
		date,
		previous: addDays(date, -1),
		next: addDays(date, 1),
		bookings,
		questions,
		walkIns
	};
};
