import { dayOr } from '../../../../lib/validation/fields.ts';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '../../../../lib/server/scheduling/time.ts';
import { bookingsQuery } from '../../../../lib/server/bookings/staff.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

const startOf = (date: string) => wallClockToInstant(date, '00:00')!;

/** The week agenda: Monday to Sunday, appointments per day. */
export const reader = ((db, who, url, now) => {
	// A day that does not exist (2027-02-30) shows this week, as a missing one does.
	const date = dayOr(url.searchParams.get('week'), amsterdamDate(now));
	const monday = addDays(date, 1 - isoWeekday(date));
	const query = bookingsQuery(db, who, { from: startOf(monday), to: startOf(addDays(monday, 7)) });
	return oneStatement(query, (bookings) => {
		const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
			date: day,
			bookings: bookings.filter((b) => amsterdamDate(b.startsAt) === day)
		}));
		return { monday, previous: addDays(monday, -7), next: addDays(monday, 7), days };
	});
}) satisfies PageReader<unknown>;
