import * as v from 'valibot';
import { requireUser } from '$lib/server/auth/cookie';
import { day } from '$lib/validation/fields';
import { todayOf } from '$lib/server/staff';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

/** Today's appointments over the person's schools, the new questions waiting, the walk-in hours. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const user = requireUser(locals);
	const asked = url.searchParams.get('date');
	// A day that does not exist (2027-02-30) shows today, as a missing one does.
	const date = v.is(day, asked) ? asked : amsterdamDate(Date.now());
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
