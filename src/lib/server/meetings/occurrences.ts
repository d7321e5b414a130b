/**
 * The dates of a meeting that repeats: pure, so it is tested on its own. A monthly meeting keeps
 * its place in the month ("the first Friday"): the n-th same weekday of each next month, where n
 * is the first date's; a month without a fifth Friday has no fifth-Friday meeting.
 */
import type { MeetingRepeat } from '../../domain/lists.ts';
import { addDays, isoWeekday } from '../scheduling/time.ts';

/** At most this many occurrences are made at once (a year of a weekly meeting is 52). */
export const MAX_OCCURRENCES = 53;

/** The `n`-th (1-5) ISO weekday of the month of `month` ('YYYY-MM'), or null when it has none. */
export function nthWeekdayOfMonth(month: string, weekday: number, n: number): string | null {
	const first = `${month}-01`;
	const date = addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
	return date.startsWith(month) ? date : null;
}

const nextMonth = (month: string) => {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The dates from `first` up to and including `until` (once: only `first`). */
export function occurrenceDates(
	first: string,
	repeat: MeetingRepeat,
	until: string | null
): string[] {
	if (repeat === 'once' || !until) return [first];
	const dates: string[] = [];
	if (repeat === 'weekly') {
		for (let d = first; d <= until && dates.length < MAX_OCCURRENCES; d = addDays(d, 7))
			dates.push(d);
		return dates;
	}
	const weekday = isoWeekday(first);
	const n = Math.ceil(Number(first.slice(8, 10)) / 7);
	for (let month = first.slice(0, 7); dates.length < MAX_OCCURRENCES; month = nextMonth(month)) {
		const date = nthWeekdayOfMonth(month, weekday, n);
		if (date && date > until) break;
		if (!date && `${month}-01` > until) break;
		if (date) dates.push(date);
	}
	return dates;
}
