/**
 * Figures (issue #18): the counts agree with the raw rows, recounted here in plain JavaScript from
 * the demo data and from generated data; they survive retention (anonymised bookings, deleted
 * questions and walk-in tickets still count); the page reads in one D1 round trip; nobody sees
 * another organisation's figures; the export hides small counts.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readSession } from '$lib/server/auth';
import {
	COUNTS,
	bucketIndexes,
	cellOf,
	countedFigures,
	figureQueries,
	percentile,
	type CountName,
	type Counts
} from '$lib/server/figures';
import { hiddenCounts, HIDDEN_SECOND, HIDDEN_SMALL } from '$lib/server/figures/export';
import { periodOf, type Period } from '$lib/server/figures/period';
import { runRetention } from '$lib/server/retention';
import { eraseContact } from '$lib/server/privacy';
import { contactKey } from '$lib/validation/fields';
import { deleteBooking } from '$lib/server/bookings';
import { sha256Hex } from '$lib/server/crypto';
import {
	addDays,
	amsterdamDate,
	startOfDay,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import {
	BOOKING_MADE_BY,
	BOOKING_STATUSES,
	CANCELLED_BY,
	LANGUAGES,
	MEETING_PEOPLE,
	MEETING_STATUSES,
	SIGNUP_STATUSES,
	TICKET_STATUSES,
	TOPICS,
	WAITLIST_STATUSES
} from '$lib/domain/lists';
import { HAAG_ADMIN, JEROEN, SAMIRA, TILBURG_ADMIN, YUSUF, db, get, signIn } from './helpers';
import { testNow } from './clock';

const userOf = async (account: typeof SAMIRA) => {
	const { token, now } = await signIn(account);
	return { token, user: (await readSession(db(), token, now))! };
};

const all = async <T>(query: string, ...binds: unknown[]) =>
	(
		await env.DB.prepare(query)
			.bind(...binds)
			.all<T>()
	).results;

type RawBooking = {
	school_id: number;
	starts_at: number;
	status: string;
	made_by: string;
	cancelled_by: string | null;
	topic: string | null;
	language: string;
	interpreter: number;
	interpreter_language: string | null;
	reminded: number;
};
type RawWaitlist = { school_id: number; joined_at: number; status: string; offered: number };
type RawMeeting = { id: number; school_id: number; starts_at: number; status: string };
type RawSignup = {
	meeting_id: number;
	people: number;
	language: string;
	status: string;
	waiting_since: number | null;
};
type RawQuestion = {
	school_id: number;
	asked_at: number;
	category: string;
	language: string;
	answer_ms: number | null;
};
type RawTicket = {
	school_id: number;
	date: string;
	status: string;
	language: string;
	interpreter: number;
	from_booking: number;
	wait_ms: number | null;
};
type Raw = {
	bookings: RawBooking[];
	questions: RawQuestion[];
	tickets: RawTicket[];
	waitlist: RawWaitlist[];
	meetings: RawMeeting[];
	signups: RawSignup[];
};

/** Every raw row the figures could count, read straight from the tables (records included). */
async function rawRows(): Promise<Raw> {
	return {
		bookings: [
			...(await all<RawBooking>(
				`SELECT school_id, starts_at, status, made_by, cancelled_by, topic, language, interpreter,
				 interpreter_language, reminded_at IS NOT NULL AS reminded FROM bookings`
			)),
			...(await all<RawBooking>(
				`SELECT school_id, starts_hour AS starts_at, status, made_by, cancelled_by, topic, language,
				 interpreter, interpreter_language, reminded FROM booking_records`
			))
		],
		waitlist: [
			...(await all<RawWaitlist>(
				`SELECT school_id, created_at AS joined_at, status, offer_starts_at IS NOT NULL AS offered
				 FROM waitlist_entries`
			)),
			...(await all<RawWaitlist>(
				`SELECT school_id, joined_hour AS joined_at, status, offered FROM waitlist_records`
			))
		],
		meetings: await all<RawMeeting>(`SELECT id, school_id, starts_at, status FROM meetings`),
		signups: await all<RawSignup>(
			`SELECT meeting_id, people, language, status, waiting_since FROM meeting_signups`
		),
		// The first answer from the messages themselves, not from the trigger's column.
		questions: [
			...(await all<RawQuestion>(
				`SELECT q.school_id, q.created_at AS asked_at, q.category, q.language,
				 (SELECT min(m.created_at) FROM question_messages m WHERE m.question_id = q.id AND m.author = 'staff') - q.created_at AS answer_ms
				 FROM questions q`
			)),
			...(await all<RawQuestion>(
				`SELECT school_id, asked_hour AS asked_at, category, language, first_answer_ms AS answer_ms FROM question_records`
			))
		],
		tickets: [
			...(await all<RawTicket>(
				`SELECT school_id, date, status, language, interpreter, booking_id IS NOT NULL AS from_booking,
				 CASE WHEN called_at IS NOT NULL THEN called_at - queue_at END AS wait_ms FROM walk_in_tickets`
			)),
			...(await all<RawTicket>(
				`SELECT school_id, date, status, language, interpreter, from_booking, wait_ms FROM walk_in_records`
			))
		]
	};
}

