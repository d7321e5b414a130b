/**
 * The workspace pages' reads, each made to go in one D1 batch with the session (`readWorkspace`):
 * a reader makes its page's statements for whoever asks and turns the rows into the page's data;
 * the hook finds it by the page's route. The coordinator's pages are in `admin-pages.ts`.
 */
import type { BatchResponse } from 'drizzle-orm/batch';
import { dayOr } from '../../validation/fields.ts';
import {
	AGE_GROUPS,
	ANSWER_BY,
	BOOKING_STATUSES,
	QUESTION_STATUSES,
	TOPICS
} from '../../domain/lists.ts';
import { inboxQuery, questionDetailQueries, questionToolsQueries } from '../questions/index.ts';
import { addDays, amsterdamDate, isoWeekday, wallClockToInstant } from '../scheduling/time.ts';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { schools, staff, users } from '../db/schema.ts';
import {
	assembleSchedule,
	bookingWindow,
	scheduleQueries,
	slotView,
	type ScheduleRows
} from '../bookings/schedule.ts';
import { ownSessionsQuery } from '../auth/index.ts';
import { assembleQueues, queueQuery } from '../walkin/index.ts';
import { assembleHours, hoursQueries } from '../hours/index.ts';
import {
	assembleToday,
	bookingDetailQueries,
	bookingsQuery,
	isOwnStaff,
	isSelf,
	todayQueries,
	userIdOf,
	visibleSchoolIds,
	type TodayRows
} from './index.ts';
import { idInPath, oneStatement, type PageReader } from './workspace.ts';
import { ADMIN_PAGE_READERS } from './admin-pages.ts';

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
	return oneStatement(query, (bookings) => {
		const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
			date: day,
			bookings: bookings.filter((b) => amsterdamDate(b.startsAt) === day)
		}));
		return { monday, previous: addDays(monday, -7), next: addDays(monday, 7), days };
	});
}) satisfies PageReader<unknown>;

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
	return oneStatement(query, (bookings) => ({
		filter: { from, to, status: status ?? '', schoolId: schoolId ?? 0 },
		statuses: BOOKING_STATUSES,
		bookings
	}));
}) satisfies PageReader<unknown>;

/** The questions inbox of the person's schools, the longest waiting first. */
export const questionsPage = ((db, who, url) => {
	const status = QUESTION_STATUSES.find((s) => s === url.searchParams.get('status'));
	const category = TOPICS.find((c) => c === url.searchParams.get('category'));
	const ageGroup = AGE_GROUPS.find((a) => a === url.searchParams.get('age'));
	const answerBy = ANSWER_BY.find((a) => a === url.searchParams.get('answerBy'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const query = inboxQuery(db, who, { status, category, ageGroup, answerBy, schoolId });
	return oneStatement(query, (questions) => ({
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
		questions
	}));
}) satisfies PageReader<unknown>;

/** Today's walk-in queues the person works (all of the organisation's for a coordinator). */
export const queuePage = ((db, who, _url, now) =>
	oneStatement(queueQuery(db, who, now), (rows) => ({
		queues: assembleQueues(rows)
	}))) satisfies PageReader<unknown>;

/** One appointment with the parent's contact details; the opening is in the audit log. */
export const bookingPage = ((db, who, url, now) => {
	const queries = bookingDetailQueries(db, who, idInPath(url), now);
	return {
		queries,
		assemble: (rows) => (rows as BatchResponse<typeof queries>)[0][0] ?? null
	};
}) satisfies PageReader<unknown>;

/**
 * One question with its messages (the opening is in the audit log), the person's saved replies
 * (`?reply=` puts one in the answer) and the professionals to assign it to.
 */
export const questionPage = ((db, who, url, now) => {
	const id = idInPath(url);
	const queries = [
		...questionDetailQueries(db, who, id, now),
		...questionToolsQueries(db, who, id)
	] as const;
	return {
		queries,
		assemble: (rows) => {
			const [[question], , messages, replies, professionals] = rows as BatchResponse<
				typeof queries
			>;
			const chosen = replies.find((r) => r.id === Number(url.searchParams.get('reply')));
			return {
				question: question ? { ...question, messages } : null,
				replies,
				professionals,
				draft: chosen?.body ?? ''
			};
		}
	};
}) satisfies PageReader<unknown>;

/** My hours (a coordinator: anyone's, `?staff=`): weekly blocks, exceptions, places, closures. */
export const hoursPage = ((db, who, url, now) => {
	const asked = Number(url.searchParams.get('staff')) || undefined;
	const queries = hoursQueries(db, who, asked, now);
	return {
		queries,
		assemble: (rows) => assembleHours(rows as BatchResponse<typeof queries>, now)
	};
}) satisfies PageReader<unknown>;

/**
 * Book for a parent who phoned: the free times of one of the person's schools (`?school=`, else
 * the first by name), the parents' notice period included. Null when the person has no school.
 */
export const newBookingPage = ((db, who, url, now) => {
	const asked = url.searchParams.get('school') ?? '';
	const school = db
		.select({ id: schools.id })
		.from(schools)
		.where(inArray(schools.id, visibleSchoolIds(db, who)))
		.orderBy(desc(eq(schools.slug, asked)), asc(schools.name), asc(schools.id))
		.limit(1);
	const range = bookingWindow(now, 42);
	const queries = scheduleQueries(db, school, range);
	return {
		queries,
		assemble: (rows) => {
			const schedule = assembleSchedule(rows as ScheduleRows, range);
			if (!schedule) return null;
			const { id, slug, name } = schedule.school;
			const times = schedule.slots
				.filter((s) => s.bookable && s.remaining > 0 && s.startsAt > now)
				.map((s) => ({
					...slotView(s),
					staffName: schedule.staff.find((p) => p.id === s.staffId)?.name ?? ''
				}));
			return { school: { id, slug, name }, times };
		}
	};
}) satisfies PageReader<unknown>;

/** My calendar feed: whether it is on. */
export const calendarPage = ((db, who) =>
	oneStatement(
		db.select({ hash: users.calendarTokenHash }).from(users).where(isSelf(users.id, who)),
		([row]) => ({ active: Boolean(row?.hash) })
	)) satisfies PageReader<unknown>;

/** My account: where I am signed in (the page marks the current session itself). */
export const accountPage = ((db, who, _url, now) =>
	oneStatement(
		ownSessionsQuery(db, userIdOf(who), now),
		(rows) => rows
	)) satisfies PageReader<unknown>;

/** My profile: my staff record, as parents see it on the school page. */
export const profilePage = ((db, who) =>
	oneStatement(
		db
			.select()
			.from(staff)
			.where(isOwnStaff(db, staff.id, who)),
		([row]) => row ?? null
	)) satisfies PageReader<unknown>;

/** The readers by the route of their page. */
export const PAGE_READERS = new Map<string, PageReader<unknown>>([
	['/staff/(app)/today', todayPage],
	['/staff/(app)/week', weekPage],
	['/staff/(app)/bookings', bookingsPage],
	['/staff/(app)/questions', questionsPage],
	['/staff/(app)/queue', queuePage],
	['/staff/(app)/bookings/[id]', bookingPage],
	['/staff/(app)/questions/[id]', questionPage],
	['/staff/(app)/hours', hoursPage],
	['/staff/(app)/bookings/new', newBookingPage],
	['/staff/(app)/calendar', calendarPage],
	['/staff/(app)/account', accountPage],
	['/staff/(app)/profile', profilePage],
	...ADMIN_PAGE_READERS
]);
