/**
 * Figures for the wijkteam and the municipality: how many parents were reached, for what, in which
 * languages, how many did not come, how long they waited. Counted in D1 per school and month
 * (`figureQueries`, one batch with the page's other reads), summed here (`tallyRows`, `summarise`).
 *
 * What the figures count, and from which rows:
 * - appointments by their start: bookings, anonymised ones too (retention keeps status, who made
 *   and who cancelled it, topic, language, interpreter, whether the reminder went), and
 *   `booking_records` for deleted ones (the parent's own delete, an AVG erasure);
 * - walk-in tickets by their day: the tickets of today and yesterday, and `walk_in_records` for
 *   the ones retention deleted; "served" is called (or done), and the wait runs from the ticket's
 *   place in the queue to its call;
 * - questions by the moment they were asked: the questions still there, and `question_records`
 *   for deleted ones; "answered" means a first answer was written, whenever;
 * - waiting-list entries by the moment the parent joined, and what became of them, whenever: a
 *   place offered, claimed (booked), or an offer that ran out; `waitlist_records` for the entries
 *   retention deleted;
 * - parent meetings by their start: held (started before now) or still to come, cancelled; their
 *   sign-ups (not cancelled, of meetings not cancelled), the people they bring, who came, and the
 *   sign-ups' languages; `signup_records` for sign-ups an AVG erasure deleted.
 * No figure holds a name, a contact, a text or a moment finer than an hour.
 */
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/index.ts';
import {
	bookingRecords,
	bookings,
	meetingSignups,
	meetings,
	signupRecords,
	questionRecords,
	questions,
	schools,
	waitlistEntries,
	waitlistRecords,
	walkInRecords,
	walkInTickets
} from '../db/schema.ts';
import { figureSchoolIds, type FigureScope, type Viewer } from '../access/index.ts';
import {
	BOOKING_MADE_BY,
	CANCELLED_BY,
	LANGUAGES,
	TOPICS,
	type Language,
	type Topic
} from '../../domain/lists.ts';
import type { Bucket, Period } from './period.ts';

/** Every count the figures keep per school and month, by name. */
export const COUNTS = [
	'booked',
	'attended',
	'no_show',
	'open',
	...CANCELLED_BY.map((by) => `cancelled_${by}` as const),
	...BOOKING_MADE_BY.map((by) => `made_${by}` as const),
	'interpreter',
	'reminded',
	...TOPICS.map((t) => `booking_topic_${t}` as const),
	'booking_topic_none',
	...LANGUAGES.map((l) => `booking_language_${l}` as const),
	'tickets',
	'served',
	'tickets_from_booking',
	...LANGUAGES.map((l) => `ticket_language_${l}` as const),
	'asked',
	'answered',
	...TOPICS.map((t) => `question_topic_${t}` as const),
	...LANGUAGES.map((l) => `question_language_${l}` as const),
	'waitlist_joined',
	'waitlist_offered',
	'waitlist_claimed',
	'waitlist_offer_expired',
	'meetings_held',
	'meetings_upcoming',
	'meetings_cancelled',
	'signups',
	'signup_people',
	'signups_attended',
	...LANGUAGES.map((l) => `signup_language_${l}` as const)
] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Record<CountName, number>;

/** The counts of one school in one bucket, with the waits and answer times behind the medians. */
export type Cell = {
	counts: Counts;
	/** Interpreter requests per language code ('other' where a parent wrote words). */
	interpreters: Record<string, number>;
	/** Walk-in waits of the called tickets, ms. */
	waits: number[];
	/** Times to a first answer, ms. */
	answers: number[];
	/** Where a counted cell belongs (none for a sum). */
	at?: { schoolId: number; bucket: number };
};

export const emptyCounts = (): Counts => Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts;
export const emptyCell = (): Cell => ({
	counts: emptyCounts(),
	interpreters: {},
	waits: [],
	answers: []
});