type Recount = {
	counts: Counts;
	waits: number[];
	answers: number[];
	interpreters: Record<string, number>;
};

/** The figures of some schools between two Amsterdam dates, counted one row at a time. */
function recount(
	raw: Raw,
	schools: Set<number>,
	from: string,
	to: string,
	now = testNow()
): Recount {
	const counts = Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts;
	const add = (name: CountName) => counts[name]++;
	const interpreters: Record<string, number> = {};
	const waits: number[] = [];
	const answers: number[] = [];
	const inside = (date: string) => date >= from && date < to;
	for (const b of raw.bookings) {
		if (!schools.has(b.school_id) || !inside(amsterdamDate(b.starts_at))) continue;
		add('booked');
		if (b.status === 'booked') add('open');
		else if (b.status === 'cancelled') add(`cancelled_${(b.cancelled_by ?? 'parent') as 'parent'}`);
		else add(b.status as 'attended' | 'no_show');
		add(`made_${b.made_by as 'parent'}`);
		add(b.topic ? `booking_topic_${b.topic as 'other'}` : 'booking_topic_none');
		add(`booking_language_${b.language as 'nl'}`);
		if (b.reminded) add('reminded');
		if (b.interpreter) {
			add('interpreter');
			const code = /^[a-z]{2,3}$/.test(b.interpreter_language ?? '')
				? b.interpreter_language!
				: 'other';
			interpreters[code] = (interpreters[code] ?? 0) + 1;
		}
	}
	for (const q of raw.questions) {
		if (!schools.has(q.school_id) || !inside(amsterdamDate(q.asked_at))) continue;
		add('asked');
		add(`question_topic_${q.category as 'other'}`);
		add(`question_language_${q.language as 'nl'}`);
		if (q.answer_ms !== null) {
			add('answered');
			answers.push(Math.max(0, q.answer_ms));
		}
	}
	for (const t of raw.tickets) {
		if (!schools.has(t.school_id) || !inside(t.date)) continue;
		add('tickets');
		if (t.from_booking) add('tickets_from_booking');
		else {
			add(`ticket_language_${t.language as 'nl'}`);
			if (t.interpreter) interpreters[t.language] = (interpreters[t.language] ?? 0) + 1;
		}
		if (t.status === 'called' || t.status === 'done') {
			add('served');
			waits.push(Math.max(0, t.wait_ms ?? 0));
		}
	}
	for (const w of raw.waitlist) {
		if (!schools.has(w.school_id) || !inside(amsterdamDate(w.joined_at))) continue;
		add('waitlist_joined');
		if (w.offered) add('waitlist_offered');
		if (w.status === 'booked') add('waitlist_claimed');
		if (w.status === 'expired' && w.offered) add('waitlist_offer_expired');
	}
	const counted = new Map<number, RawMeeting>();
	for (const m of raw.meetings) {
		if (!schools.has(m.school_id) || !inside(amsterdamDate(m.starts_at))) continue;
		if (m.status === 'cancelled') add('meetings_cancelled');
		else {
			add(m.starts_at <= now ? 'meetings_held' : 'meetings_upcoming');
			counted.set(m.id, m);
		}
	}
	for (const s of raw.signups) {
		// A parent on a full meeting's waiting list holds no place: not a sign-up (yet).
		if (!counted.has(s.meeting_id) || s.status === 'cancelled' || s.waiting_since !== null)
			continue;
		add('signups');
		counts.signup_people += s.people;
		if (s.status === 'attended') add('signups_attended');
		add(`signup_language_${s.language as 'nl'}`);
	}
	return { counts, waits, answers, interpreters };
}

/** The figures as the service counts them, for the scope 'all' of a person. */
async function counted(
	user: Awaited<ReturnType<typeof userOf>>['user'],
	period: Period,
	now = testNow()
) {
	return countedFigures(await db().batch(figureQueries(db(), user, { kind: 'all' }, period, now)));
}

const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

