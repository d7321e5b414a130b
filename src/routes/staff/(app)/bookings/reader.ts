import { dayOr } from '../../../../lib/validation/fields.ts';
import { BOOKING_STATUSES } from '../../../../lib/domain/lists.ts';
import {
	addDays,
	amsterdamDate,
	wallClockToInstant
} from '../../../../lib/server/scheduling/time.ts';
import { bookingsQuery } from '../../../../lib/server/bookings/staff.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

const startOf = (date: string) => wallClockToInstant(date, '00:00')!;

/** Appointments by school, date range and status (a GET form: filters have an address). */
export const reader = ((db, who, url, now) => {
	const today = amsterdamDate(now);
	const defaults = { from: today, to: addDays(today, 28) };
	// A day that does not exist (2027-02-30) counts as not given.
	const from = dayOr(url.searchParams.get('from'), defaults.from);
	const to = dayOr(url.searchParams.get('to'), defaults.to);
	const status = BOOKING_STATUSES.find((s) => s === url.searchParams.get('status'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const query = bookingsQuery(db, who, {
		from: startOf(from),
		to: startOf(addDays(to, 1)),
		status,
		schoolId
	});
	return oneStatement(query, (bookings) => ({
		filter: { from, to, status: status ?? ('' as const), schoolId: schoolId ?? 0 },
		defaults,
		statuses: BOOKING_STATUSES,
		bookings
	}));
}) satisfies PageReader<unknown>;
