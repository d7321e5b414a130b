import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import type { PageServerLoad } from './$types';

/**
 * Today's appointments over the person's schools, the new questions waiting, the walk-in hours:
 * read by the hook with the session, in one D1 round trip (`readWorkspace`); `?date=` picks the day.
 */
export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	const today = locals.workspace?.today;
	if (!today) error(500, 'Today was not read');
	return {
		...today,
		// Another day than today: the texts do not say "today".
		isToday: today.date === amsterdamDate(Date.now()),
		previous: addDays(today.date, -1),
		next: addDays(today.date, 1)
	};
};