/** The service's figures and the recount agree for the period, the one before and each month. */
async function expectAgreement(
	user: Awaited<ReturnType<typeof userOf>>['user'],
	period: Period,
	schools: Set<number>,
	now = testNow()
) {
	const { cells } = await counted(user, period, now);
	const raw = await rawRows();
	const spans = [
		{ keep: bucketIndexes(period, (b) => b.part === 'current'), ...period.current },
		{ keep: bucketIndexes(period, (b) => b.part === 'previous'), ...period.previous },
		...period.buckets.map((b, i) => ({ keep: new Set([i]), from: b.from, to: b.to }))
	];
	for (const span of spans) {
		const mine = cellOf(cells, span.keep);
		const theirs = recount(raw, schools, span.from, span.to, now);
		expect(mine.counts, `${span.from}..${span.to}`).toEqual(theirs.counts);
		expect(sorted(mine.waits)).toEqual(sorted(theirs.waits));
		expect(sorted(mine.answers)).toEqual(sorted(theirs.answers));
		expect(mine.interpreters).toEqual(theirs.interpreters);
	}
}

const TILBURG_SCHOOLS = async () =>
	new Set(
		(
			await all<{ id: number }>(
				`SELECT s.id FROM schools s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'wijkteam-tilburg'`
			)
		).map((s) => s.id)
	);

