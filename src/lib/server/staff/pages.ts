/**
 * The workspace pages whose reads go in one D1 batch with the session (`readWorkspace`): the ones
 * a professional opens every day. Each reader makes its statements for whoever asks and turns the
 * rows into the page's data; the hook finds it by the page's route.
 */
import type { BatchResponse } from 'drizzle-orm/batch';
import { dayOr } from '../../validation/fields.ts';
import { TOPICS } from '../../validation/topics.ts';
import { AGE_GROUPS, ANSWER_BY } from '../../validation/questions.ts';
import { inboxQuery } from '../questions/index.ts';
import { addDays, amsterdamDate, isoWeekday, wallClockToInstant } from '../scheduling/time.ts';
import { assembleToday, bookingsQuery, todayQueries, type TodayRows } from './index.ts';
import type { PageReader } from './workspace.ts';

/** The day Today shows: the one asked for (`?date=`), if it exists; else today in Amsterdam. */
export function todayDate(asked: string | null, now: number): string {
	return dayOr(asked, amsterdamDate(now));
}

const startOf = (date: string) => wallClockToInstant(date, '00:00')!;

/** Today: the day's appointments, the new questions waiting, the walk-in hours. */
export const todayPage = ((db, who, url, now) => {
	const date = todayDate(url.searchParams.get('date'), now);
	return {
		queries: todayQueries(db, who, date),
		assemble: (rows) => ({
			...assembleToday(rows as TodayRows, date),
			// Another day than today: the texts do not say "today".
			isToday: date === amsterdamDate(now),
			previous: addDays(date, -1),
			next: addDays(date, 1)
		})
	};
}) satisfies PageReader<unknown>;

/** The week agenda: Monday to Sunday, appointments per day. */
export const weekPage = ((db, who, url, now) => {
	// A day that does not exist (2027-02-30) shows this week, as a missing one does.
	const date = dayOr(url.searchParams.get('week'), amsterdamDate(now));
	const monday = addDays(date, 1 - isoWeekday(date));
	const query = bookingsQuery(db, who, { from: startOf(monday), to: startOf(addDays(monday, 7)) });
	return {
		queries: [query],
		assemble: (rows) => {
			const [bookings] = rows as BatchResponse<[typeof query]>;
			const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
				date: day,
				bookings: bookings.filter((b) => amsterdamDate(b.startsAt) === day)
			}));
			return { monday, previous: addDays(monday, -7), next: addDays(monday, 7), days };
		}
	};
}) satisfies PageReader<unknown>;

const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;

/** Appointments by school, date range and status (a GET form: filters have an address). */
export const bookingsPage = ((db, who, url, now) => {
	const today = amsterdamDate(now);
	// A day that does not exist (2027-02-30) counts as not given.
	const from = dayOr(url.searchParams.get('from'), today);
	const to = dayOr(url.searchParams.get('to'), addDays(today, 28));
	const status = BOOKING_STATUSES.find((s) => s === url.searchParams.get('status'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const query = bookingsQuery(db, who, {
		from: startOf(from),
		to: startOf(addDays(to, 1)),
		status,
		schoolId
	});
	return {
		queries: [query],
		assemble: (rows) => ({
			filter: { from, to, status: status ?? '', schoolId: schoolId ?? 0 },
			statuses: BOOKING_STATUSES,
			bookings: (rows as BatchResponse<[typeof query]>)[0]
		})
	};
}) satisfies PageReader<unknown>;

const QUESTION_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;

/** The questions inbox of the person's schools, the longest waiting first. */
export const questionsPage = ((db, who, url) => {
	const status = QUESTION_STATUSES.find((s) => s === url.searchParams.get('status'));
	const category = TOPICS.find((c) => c === url.searchParams.get('category'));
	const ageGroup = AGE_GROUPS.find((a) => a === url.searchParams.get('age'));
	const answerBy = ANSWER_BY.find((a) => a === url.searchParams.get('answerBy'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const query = inboxQuery(db, who, { status, category, ageGroup, answerBy, schoolId });
	return {
		queries: [query],
		assemble: (rows) => ({
			filter: {
				status: status ?? '',
				category: category ?? '',
				ageGroup: ageGroup ?? '',
				answerBy: answerBy ?? '',
				schoolId: schoolId ?? 0
			},
			statuses: QUESTION_STATUSES,
			ageGroups: AGE_GROUPS,
			answerWays: ANSWER_BY,
			questions: (rows as BatchResponse<[typeof query]>)[0]
		})
	};
}) satisfies PageReader<unknown>;

/** The readers by the route of their page. */
export const PAGE_READERS = new Map<string, PageReader<unknown>>([
	['/staff/(app)/today', todayPage],
	['/staff/(app)/week', weekPage],
	['/staff/(app)/bookings', bookingsPage],
	['/staff/(app)/questions', questionsPage]
]);