// Values of the domain's own constant lists and of our own computed instants go into the SQL as
// literals: a figures query compares one column with some 40 of them, past D1's 100 parameters.
const word = (value: string) => {
	if (!/^[a-z0-9_]+$/.test(value)) throw new Error(`Not a list value: ${value}`);
	return sql.raw(`'${value}'`);
};
const countWhere = (name: string, condition: SQL) =>
	sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`.as(name);

/**
 * The bucket a row falls in, by an instant column (ms) or a date column ('YYYY-MM-DD'). A row
 * outside all of them never gets here (the WHERE keeps it out).
 */
function bucketOf(column: SQLiteColumn, buckets: Bucket[], by: 'instant' | 'date') {
	const bound = (b: Bucket) =>
		sql.raw(by === 'instant' ? String(Math.trunc(b.toAt)) : `'${b.to.replace(/[^0-9-]/g, '')}'`);
	// A binary search: some five comparisons a row rather than half the buckets.
	const search = (lo: number, hi: number): SQL => {
		if (lo === hi) return sql.raw(String(lo));
		const mid = Math.floor((lo + hi) / 2);
		return sql`CASE WHEN ${column} < ${bound(buckets[mid])} THEN ${search(lo, mid)} ELSE ${search(mid + 1, hi)} END`;
	};
	return sql<number>`(${search(0, buckets.length - 1)})`.as('bucket');
}

/** The range of all buckets, as a condition on an instant or a date column. */
function inBuckets(column: SQLiteColumn, buckets: Bucket[], by: 'instant' | 'date') {
	const first = buckets[0];
	const last = buckets[buckets.length - 1];
	return by === 'instant'
		? and(gte(column, first.fromAt), lt(column, last.toAt))
		: and(gte(column, first.from), lt(column, last.to));
}

type BookingColumns = {
	schoolId: SQLiteColumn;
	startsAt: SQLiteColumn;
	status: SQLiteColumn;
	madeBy: SQLiteColumn;
	cancelledBy: SQLiteColumn;
	interpreter: SQLiteColumn;
	interpreterLanguage: SQLiteColumn;
	topic: SQLiteColumn;
	language: SQLiteColumn;
	reminded: SQL;
};

type WaitlistColumns = {
	schoolId: SQLiteColumn;
	joinedAt: SQLiteColumn;
	status: SQLiteColumn;
	offered: SQL;
};

type TicketColumns = {
	schoolId: SQLiteColumn;
	date: SQLiteColumn;
	status: SQLiteColumn;
	language: SQLiteColumn;
	interpreter: SQLiteColumn;
	fromBooking: SQL;
	/** From the ticket's place in the queue to its call, ms. */
	wait: SQL;
};

type QuestionColumns = {
	schoolId: SQLiteColumn;
	askedAt: SQLiteColumn;
	category: SQLiteColumn;
	language: SQLiteColumn;
	answerMs: SQL;
};

/**
 * The statements that count a scope's figures for a period, for one D1 batch: bookings, the
 * interpreters asked for, walk-in tickets and questions (each where it is still whole and where
 * only its record is left), per school and bucket.
 */
export function figureQueries(
	db: Db,
	who: Viewer,
	scope: FigureScope,
	period: Period,
	now: number
) {
	const { buckets } = period;
	const ofScope = (column: SQLiteColumn) => inArray(column, figureSchoolIds(db, who, scope));

	const bookingsOf = (table: typeof bookings | typeof bookingRecords, b: BookingColumns) =>
		db
			.select({
				schoolId: b.schoolId,
				bucket: bucketOf(b.startsAt, buckets, 'instant'),
				booked: sql<number>`count(*)`.as('booked'),
				attended: countWhere('attended', sql`${b.status} = 'attended'`),
				no_show: countWhere('no_show', sql`${b.status} = 'no_show'`),
				open: countWhere('open', sql`${b.status} = 'booked'`),
				...Object.fromEntries(
					CANCELLED_BY.map((by) => [
						`cancelled_${by}`,
						countWhere(
							`cancelled_${by}`,
							// Cancelled before anyone recorded who did (an old row): the parent, as then.
							sql`${b.status} = 'cancelled' AND coalesce(${b.cancelledBy}, 'parent') = ${word(by)}`
						)
					])
				),
				...Object.fromEntries(
					BOOKING_MADE_BY.map((by) => [
						`made_${by}`,
						countWhere(`made_${by}`, sql`${b.madeBy} = ${word(by)}`)
					])
				),
				interpreter: countWhere('interpreter', sql`${b.interpreter} = 1`),
				reminded: countWhere('reminded', b.reminded),
				...Object.fromEntries(
					TOPICS.map((t) => [
						`booking_topic_${t}`,
						countWhere(`booking_topic_${t}`, sql`${b.topic} = ${word(t)}`)
					])
				),
				booking_topic_none: countWhere('booking_topic_none', sql`${b.topic} IS NULL`),
				...Object.fromEntries(
					LANGUAGES.map((l) => [
						`booking_language_${l}`,
						countWhere(`booking_language_${l}`, sql`${b.language} = ${word(l)}`)
					])
				),
				// The interpreters asked for, by language: a code the parent chose (or their own
				// language, the default) as it is; words a parent typed as 'other'.
				interpreterLanguages: sql<string | null>`group_concat(CASE WHEN ${b.interpreter} = 1 THEN
					CASE WHEN ${b.interpreterLanguage} GLOB '[a-z][a-z]'
						OR ${b.interpreterLanguage} GLOB '[a-z][a-z][a-z]' THEN ${b.interpreterLanguage}
						ELSE 'other' END END)`.as('interpreter_languages')
			})
			.from(table)
			.where(and(ofScope(b.schoolId), inBuckets(b.startsAt, buckets, 'instant')))
			.groupBy(sql`1`, sql`2`);

	const waitlistOf = (table: typeof waitlistEntries | typeof waitlistRecords, w: WaitlistColumns) =>
		db
			.select({
				schoolId: w.schoolId,
				bucket: bucketOf(w.joinedAt, buckets, 'instant'),
				waitlist_joined: sql<number>`count(*)`.as('waitlist_joined'),
				waitlist_offered: countWhere('waitlist_offered', w.offered),
				waitlist_claimed: countWhere('waitlist_claimed', sql`${w.status} = 'booked'`),
				waitlist_offer_expired: countWhere(
					'waitlist_offer_expired',
					sql`${w.status} = 'expired' AND ${w.offered}`
				)
			})
			.from(table)
			.where(and(ofScope(w.schoolId), inBuckets(w.joinedAt, buckets, 'instant')))
			.groupBy(sql`1`, sql`2`);

	const m = meetings;
	const meetingCounts = db
		.select({
			schoolId: m.schoolId,
			bucket: bucketOf(m.startsAt, buckets, 'instant'),
			meetings_held: countWhere(
				'meetings_held',
				sql`${m.status} = 'planned' AND ${m.startsAt} <= ${sql.raw(String(Math.trunc(now)))}`
			),
			meetings_upcoming: countWhere(
				'meetings_upcoming',
				sql`${m.status} = 'planned' AND ${m.startsAt} > ${sql.raw(String(Math.trunc(now)))}`
			),
			meetings_cancelled: countWhere('meetings_cancelled', sql`${m.status} = 'cancelled'`)
		})
		.from(m)
		.where(and(ofScope(m.schoolId), inBuckets(m.startsAt, buckets, 'instant')))
		.groupBy(sql`1`, sql`2`);
	/** A meeting's sign-ups, live or kept (`signup_records`): the ones that held a place. */
	type SignupColumns = {
		meetingId: SQLiteColumn;
		status: SQLiteColumn;
		people: SQLiteColumn;
		language: SQLiteColumn;
		/** On the waiting list: held no place (yet), so not a sign-up. */
		waiting: SQL;
	};
	const signupsOf = (table: typeof meetingSignups | typeof signupRecords, s: SignupColumns) =>
		db
			.select({
				schoolId: m.schoolId,
				bucket: bucketOf(m.startsAt, buckets, 'instant'),
				signups: sql<number>`count(*)`.as('signups'),
				signup_people: sql<number>`coalesce(sum(${s.people}), 0)`.as('signup_people'),
				signups_attended: countWhere('signups_attended', sql`${s.status} = 'attended'`),
				...Object.fromEntries(
					LANGUAGES.map((l) => [
						`signup_language_${l}`,
						countWhere(`signup_language_${l}`, sql`${s.language} = ${word(l)}`)
					])
				)
			})
			.from(table)
			.innerJoin(m, eq(m.id, s.meetingId))
			.where(
				and(
					ofScope(m.schoolId),
					inBuckets(m.startsAt, buckets, 'instant'),
					eq(m.status, 'planned'),
					inArray(s.status, ['signed_up', 'attended']),
					sql`NOT (${s.waiting})`
				)
			)
			.groupBy(sql`1`, sql`2`);

	const tickets = (
		table: typeof walkInTickets | typeof walkInRecords,
		columns: TicketColumns,
		served = sql`${columns.status} IN ('called', 'done')`
	) =>
		db
			.select({
				schoolId: columns.schoolId,
				bucket: bucketOf(columns.date, buckets, 'date'),
				tickets: sql<number>`count(*)`.as('tickets'),
				served: countWhere('served', served),
				tickets_from_booking: countWhere('tickets_from_booking', columns.fromBooking),
				...Object.fromEntries(
					LANGUAGES.map((l) => [
						`ticket_language_${l}`,
						countWhere(
							`ticket_language_${l}`,
							sql`NOT (${columns.fromBooking}) AND ${columns.language} = ${word(l)}`
						)
					])
				),
				// A walk-in parent's interpreter is asked in their language (a booked parent's counts
				// with the booking).
				interpreterLanguages: sql<
					string | null
				>`group_concat(CASE WHEN ${columns.interpreter} = 1 AND NOT (${columns.fromBooking}) THEN ${columns.language} END)`.as(
					'interpreter_languages'
				),
				waits: sql<string | null>`group_concat(CASE WHEN ${served} THEN ${columns.wait} END)`.as(
					'waits'
				)
			})
			.from(table)
			.where(and(ofScope(columns.schoolId), inBuckets(columns.date, buckets, 'date')))
			.groupBy(sql`1`, sql`2`);

	const t = walkInTickets;
	const r = walkInRecords;
	const questionsOf = (
		table: typeof questions | typeof questionRecords,
		columns: QuestionColumns
	) =>
		db
			.select({
				schoolId: columns.schoolId,
				bucket: bucketOf(columns.askedAt, buckets, 'instant'),
				asked: sql<number>`count(*)`.as('asked'),
				answered: countWhere('answered', sql`${columns.answerMs} IS NOT NULL`),
				...Object.fromEntries(
					TOPICS.map((topic) => [
						`question_topic_${topic}`,
						countWhere(`question_topic_${topic}`, sql`${columns.category} = ${word(topic)}`)
					])
				),
				...Object.fromEntries(
					LANGUAGES.map((l) => [
						`question_language_${l}`,
						countWhere(`question_language_${l}`, sql`${columns.language} = ${word(l)}`)
					])
				),
				answers: sql<string | null>`group_concat(${columns.answerMs})`.as('answers')
			})
			.from(table)
			.where(and(ofScope(columns.schoolId), inBuckets(columns.askedAt, buckets, 'instant')))
			.groupBy(sql`1`, sql`2`);

	const q = questions;
	const qr = questionRecords;
	const scopeSchools = db
		.select({ id: schools.id, name: schools.name })
		.from(schools)
		.where(ofScope(schools.id))
		.orderBy(asc(schools.name), asc(schools.id));
	const br = bookingRecords;
	const w = waitlistEntries;
	const wr = waitlistRecords;
	return [
		scopeSchools,
		bookingsOf(bookings, {
			schoolId: bookings.schoolId,
			startsAt: bookings.startsAt,
			status: bookings.status,
			madeBy: bookings.madeBy,
			cancelledBy: bookings.cancelledBy,
			interpreter: bookings.interpreter,
			interpreterLanguage: bookings.interpreterLanguage,
			topic: bookings.topic,
			language: bookings.language,
			reminded: sql`${bookings.remindedAt} IS NOT NULL`
		}),
		bookingsOf(br, {
			schoolId: br.schoolId,
			startsAt: br.startsHour,
			status: br.status,
			madeBy: br.madeBy,
			cancelledBy: br.cancelledBy,
			interpreter: br.interpreter,
			interpreterLanguage: br.interpreterLanguage,
			topic: br.topic,
			language: br.language,
			reminded: sql`${br.reminded} = 1`
		}),
		tickets(t, {
			schoolId: t.schoolId,
			date: t.date,
			status: t.status,
			language: t.language,
			interpreter: t.interpreter,
			fromBooking: sql`${t.bookingId} IS NOT NULL`,
			wait: sql`CASE WHEN ${t.calledAt} IS NOT NULL THEN max(${t.calledAt} - ${t.queueAt}, 0) END`
		}),
		tickets(r, {
			schoolId: r.schoolId,
			date: r.date,
			status: r.status,
			language: r.language,
			interpreter: r.interpreter,
			fromBooking: sql`${r.fromBooking} = 1`,
			wait: sql`${r.waitMs}`
		}),
		questionsOf(q, {
			schoolId: q.schoolId,
			askedAt: q.createdAt,
			category: q.category,
			language: q.language,
			answerMs: sql`max(${q.firstAnswerAt} - ${q.createdAt}, 0)`
		}),
		questionsOf(qr, {
			schoolId: qr.schoolId,
			askedAt: qr.askedHour,
			category: qr.category,
			language: qr.language,
			answerMs: sql`${qr.firstAnswerMs}`
		}),
		waitlistOf(w, {
			schoolId: w.schoolId,
			joinedAt: w.createdAt,
			status: w.status,
			offered: sql`${w.offerStartsAt} IS NOT NULL`
		}),
		waitlistOf(wr, {
			schoolId: wr.schoolId,
			joinedAt: wr.joinedHour,
			status: wr.status,
			offered: sql`${wr.offered} = 1`
		}),
		meetingCounts,
		signupsOf(meetingSignups, {
			meetingId: meetingSignups.meetingId,
			status: meetingSignups.status,
			people: meetingSignups.people,
			language: meetingSignups.language,
			waiting: sql`${meetingSignups.waitingSince} IS NOT NULL`
		}),
		signupsOf(signupRecords, {
			meetingId: signupRecords.meetingId,
			status: signupRecords.status,
			people: signupRecords.people,
			language: signupRecords.language,
			waiting: sql`${signupRecords.waiting} = 1`
		})
	] as const;
}

type Row = Record<string, unknown> & { schoolId: number; bucket: number };

const numbers = (list: unknown): number[] =>
	typeof list === 'string' && list ? list.split(',').map(Number) : [];

/**
 * The batch's rows (after the scope's schools) as one cell per school and bucket
 * (`${schoolId}:${bucket}`), the live rows and the kept records added up.
 */
export function tallyRows(rows: readonly unknown[]): Map<string, Cell> {
	const cells = new Map<string, Cell>();
	const cellOf = (row: Row) => {
		const key = `${row.schoolId}:${row.bucket}`;
		let cell = cells.get(key);
		if (!cell) {
			cell = { ...emptyCell(), at: { schoolId: row.schoolId, bucket: row.bucket } };
			cells.set(key, cell);
		}
		return cell;
	};
	// The counts a statement has, found once per statement rather than once per row.
	const named = new WeakMap<Row[], CountName[]>();
	const addCounts = (row: Row, list: Row[]) => {
		let names = named.get(list);
		if (!names) named.set(list, (names = COUNTS.filter((name) => name in row)));
		const cell = cellOf(row);
		for (const name of names) cell.counts[name] += Number(row[name]);
		return cell;
	};
	const addInterpreters = (cell: Cell, list: unknown) => {
		if (typeof list !== 'string' || !list) return;
		for (const language of list.split(',')) {
			cell.interpreters[language] = (cell.interpreters[language] ?? 0) + 1;
		}
	};
	const [
		bookingRows,
		bookingRecordRows,
		ticketRows,
		ticketRecordRows,
		questionRows,
		questionRecordRows,
		...countsOnly
	] = rows as Row[][];
	for (const list of [bookingRows, bookingRecordRows]) {
		for (const row of list) addInterpreters(addCounts(row, list), row.interpreterLanguages);
	}
	for (const list of [ticketRows, ticketRecordRows]) {
		for (const row of list) {
			const cell = addCounts(row, list);
			cell.waits.push(...numbers(row.waits));
			addInterpreters(cell, row.interpreterLanguages);
		}
	}
	for (const list of [questionRows, questionRecordRows]) {
		for (const row of list) addCounts(row, list).answers.push(...numbers(row.answers));
	}
	// The waiting list and the meetings: counts and nothing else.
	for (const list of countsOnly) for (const row of list) addCounts(row, list);
	return cells;
}

/** Cells added up (a period, a school's period, a month of a scope). */
export function addCells(cells: Iterable<Cell>): Cell {
	const sum = emptyCell();
	for (const cell of cells) addInto(sum, cell);
	return sum;
}

/**
 * The value below which a share `p` of the values lie (nearest rank: the smallest value with at
 * least p of them at or below it); null for none.
 */
export function percentile(values: number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** What a page and an export show of a cell. */
export type Summary = {
	counts: Counts;
	cancelled: number;
	/** No-shows of the appointments that were due and marked (attended or not): 0 to 1, or null. */
	noShowRate: number | null;
	medianWaitMs: number | null;
	p90WaitMs: number | null;
	medianAnswerMs: number | null;
	topics: { topic: Topic | 'none'; bookings: number; questions: number }[];
	/** Every contact (an appointment, a walk-in ticket of its own, a question) by language. */
	languages: { language: Language; bookings: number; tickets: number; questions: number }[];
	interpreters: { language: string; n: number }[];
	/** The sign-ups for parent meetings by language. */
	signupLanguages: { language: Language; n: number }[];
};

export function summarise(cell: Cell): Summary {
	const c = cell.counts;
	const marked = c.attended + c.no_show;
	return {
		counts: c,
		cancelled: c.cancelled_parent + c.cancelled_staff + c.cancelled_hours,
		noShowRate: marked ? c.no_show / marked : null,
		medianWaitMs: percentile(cell.waits, 0.5),
		p90WaitMs: percentile(cell.waits, 0.9),
		medianAnswerMs: percentile(cell.answers, 0.5),
		topics: [
			...TOPICS.map((topic) => ({
				topic,
				bookings: c[`booking_topic_${topic}`],
				questions: c[`question_topic_${topic}`]
			})),
			{ topic: 'none' as const, bookings: c.booking_topic_none, questions: 0 }
		],
		languages: LANGUAGES.map((language) => ({
			language,
			bookings: c[`booking_language_${language}`],
			tickets: c[`ticket_language_${language}`],
			questions: c[`question_language_${language}`]
		})),
		signupLanguages: LANGUAGES.map((language) => ({
			language,
			n: c[`signup_language_${language}`]
		})),
		interpreters: Object.entries(cell.interpreters)
			.map(([language, n]) => ({ language, n }))
			.sort((a, b) => b.n - a.n || a.language.localeCompare(b.language))
	};
}

/** A scope from a query string (`scope=school&school=12`, `scope=mine`); else all one may see. */
export function scopeOf(params: URLSearchParams): FigureScope {
	const kind = params.get('scope');
	const schoolId = Number(params.get('school'));
	if (kind === 'school' && Number.isSafeInteger(schoolId) && schoolId > 0) {
		return { kind, schoolId };
	}
	return kind === 'mine' ? { kind } : { kind: 'all' };
}

/** The rows of `figureQueries`: the scope's schools and the cells. */
export function countedFigures(rows: readonly unknown[]) {
	const [scopeSchools, ...counted] = rows as [{ id: number; name: string }[], ...unknown[]];
	return { schools: scopeSchools, cells: tallyRows(counted) };
}

/** Which buckets a test picks: the indexes of a period's part, or of one month of it. */
export function bucketIndexes(period: Period, keep: (b: Bucket) => boolean): Set<number> {
	return new Set(period.buckets.flatMap((b, i) => (keep(b) ? [i] : [])));
}

/** The cells of some buckets, added up (for one school, or for the whole scope). */
export function cellOf(cells: Map<string, Cell>, buckets: Set<number>, schoolId?: number): Cell {
	const picked: Cell[] = [];
	for (const cell of cells.values()) {
		const at = cell.at!;
		if (buckets.has(at.bucket) && (schoolId === undefined || at.schoolId === schoolId)) {
			picked.push(cell);
		}
	}
	return addCells(picked);
}

/** A few counts of a month or a school, for the trend line and the table of schools. */
const headline = (c: Counts) => ({
	booked: c.booked,
	attended: c.attended,
	noShow: c.no_show,
	cancelled: c.cancelled_parent + c.cancelled_staff + c.cancelled_hours,
	tickets: c.tickets,
	asked: c.asked
});
export type Headline = ReturnType<typeof headline>;

/** Adds a cell into a sum, in place. */
function addInto(sum: Cell, cell: Cell) {
	for (const name of COUNTS) sum.counts[name] += cell.counts[name];
	for (const language in cell.interpreters) {
		sum.interpreters[language] = (sum.interpreters[language] ?? 0) + cell.interpreters[language];
	}
	for (const wait of cell.waits) sum.waits.push(wait);
	for (const answer of cell.answers) sum.answers.push(answer);
}

/**
 * What the figures page shows: the period and the one before, the months, the schools. One pass
 * over the cells (an organisation of a hundred schools has thousands).
 */
export function pageFigures(rows: readonly unknown[], period: Period) {
	const { schools: scopeSchools, cells } = countedFigures(rows);
	const current = emptyCell();
	const previous = emptyCell();
	const months = new Map(period.buckets.map((b) => [b.month, emptyCell()]));
	const ofSchool = new Map(scopeSchools.map((school) => [school.id, emptyCell()]));
	for (const cell of cells.values()) {
		const { schoolId, bucket } = cell.at!;
		const { part, month } = period.buckets[bucket];
		addInto(months.get(month)!, cell);
		if (part === 'previous') addInto(previous, cell);
		if (part !== 'current') continue;
		addInto(current, cell);
		const school = ofSchool.get(schoolId);
		if (school) addInto(school, cell);
	}
	return {
		current: summarise(current),
		previous: summarise(previous),
		months: [...months].map(([month, cell]) => ({ month, ...headline(cell.counts) })),
		schoolFigures: scopeSchools.map((school) => ({
			...school,
			...headline(ofSchool.get(school.id)!.counts)
		}))
	};
}

export type PageFigures = ReturnType<typeof pageFigures>;