describe('figures agree with the raw rows', () => {
	it('for the demo data, this year and the year before, per month', async () => {
		const { user } = await userOf(TILBURG_ADMIN);
		const year = amsterdamDate(testNow()).slice(0, 4);
		const { period } = periodOf(new URLSearchParams({ period: 'year', year }), testNow());
		const { cells } = await counted(user, period);
		// The demo has appointments and questions this year: the test counts something.
		const current = cellOf(
			cells,
			bucketIndexes(period, (b) => b.part === 'current')
		);
		const next = periodOf(
			new URLSearchParams({ period: 'year', year: String(Number(year) + 1) }),
			testNow()
		).period;
		const both =
			current.counts.booked +
			cellOf(
				(await counted(user, next)).cells,
				bucketIndexes(next, (b) => b.part === 'current')
			).counts.booked;
		expect(both).toBeGreaterThan(0);
		await expectAgreement(user, period, await TILBURG_SCHOOLS());
		await expectAgreement(user, next, await TILBURG_SCHOOLS());
	});

	it('for generated bookings, questions, walk-in tickets, waiting lists and meetings, before and after they are deleted', async () => {
		const { user } = await userOf(TILBURG_ADMIN);
		const schools = [...(await TILBURG_SCHOOLS())];
		const staffId = SAMIRA.staffId!;
		let run = 0;
		const day = fc.integer({ min: 0, max: 729 });
		const booking = fc.record({
			school: fc.constantFrom(...schools),
			day,
			minute: fc.integer({ min: 0, max: 1439 }),
			status: fc.constantFrom(...BOOKING_STATUSES),
			madeBy: fc.constantFrom(...BOOKING_MADE_BY),
			cancelledBy: fc.option(fc.constantFrom(...CANCELLED_BY)),
			topic: fc.option(fc.constantFrom(...TOPICS)),
			language: fc.constantFrom(...LANGUAGES),
			interpreter: fc.option(fc.constantFrom('ar', 'ti', 'prs', 'Tigrinya', '')),
			reminded: fc.boolean()
		});
		const question = fc.record({
			school: fc.constantFrom(...schools),
			day,
			minute: fc.integer({ min: 0, max: 1439 }),
			category: fc.constantFrom(...TOPICS),
			language: fc.constantFrom(...LANGUAGES),
			answerAfter: fc.option(fc.integer({ min: 0, max: 20 * 86_400_000 }))
		});
		const ticket = fc.record({
			school: fc.constantFrom(...schools),
			day,
			status: fc.constantFrom(...TICKET_STATUSES),
			language: fc.constantFrom(...LANGUAGES),
			interpreter: fc.boolean(),
			wait: fc.integer({ min: -60_000, max: 3 * 3_600_000 })
		});
		const entry = fc.record({
			school: fc.constantFrom(...schools),
			day,
			minute: fc.integer({ min: 0, max: 1439 }),
			status: fc.constantFrom(...WAITLIST_STATUSES),
			// An offered or booked entry had an offer; an expired or left one may have had one.
			offered: fc.boolean()
		});
		const meeting = fc.record({
			school: fc.constantFrom(...schools),
			day,
			minute: fc.integer({ min: 0, max: 1380 }),
			status: fc.constantFrom(...MEETING_STATUSES),
			signups: fc.array(
				fc.record({
					people: fc.constantFrom(...MEETING_PEOPLE),
					language: fc.constantFrom(...LANGUAGES),
					status: fc.constantFrom(...SIGNUP_STATUSES),
					// Only a signed-up parent can be waiting for their place.
					waiting: fc.boolean()
				}),
				{ maxLength: 4 }
			)
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(booking, { maxLength: 25 }),
				fc.array(question, { maxLength: 15 }),
				fc.array(ticket, { maxLength: 15 }),
				fc.array(entry, { maxLength: 12 }),
				fc.array(meeting, { maxLength: 6 }),
				fc.constantFrom('year', 'quarter', 'month', 'range'),
				async (bs, qs, ts, ws, ms, kind) => {
					// Each run has two years of its own, far from the demo data.
					const base = `${2100 + 2 * run++}-01-01`;
					const dateOf = (d: number) =>
						new Date(Date.parse(`${base}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
					const at = (d: number, minute: number) =>
						wallClockToInstant(
							dateOf(d),
							`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
						) ?? startOfDay(dateOf(d));
					const statements = [];
					for (const [i, b] of bs.entries()) {
						const starts = at(b.day, b.minute);
						statements.push(
							env.DB.prepare(
								`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, starts_at, ends_at, first_name,
								 phone, topic, language, interpreter, interpreter_language, status, made_by, cancelled_by, reminded_at)
								 VALUES (?, ?, ?, ?, ?, ?, 'Test', '0612345678', ?, ?, ?, ?, ?, ?, ?, ?)`
							).bind(
								`F${run}B${i}`,
								`fig-${run}-b-${i}`,
								b.school,
								staffId,
								starts,
								starts + 20 * 60_000,
								b.topic,
								b.language,
								b.interpreter === null ? 0 : 1,
								b.interpreter || null,
								b.status,
								b.madeBy,
								b.status === 'cancelled' ? b.cancelledBy : null,
								b.reminded ? starts - 86_400_000 : null
							)
						);
					}
					for (const [i, w] of ws.entries()) {
						const joined = at(w.day, w.minute);
						const offered = w.offered || w.status === 'offered' || w.status === 'booked';
						statements.push(
							env.DB.prepare(
								`INSERT INTO waitlist_entries (reference, manage_token_hash, link_key, school_id, from_date, to_date,
								 first_name, phone, language, status, offer_staff_id, offer_starts_at, offer_ends_at, hold_until, created_at)
								 VALUES (?, ?, ?, ?, ?, ?, 'Test', '0612345678', 'nl', ?, ?, ?, ?, ?, ?)`
							).bind(
								`F${run}W${i}`,
								`fig-${run}-w-${i}`,
								`fig-${run}-w-${i}`,
								w.school,
								dateOf(w.day),
								dateOf(w.day + 14),
								w.status,
								offered ? staffId : null,
								offered ? joined + 86_400_000 : null,
								offered ? joined + 86_400_000 + 20 * 60_000 : null,
								offered ? joined + 2 * 3_600_000 : null,
								joined
							)
						);
					}
					for (const [i, m] of ms.entries()) {
						const starts = at(m.day, m.minute);
						statements.push(
							env.DB.prepare(
								`INSERT INTO meetings (organisation_id, school_id, title, starts_at, ends_at, place, capacity, languages, status, series_key)
								 SELECT organisation_id, id, '{"nl":"Koffie"}', ?, ?, 'Ouderkamer', 20, '["nl"]', ?, ? FROM schools WHERE id = ?`
							).bind(starts, starts + 3_600_000, m.status, `fig-${run}-m-${i}`, m.school)
						);
						for (const [j, signup] of m.signups.entries()) {
							statements.push(
								env.DB.prepare(
									`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, first_name, people, language, status, waiting_since)
									 SELECT id, ?, ?, 'Test', ?, ?, ?, ? FROM meetings WHERE series_key = ?`
								).bind(
									`F${run}M${i}S${j}`,
									`fig-${run}-m-${i}-${j}`,
									signup.people,
									signup.language,
									signup.status,
									signup.waiting && signup.status === 'signed_up' ? starts - 60_000 : null,
									`fig-${run}-m-${i}`
								)
							);
						}
					}
					for (const [i, q] of qs.entries()) {
						const asked = at(q.day, q.minute);
						statements.push(
							env.DB.prepare(
								`INSERT INTO questions (reference, access_token_hash, school_id, category, text, answer_by, language, made_by, created_at)
								 VALUES (?, ?, ?, ?, 'Vraag', 'page', ?, 'parent', ?)`
							).bind(`F${run}Q${i}`, `fig-${run}-q-${i}`, q.school, q.category, q.language, asked)
						);
						if (q.answerAfter !== null) {
							statements.push(
								env.DB.prepare(
									`INSERT INTO question_messages (question_id, author, body, created_at)
									 SELECT id, 'staff', 'Antwoord', ? FROM questions WHERE reference = ?`
								).bind(asked + q.answerAfter, `F${run}Q${i}`),
								// A parent's reply is no answer.
								env.DB.prepare(
									`INSERT INTO question_messages (question_id, author, body, created_at)
									 SELECT id, 'parent', 'Dank', ? FROM questions WHERE reference = ?`
								).bind(asked + q.answerAfter + 1, `F${run}Q${i}`)
							);
						}
					}
					for (const [i, t] of ts.entries()) {
						const queueAt = startOfDay(dateOf(t.day)) + 14 * 3_600_000;
						statements.push(
							env.DB.prepare(
								`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, language, interpreter, status, made_by, called_at)
								 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'kiosk', ?)`
							).bind(
								t.school,
								staffId,
								dateOf(t.day),
								i + 1,
								queueAt,
								t.language,
								t.interpreter ? 1 : 0,
								t.status,
								t.status === 'waiting' ? null : queueAt + t.wait
							)
						);
					}
					if (statements.length) await env.DB.batch(statements);
					const params = new URLSearchParams(
						kind === 'range'
							? { period: kind, from: dateOf(200), to: dateOf(500) }
							: kind === 'year'
								? { period: kind, year: dateOf(400).slice(0, 4) }
								: kind === 'quarter'
									? { period: kind, quarter: `${dateOf(400).slice(0, 4)}-Q2` }
									: { period: kind, month: dateOf(400).slice(0, 7) }
					);
					const { period } = periodOf(params, testNow());
					// "Now" in the middle of the two years: some meetings were held, some are to come.
					const now = startOfDay(dateOf(400)) + 12 * 3_600_000;
					await expectAgreement(user, period, new Set(schools), now);
					const before = countedFiguresKey(await counted(user, period, now));
					// Gone from the tables (retention, the parent, an erasure): still counted.
					await env.DB.batch([
						env.DB.prepare(`DELETE FROM questions WHERE reference LIKE ?`).bind(`F${run}Q%`),
						env.DB.prepare(`DELETE FROM bookings WHERE reference LIKE ?`).bind(`F${run}B%`),
						env.DB.prepare(`DELETE FROM waitlist_entries WHERE reference LIKE ?`).bind(`F${run}W%`),
						env.DB.prepare(`DELETE FROM walk_in_tickets WHERE date >= ? AND date < ?`).bind(
							base,
							dateOf(730)
						)
					]);
					expect(countedFiguresKey(await counted(user, period, now))).toEqual(before);
					await expectAgreement(user, period, new Set(schools), now);
				}
			),
			{ numRuns: 12 }
		);
	});
});

/** The figures as comparable values (the order of waits and answers does not matter). */
function countedFiguresKey(figures: Awaited<ReturnType<typeof counted>>) {
	return [...figures.cells]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, cell]) => ({
			key,
			counts: cell.counts,
			interpreters: cell.interpreters,
			waits: sorted(cell.waits),
			answers: sorted(cell.answers)
		}));
}

