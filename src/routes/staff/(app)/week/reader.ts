import type { BatchResponse } from 'drizzle-orm/batch';
import { dayOr } from '../../../../lib/validation/fields.ts';
import {
	addDays,
	amsterdamDate,
	dayInstants,
	isoWeekday,
	startOfDay
} from '../../../../lib/server/scheduling/time.ts';
import {
	bookingsQuery,
	dayContactQueries,
	withDaysWork
} from '../../../../lib/server/bookings/staff.ts';
import type { PageReader } from '../../../../lib/server/staff/workspace.ts';

/** The week agenda: Monday to Sunday, appointments per day; today's can be marked from the list. */
export const reader = ((db, who, url, now) => {
	// A day that does not exist (2027-02-30) shows this week, as a missing one does.
	const date = dayOr(url.searchParams.get('week'), amsterdamDate(now));
	const monday = addDays(date, 1 - isoWeekday(date));
	const today = dayInstants(amsterdamDate(now));
	const queries = [
		bookingsQuery(db, who, { from: startOfDay(monday), to: startOfDay(addDays(monday, 7)) }),
		...dayContactQueries(db, who, today, now)
	] as const;
	return {
		queries,
		assemble: (rows) => {
			const [week, contacts] = rows as BatchResponse<typeof queries>;
			const bookings = withDaysWork(week, contacts, today);
			const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
				date: day,
				bookings: bookings.filter((b) => amsterdamDate(b.startsAt) === day)
			}));
			return { monday, previous: addDays(monday, -7), next: addDays(monday, 7), days };
		}
	};
}) satisfies PageReader<unknown>;