describe('figures survive retention', () => {
	it('counts anonymised bookings (with the interpreter language code) and deleted questions', async () => {
		const { user } = await userOf(TILBURG_ADMIN);
		// The demo's questions (days ago) and appointments (weeks ahead), in a range of their own.
		const today = amsterdamDate(testNow());
		const { period, problem } = periodOf(
			new URLSearchParams({ period: 'range', from: addDays(today, -300), to: addDays(today, 300) }),
			testNow()
		);
		expect(problem).toBeUndefined();
		const before = await counted(user, period);
		const current = bucketIndexes(period, (b) => b.part === 'current');
		const was = cellOf(before.cells, current);
		expect(was.counts.asked).toBeGreaterThan(0);
		// Long after everything: every booking anonymised, every question deleted.
		await runRetention(db(), testNow() + 3 * 366 * 86_400_000);
		expect((await all(`SELECT id FROM questions`)).length).toBe(0);
		expect(
			(
				await all(
					`SELECT id FROM bookings WHERE anonymised_at IS NULL AND ends_at < ?`,
					testNow() + 366 * 86_400_000
				)
			).length
		).toBe(0);
		const after = cellOf((await counted(user, period)).cells, current);
		expect(after.counts).toEqual(was.counts);
		expect(sorted(after.answers)).toEqual(sorted(was.answers));
		expect(after.interpreters).toEqual(was.interpreters);
		// What is left holds nothing personal.
		const records = await all<Record<string, unknown>>(`SELECT * FROM question_records`);
		expect(records.length).toBeGreaterThan(0);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual(
				[
					'asked_hour',
					'category',
					'first_answer_ms',
					'id',
					'language',
					'made_by',
					'school_id'
				].sort()
			);
			expect(Number(record.asked_hour) % 3_600_000).toBe(0);
		}
	});
});

describe('figures survive every deletion', () => {
	it('counts a booking erased by the AVG erasure or deleted by the parent, with its reminder', async () => {
		const { user } = await userOf(TILBURG_ADMIN);
		// Appointments of a year of their own, far from the demo data and the generated runs.
		const { period } = periodOf(new URLSearchParams({ period: 'year', year: '2098' }), testNow());
		const current = bucketIndexes(period, (b) => b.part === 'current');
		const starts = wallClockToInstant('2098-03-10', '09:10')!;
		type Kept = [string, string, string, number, string | null, string, string, string | null];
		const insert = ([reference, hash, phone, interpreter, language, status, madeBy, by]: Kept) =>
			env.DB.prepare(
				`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, starts_at, ends_at, first_name,
				 phone, contact_key, topic, language, interpreter, interpreter_language, status, made_by, cancelled_by,
				 reminded_at)
				 VALUES (?, ?, 1, ?, ?, ?, 'Erik', ?, ?, 'sleep_eating', 'pl', ?, ?, ?, ?, ?, ?)`
			).bind(
				reference,
				hash,
				SAMIRA.staffId,
				starts,
				starts + 20 * 60_000,
				phone,
				phone,
				interpreter,
				language,
				status,
				madeBy,
				by,
				status === 'cancelled' ? null : starts - 86_400_000
			);
		const token = 'figures-erase-own-delete';
		await env.DB.batch(
			(
				[
					['FERAS1', 'fig-erase-1', '0611112222', 1, 'pl', 'attended', 'parent', null],
					['FERAS2', 'fig-erase-2', '0611112222', 0, null, 'cancelled', 'kiosk', 'staff'],
					[
						'FERAS3',
						await sha256Hex(token),
						'0633334444',
						1,
						'Pools, graag',
						'no_show',
						'staff',
						null
					]
				] as Kept[]
			).map(insert)
		);
		const was = cellOf((await counted(user, period)).cells, current);
		expect(was.counts.booked).toBe(3);
		expect(was.counts.reminded).toBe(2);

		expect(
			await eraseContact(db(), user, '0611112222', { now: testNow(), secret: 'test-secret' })
		).toEqual({ bookings: 2, questions: 0, waitlist: 0, meetingSignups: 0, freed: [] });
		expect(await deleteBooking(db(), token)).toBe(true);
		expect((await all(`SELECT id FROM bookings WHERE reference LIKE 'FERAS%'`)).length).toBe(0);

		const after = cellOf((await counted(user, period)).cells, current);
		expect(after.counts).toEqual(was.counts);
		expect(after.interpreters).toEqual(was.interpreters);
		// What stays holds nothing personal: no name, contact, remark, words a parent typed, or minute.
		const records = await all<Record<string, unknown>>(
			`SELECT * FROM booking_records WHERE starts_hour >= ? AND starts_hour < ?`,
			startOfDay('2098-01-01'),
			startOfDay('2099-01-01')
		);
		expect(records).toHaveLength(3);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual(
				[
					'cancelled_by',
					'id',
					'interpreter',
					'interpreter_language',
					'language',
					'made_by',
					'reminded',
					'school_id',
					'starts_hour',
					'status',
					'topic'
				].sort()
			);
			expect(Number(record.starts_hour) % 3_600_000).toBe(0);
			expect(record.interpreter_language === null || record.interpreter_language === 'pl').toBe(
				true
			);
		}
	});

	it('counts a meeting sign-up erased by the AVG erasure, and keeps nothing personal of it', async () => {
		const { user } = await userOf(TILBURG_ADMIN);
		const { period } = periodOf(new URLSearchParams({ period: 'year', year: '2097' }), testNow());
		const current = bucketIndexes(period, (b) => b.part === 'current');
		const starts = wallClockToInstant('2097-05-07', '08:45')!;
		await env.DB.prepare(
			`INSERT INTO meetings (organisation_id, school_id, title, starts_at, ends_at, place, capacity, languages, status, series_key)
			 SELECT organisation_id, id, '{"nl":"Koffie"}', ?, ?, 'Ouderkamer', 4, '["nl","ar"]', 'planned', 'fig-erase-meeting'
			 FROM schools WHERE id = 1`
		)
			.bind(starts, starts + 3_600_000)
			.run();
		// Hanan came with two, Bram signed up alone; Hanan also waits for a second meeting place.
		const signup = (
			reference: string,
			people: number,
			language: string,
			status: string,
			waiting: number | null,
			phone: string
		) =>
			env.DB.prepare(
				`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, first_name, people, phone, language, status, waiting_since)
				 SELECT id, ?, ?, 'Hanan', ?, ?, ?, ?, ? FROM meetings WHERE series_key = 'fig-erase-meeting'`
			).bind(reference, `fig-erase-${reference}`, people, phone, language, status, waiting);
		await env.DB.batch([
			signup('FERSU1', 2, 'ar', 'attended', null, '0655556666'),
			signup('FERSU2', 1, 'ar', 'signed_up', starts - 86_400_000, '0655556666'),
			signup('FERSU3', 1, 'nl', 'signed_up', null, '0677778888')
		]);
		const was = cellOf((await counted(user, period)).cells, current);
		expect(was.counts.signups).toBe(2);
		expect(was.counts.signup_people).toBe(3);
		expect(was.counts.signups_attended).toBe(1);
		expect(was.counts.signup_language_ar).toBe(1);

		// As the coordinator's form hands it over: the phone as one key, however it was typed.
		const erased = await eraseContact(db(), user, contactKey({ phone: '+31 6 5555 6666' })!, {
			now: testNow(),
			secret: 'test-secret'
		});
		expect(erased.meetingSignups).toBe(2);
		expect((await all(`SELECT id FROM meeting_signups WHERE reference LIKE 'FERSU%'`)).length).toBe(
			1
		);

		const after = cellOf((await counted(user, period)).cells, current);
		expect(after.counts).toEqual(was.counts);
		const records = await all<Record<string, unknown>>(
			`SELECT r.* FROM signup_records r JOIN meetings m ON m.id = r.meeting_id
			 WHERE m.series_key = 'fig-erase-meeting'`
		);
		expect(records).toHaveLength(2);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual(
				['id', 'language', 'meeting_id', 'people', 'status', 'waiting'].sort()
			);
		}
	});
});

describe('who sees which figures', () => {
	it('a professional their own schools, a coordinator the organisation, nobody another organisation', async () => {
		const year = amsterdamDate(testNow()).slice(0, 4);
		const { period } = periodOf(new URLSearchParams({ period: 'year', year }), testNow());
		const schoolsFor = async (
			account: typeof SAMIRA,
			scope: Parameters<typeof figureQueries>[2]
		) => {
			const { user } = await userOf(account);
			const { schools } = countedFigures(
				await db().batch(figureQueries(db(), user, scope, period, testNow()))
			);
			return schools.map((s) => s.name);
		};
		const samiras = (
			await all<{ name: string }>(
				`SELECT s.name FROM schools s JOIN staff_schools l ON l.school_id = s.id WHERE l.staff_id = ? ORDER BY s.name`,
				SAMIRA.staffId
			)
		).map((s) => s.name);
		expect(samiras).toContain('De Zuidwester');
		expect(await schoolsFor(SAMIRA, { kind: 'all' })).toEqual(samiras);
		expect(await schoolsFor(SAMIRA, { kind: 'mine' })).toEqual(samiras);
		expect(await schoolsFor(JEROEN, { kind: 'school', schoolId: 1 })).toEqual(['De Zuidwester']);
		expect((await schoolsFor(TILBURG_ADMIN, { kind: 'all' })).sort()).toEqual(
			(
				await all<{ name: string }>(
					`SELECT s.name FROM schools s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'wijkteam-tilburg'`
				)
			)
				.map((s) => s.name)
				.sort()
		);
		// Another organisation's school, asked for by its id: nothing.
		expect(await schoolsFor(YUSUF, { kind: 'school', schoolId: 1 })).toEqual([]);
		expect(await schoolsFor(HAAG_ADMIN, { kind: 'school', schoolId: 1 })).toEqual([]);
		expect(await schoolsFor(HAAG_ADMIN, { kind: 'all' })).not.toContain('De Zuidwester');
		// A coordinator without hours has no schools of "mine".
		expect(await schoolsFor(TILBURG_ADMIN, { kind: 'mine' })).toEqual([]);
	});

	it('the page and the export answer only a signed-in person, for their own schools', async () => {
		expect((await get('/staff/figures')).status).toBe(303);
		expect((await get('/staff/figures.csv')).status).toBe(303);
		const { token } = await signIn(YUSUF);
		const page = await (await get('/staff/figures?scope=school&school=1', token)).text();
		expect(page).not.toContain('De Zuidwester');
		const csv = await (await get('/staff/figures.csv?scope=school&school=1', token)).text();
		expect(csv).not.toContain('De Zuidwester');
		const admin = await signIn(TILBURG_ADMIN);
		const own = await get('/staff/figures.csv?period=year&year=2026', admin.token);
		expect(own.headers.get('content-type')).toContain('text/csv');
		const lines = (await own.text()).trim().split('\r\n');
		// One row per school per month.
		const schools = await TILBURG_SCHOOLS();
		expect(lines.length - 1).toBe(schools.size * 12);
	});

	it('reads the page in one D1 round trip', async () => {
		const { token } = await signIn(TILBURG_ADMIN);
		const res = await get('/staff/figures?period=year&year=2026', token, {
			'cache-control': 'no-cache'
		});
		expect(res.status).toBe(200);
		const match = /d1;desc="(\d+) round trips?"/.exec(res.headers.get('server-timing') ?? '');
		expect(Number(match?.[1])).toBe(1);
		// With the reminders, the waiting list and the meetings in that one batch.
		const page = await res.text();
		for (const text of ['Herinnering verstuurd', 'Plek aangeboden', 'Aanmeldingen die kwamen']) {
			expect(page).toContain(text);
		}
	});
});

describe('the export hides small counts', () => {
	const counts = (values: Partial<Counts>) =>
		({ ...Object.fromEntries(COUNTS.map((c) => [c, 0])), ...values }) as Counts;

	it('shows 1 to 4 as "<5" and hides a second part that would give one away', () => {
		const hidden = hiddenCounts(
			counts({
				booked: 12,
				attended: 9,
				no_show: 3,
				made_parent: 12,
				booking_language_nl: 12,
				booking_topic_none: 12
			})
		);
		expect(hidden.get('no_show')).toBe(HIDDEN_SMALL);
		// 12 booked − 9 attended would give the 3 no-shows.
		expect(hidden.get('attended')).toBe(HIDDEN_SECOND);
		expect(hidden.has('booked')).toBe(false);
		expect(hidden.has('made_parent')).toBe(false);
	});

	it('hides a part whose difference to its total is small', () => {
		const hidden = hiddenCounts(
			counts({ tickets: 12, served: 10, asked: 20, answered: 20, booked: 30, interpreter: 28 })
		);
		expect(hidden.get('served')).toBe(HIDDEN_SECOND);
		expect(hidden.has('answered')).toBe(false);
		expect(hidden.get('interpreter')).toBe(HIDDEN_SECOND);
	});

	it('hides what would give away a small count of the waiting list, reminders or meetings', () => {
		const hidden = hiddenCounts(
			counts({
				booked: 30,
				reminded: 27,
				waitlist_joined: 14,
				waitlist_offered: 10,
				waitlist_claimed: 3,
				waitlist_offer_expired: 7,
				signups: 12,
				signups_attended: 10,
				signup_people: 19,
				signup_language_nl: 9,
				signup_language_ar: 3
			})
		);
		expect(hidden.get('reminded')).toBe(HIDDEN_SECOND);
		// 10 offered − 7 ran out would give the 3 claimed.
		expect(hidden.get('waitlist_claimed')).toBe(HIDDEN_SMALL);
		expect(hidden.get('waitlist_offer_expired')).toBe(HIDDEN_SECOND);
		expect(hidden.get('waitlist_offered')).toBe(HIDDEN_SECOND);
		expect(hidden.get('signups_attended')).toBe(HIDDEN_SECOND);
		expect(hidden.get('signup_language_ar')).toBe(HIDDEN_SMALL);
		expect(hidden.get('signup_language_nl')).toBe(HIDDEN_SECOND);
		expect(hidden.has('signups')).toBe(false);
		expect(hidden.has('signup_people')).toBe(false);
	});

	it('never writes a count from 1 to 4 into the file, nor a rate or median of hidden counts', async () => {
		const { token } = await signIn(TILBURG_ADMIN);
		const year = amsterdamDate(testNow()).slice(0, 4);
		const csv = await (await get(`/staff/figures.csv?period=year&year=${year}`, token)).text();
		const [header, ...rows] = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n')
			.map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
		const rateAt = header.indexOf('no_show_rate');
		const countColumns = header.slice(2, rateAt);
		expect(countColumns.length).toBeGreaterThan(40);
		let smallSeen = 0;
		for (const row of rows) {
			for (const value of row.slice(2, rateAt)) {
				expect(['1', '2', '3', '4']).not.toContain(value);
				if (value === HIDDEN_SMALL) smallSeen++;
			}
			const noShow = row[header.indexOf('no_show')];
			if (noShow === HIDDEN_SMALL || noShow === HIDDEN_SECOND) expect(row[rateAt]).toBe('');
			const served = row[header.indexOf('served')];
			if (!/^\d+$/.test(served) || Number(served) < 5)
				expect(row[header.indexOf('median_wait_minutes')]).toBe('');
		}
		// The demo's few appointments are small numbers: the file shows them hidden.
		expect(smallSeen).toBeGreaterThan(0);
	});

	it('takes the nearest-rank percentile', () => {
		expect(percentile([], 0.5)).toBeNull();
		expect(percentile([5], 0.9)).toBe(5);
		expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
	});
});
