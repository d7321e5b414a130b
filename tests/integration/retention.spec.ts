import { createScheduledController } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/worker';
import { getDb } from '$lib/server/db';
import { runRetention, type RetentionCounts } from '$lib/server/retention';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { runtimeTimeOf, testNow } from './clock';

const DAY = 86_400_000;
const MINUTE = 60_000;
// A fixed moment, so every boundary below is exact; the demo data around it is real.
const NOW = Math.floor(testNow() / MINUTE) * MINUTE;
const today = amsterdamDate(NOW);

const first = <T>(query: string, ...binds: unknown[]) =>
	env.DB.prepare(query)
		.bind(...binds)
		.first<T>();
const all = async <T>(query: string, ...binds: unknown[]) =>
	(
		await env.DB.prepare(query)
			.bind(...binds)
			.all<T>()
	).results;
const run = (query: string, ...binds: unknown[]) =>
	env.DB.prepare(query)
		.bind(...binds)
		.run();
const ids = async (table: string) =>
	(await all<{ id: number | string }>(`SELECT rowid AS id FROM ${table} ORDER BY rowid`)).map(
		(r) => r.id
	);

let serial = 0;
/** Organisations with different retention periods, and a school and professional of each. */
async function places() {
	await run(
		`UPDATE organisations SET booking_retention_days = 30, question_retention_days = 10 WHERE slug = 'wijkteam-hollands-kroon'`
	);
	const school = async (org: string) =>
		(await first<{ school: number; staff: number }>(
			`SELECT s.id AS school, st.id AS staff FROM schools s JOIN staff st ON st.organisation_id = s.organisation_id
			 JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = ? ORDER BY s.id, st.id LIMIT 1`,
			org
		))!;
	// Tilburg keeps the defaults: 90 days for bookings, 180 for closed questions.
	return {
		tilburg: await school('wijkteam-tilburg'),
		kroon: await school('wijkteam-hollands-kroon')
	};
}

async function waitlistEntry(school: number, toDate: string, status: string) {
	const n = ++serial;
	const { meta } = await run(
		`INSERT INTO waitlist_entries (reference, manage_token_hash, link_key, school_id, from_date, to_date,
		 first_name, phone, contact_key, language, status) VALUES (?, ?, ?, ?, ?, ?, 'Fatima', '+31612345678',
		 '+31612345678', 'ar', ?)`,
		`WRET${n}`,
		`waitlist-retention-hash-${n}`,
		`waitlist-retention-key-${n}`,
		school,
		addDays(toDate, -7),
		toDate,
		status
	);
	return meta.last_row_id;
}

async function booking(at: { school: number; staff: number }, endsAt: number, extra = '') {
	const n = ++serial;
	const { meta } = await run(
		`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, starts_at, ends_at, first_name,
		 phone, email, contact_key, remark, interpreter, interpreter_language, cancel_reason, language, made_by, status${extra ? ', anonymised_at' : ''})
		 VALUES (?, ?, ?, ?, ?, ?, 'Fatima', '+31612345678', 'fatima@example.nl', '+31612345678', 'Over slapen',
		 1, 'Arabisch', 'Ziek', 'ar', 'parent', 'attended'${extra ? ', ?' : ''})`,
		`RET${n}`,
		`retention-hash-${n}`,
		at.school,
		at.staff,
		endsAt - 20 * MINUTE,
		endsAt,
		...(extra ? [NOW - 5 * DAY] : [])
	);
	return meta.last_row_id;
}

/**
 * A question with its dates: asked at `createdAt`, an answer and a reply at `messagesAt` (none when
 * null), last changed by staff at `updatedAt`, closed at `closedAt`. Every date is set here, never
 * left to the SQL default: retention counts from the last of them.
 */
async function question(
	school: number,
	status: string,
	{
		closedAt = null as number | null,
		createdAt = NOW - 400 * DAY,
		messagesAt = (NOW - 400 * DAY + MINUTE) as number | null,
		updatedAt = null as number | null
	} = {}
) {
	const n = ++serial;
	const { meta } = await run(
		`INSERT INTO questions (reference, access_token_hash, school_id, category, text, answer_by, language, status, closed_at, created_at, updated_at)
		 VALUES (?, ?, ?, 'sleep_eating', 'Mijn kind slaapt slecht.', 'page', 'nl', ?, ?, ?, ?)`,
		`QRET${n}`,
		`question-hash-${n}`,
		school,
		status,
		closedAt,
		createdAt,
		updatedAt
	);
	const id = meta.last_row_id;
	if (messagesAt !== null) {
		await run(
			`INSERT INTO question_messages (question_id, author, body, created_at) VALUES (?, 'staff', 'Een antwoord.', ?), (?, 'parent', 'Dank u.', ?)`,
			id,
			messagesAt - MINUTE,
			id,
			messagesAt
		);
	}
	return id;
}

/**
 * Rows on both sides of every rule's boundary. Returns the ids that must go (or change) and the
 * ones that must stay exactly as they are.
 */
async function seedAroundBoundaries() {
	const { tilburg, kroon } = await places();
	const user = (await first<{ id: number }>('SELECT id FROM users ORDER BY id LIMIT 1'))!.id;

	const bookings = {
		tilburgDue: await booking(tilburg, NOW - 90 * DAY - MINUTE),
		tilburgKept: await booking(tilburg, NOW - 90 * DAY + MINUTE),
		// Old enough for Hollands Kroon's 30 days, not for Tilburg's 90.
		tilburg60: await booking(tilburg, NOW - 60 * DAY),
		kroonDue: await booking(kroon, NOW - 30 * DAY - MINUTE),
		kroonKept: await booking(kroon, NOW - 30 * DAY + MINUTE),
		kroon60: await booking(kroon, NOW - 60 * DAY),
		alreadyAnonymised: await booking(tilburg, NOW - 200 * DAY, 'anonymised')
	};
	const tilburgEdge = NOW - 180 * DAY;
	const kroonEdge = NOW - 10 * DAY;
	const questions = {
		tilburgDue: await question(tilburg.school, 'closed', { closedAt: tilburgEdge - MINUTE }),
		tilburgKept: await question(tilburg.school, 'closed', { closedAt: tilburgEdge + MINUTE }),
		kroonDue: await question(kroon.school, 'closed', { closedAt: kroonEdge - MINUTE }),
		kroonKept: await question(kroon.school, 'closed', { closedAt: kroonEdge + MINUTE }),
		// Never closed: counted from the last thing that happened to it.
		tilburgAnsweredDue: await question(tilburg.school, 'answered', {
			messagesAt: tilburgEdge - MINUTE
		}),
		tilburgAnsweredKept: await question(tilburg.school, 'answered', {
			messagesAt: tilburgEdge + MINUTE
		}),
		tilburgNewDue: await question(tilburg.school, 'new', {
			createdAt: tilburgEdge - MINUTE,
			messagesAt: null
		}),
		tilburgNewKept: await question(tilburg.school, 'new', {
			createdAt: tilburgEdge + MINUTE,
			messagesAt: null
		}),
		// Taken or assigned by staff lately, though nobody wrote for a long time.
		tilburgTakenKept: await question(tilburg.school, 'in_progress', {
			updatedAt: tilburgEdge + MINUTE
		}),
		kroonInProgressDue: await question(kroon.school, 'in_progress', {
			messagesAt: kroonEdge - MINUTE,
			updatedAt: kroonEdge - 2 * MINUTE
		}),
		kroonInProgressKept: await question(kroon.school, 'in_progress', {
			messagesAt: kroonEdge + MINUTE
		})
	};

	const session = (id: string, lastSeen: number, expires: number) =>
		run(
			`INSERT INTO sessions (id_hash, user_id, second_factor_at, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id,
			user,
			lastSeen,
			lastSeen,
			lastSeen,
			expires
		);
	await session('expired', NOW - 10 * MINUTE, NOW - MINUTE);
	await session('idle', NOW - 30 * MINUTE - MINUTE, NOW + 3_600_000);
	await session('live', NOW - 29 * MINUTE, NOW + 3_600_000);

	const kiosk = async (name: string, values: Record<string, unknown>) =>
		(
			await run(
				`INSERT INTO kiosk_devices (school_id, name, ${Object.keys(values).join(', ')}) VALUES (?, ?, ${Object.keys(
					values
				)
					.map(() => '?')
					.join(', ')})`,
				tilburg.school,
				name,
				...Object.values(values)
			)
		).meta.last_row_id;
	const kiosks = {
		deadCode: await kiosk('dead', {
			pairing_code_hash: 'kiosk-dead',
			pairing_expires_at: NOW - MINUTE
		}),
		liveCode: await kiosk('waiting', {
			pairing_code_hash: 'kiosk-live',
			pairing_expires_at: NOW + MINUTE
		}),
		usedCode: await kiosk('paired', {
			pairing_code_hash: 'kiosk-used',
			pairing_expires_at: NOW + MINUTE,
			token_hash: 'kiosk-token-1',
			paired_at: NOW - DAY
		}),
		expiredPaired: await kiosk('paired, code run out', {
			pairing_code_hash: 'kiosk-old',
			pairing_expires_at: NOW - DAY,
			token_hash: 'kiosk-token-2',
			paired_at: NOW - 2 * DAY
		}),
		plain: await kiosk('hall', { token_hash: 'kiosk-token-3', paired_at: NOW - 9 * DAY })
	};

	const ticket = async (date: string, number: number) =>
		(
			await run(
				`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, first_name, language, made_by)
				 VALUES (?, ?, ?, ?, ?, 'Sara', 'nl', 'kiosk')`,
				tilburg.school,
				tilburg.staff,
				date,
				number,
				NOW
			)
		).meta.last_row_id;
	const tickets = {
		twoDaysAgo: await ticket(addDays(today, -2), 1),
		yesterday: await ticket(addDays(today, -1), 1),
		today: await ticket(today, 1)
	};

	const mail = async (age: number) =>
		(
			await run(
				`INSERT INTO outbox (to_address, subject, text, language, kind, status, created_at) VALUES ('fatima@example.nl', 'Afspraak', 'Tekst', 'nl', 'test', 'sent', ?)`,
				NOW - age
			)
		).meta.last_row_id;
	const outbox = { old: await mail(30 * DAY + MINUTE), recent: await mail(30 * DAY - MINUTE) };

	const token = (hash: string, expires: number) =>
		run(
			`INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, 'password_reset', ?)`,
			hash,
			user,
			expires
		);
	await token('token-expired', NOW - MINUTE);
	await token('token-valid', NOW + MINUTE);

	await run(
		`INSERT INTO rate_limits (key, window_start, hits, expires_at) VALUES ('booking:old', ?, 3, ?), ('booking:now', ?, 3, ?)`,
		NOW - 2 * MINUTE,
		NOW - MINUTE,
		NOW - 30_000,
		NOW + 30_000
	);
	await run(
		`INSERT INTO sign_in_throttle (client_hash, failures, window_start, locked_until) VALUES
		 ('throttle-old', 3, ?, NULL), ('throttle-locked', 20, ?, ?), ('throttle-recent', 2, ?, NULL)`,
		NOW - 16 * MINUTE,
		NOW - 16 * MINUTE,
		NOW + MINUTE,
		NOW - 5 * MINUTE
	);
	// Waiting-list places go with their window: N days after its last date, whatever their status.
	const waitlist = {
		tilburgDue: await waitlistEntry(tilburg.school, addDays(today, -91), 'left'),
		tilburgKept: await waitlistEntry(tilburg.school, addDays(today, -90), 'expired'),
		kroonDue: await waitlistEntry(kroon.school, addDays(today, -31), 'booked'),
		kroonKept: await waitlistEntry(kroon.school, addDays(today, -30), 'expired'),
		// Never cleaned up by the cron, still the window decides.
		tilburgWaitingDue: await waitlistEntry(tilburg.school, addDays(today, -120), 'waiting'),
		current: await waitlistEntry(tilburg.school, addDays(today, 7), 'waiting')
	};
	return { bookings, questions, kiosks, tickets, outbox, waitlist };
}

/** Storage is shared between the tests of a file: each starts without the rows of the last. */
beforeEach(async () => {
	await env.DB.batch(
		[
			`DELETE FROM question_messages WHERE question_id IN (SELECT id FROM questions WHERE reference LIKE 'QRET%')`,
			`DELETE FROM questions WHERE reference LIKE 'QRET%'`,
			`DELETE FROM bookings WHERE reference LIKE 'RET%'`,
			`DELETE FROM sessions WHERE id_hash IN ('expired', 'idle', 'live')`,
			`DELETE FROM kiosk_devices WHERE name IN ('dead', 'waiting', 'paired', 'paired, code run out', 'hall')`,
			`DELETE FROM walk_in_tickets WHERE first_name = 'Sara'`,
			`DELETE FROM outbox WHERE kind = 'test'`,
			`DELETE FROM account_tokens WHERE token_hash LIKE 'token-%'`,
			`DELETE FROM rate_limits`,
			`DELETE FROM sign_in_throttle WHERE client_hash LIKE 'throttle-%'`,
			`DELETE FROM waitlist_entries WHERE reference LIKE 'WRET%'`
		].map((q) => env.DB.prepare(q))
	);
});

const EXPECTED: RetentionCounts = {
	bookingsAnonymised: 3,
	questionsDeleted: 5,
	questionMessagesDeleted: 8,
	sessionsDeleted: 2,
	kioskDevicesDeleted: 1,
	pairingCodesCleared: 2,
	walkInTicketsDeleted: 1,
	outboxDeleted: 1,
	pushSubscriptionsDeleted: 0,
	localMessagesDeleted: 0,
	accountTokensDeleted: 1,
	rateLimitRowsDeleted: 1,
	signInThrottleDeleted: 1,
	meetingSignupsAnonymised: 0,
	waitlistEntriesDeleted: 3
};

const TABLES = [
	'bookings',
	'questions',
	'question_messages',
	'sessions',
	'kiosk_devices',
	'walk_in_tickets',
	'outbox',
	'account_tokens',
	'rate_limits',
	'sign_in_throttle',
	'waitlist_entries'
];
const snapshot = async () =>
	Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await ids(t)] as const)));
const bookingRow = (id: number) =>
	first<Record<string, unknown>>('SELECT * FROM bookings WHERE id = ?', id);

/** Everything the rules must have done, and nothing more. */
async function expectRetained(
	seeded: Awaited<ReturnType<typeof seedAroundBoundaries>>,
	before: Awaited<ReturnType<typeof snapshot>>,
	otherBookings: Record<string, unknown>[]
) {
	const after = await snapshot();
	const gone = (table: string) => before[table].filter((id) => !after[table].includes(id));
	expect(after.bookings).toEqual(before.bookings);
	expect(gone('questions').sort()).toEqual(
		[
			seeded.questions.tilburgDue,
			seeded.questions.kroonDue,
			seeded.questions.tilburgAnsweredDue,
			seeded.questions.tilburgNewDue,
			seeded.questions.kroonInProgressDue
		].sort()
	);
	expect(gone('question_messages')).toHaveLength(8);
	expect(gone('kiosk_devices')).toEqual([seeded.kiosks.deadCode]);
	expect(gone('walk_in_tickets')).toEqual([seeded.tickets.twoDaysAgo]);
	expect(gone('outbox')).toEqual([seeded.outbox.old]);
	expect(gone('waitlist_entries').sort()).toEqual(
		[seeded.waitlist.tilburgDue, seeded.waitlist.kroonDue, seeded.waitlist.tilburgWaitingDue].sort()
	);
	for (const table of TABLES)
		expect(after[table].every((id) => before[table].includes(id))).toBe(true);

	for (const id of [
		seeded.bookings.tilburgDue,
		seeded.bookings.kroonDue,
		seeded.bookings.kroon60
	]) {
		expect(await bookingRow(id)).toMatchObject({
			first_name: '-',
			phone: null,
			email: null,
			contact_key: null,
			remark: null,
			interpreter_language: null,
			cancel_reason: null,
			anonymised_at: NOW,
			// What statistics may still count stays.
			language: 'ar',
			status: 'attended',
			school_id: expect.any(Number)
		});
	}
	for (const id of [
		seeded.bookings.tilburgKept,
		seeded.bookings.tilburg60,
		seeded.bookings.kroonKept
	]) {
		expect(await bookingRow(id)).toMatchObject({
			first_name: 'Fatima',
			phone: '+31612345678',
			email: 'fatima@example.nl',
			remark: 'Over slapen',
			interpreter_language: 'Arabisch',
			anonymised_at: null
		});
	}
	// Anonymised earlier: not touched again (its date stays).
	expect(await bookingRow(seeded.bookings.alreadyAnonymised)).toMatchObject({
		anonymised_at: NOW - 5 * DAY
	});
	// The demo's own bookings (all recent or coming) are exactly as they were.
	expect(await all(`SELECT * FROM bookings WHERE reference NOT LIKE 'RET%' ORDER BY id`)).toEqual(
		otherBookings
	);

	expect(
		(
			await all<{ id_hash: string }>(
				`SELECT id_hash FROM sessions WHERE id_hash IN ('expired', 'idle', 'live')`
			)
		).map((r) => r.id_hash)
	).toEqual(['live']);
	const kiosk = (id: number) =>
		first<{
			pairing_code_hash: string | null;
			pairing_expires_at: number | null;
			token_hash: string | null;
		}>(
			'SELECT pairing_code_hash, pairing_expires_at, token_hash FROM kiosk_devices WHERE id = ?',
			id
		);
	expect(await kiosk(seeded.kiosks.liveCode)).toEqual({
		pairing_code_hash: 'kiosk-live',
		pairing_expires_at: NOW + MINUTE,
		token_hash: null
	});
	expect(await kiosk(seeded.kiosks.usedCode)).toEqual({
		pairing_code_hash: null,
		pairing_expires_at: null,
		token_hash: 'kiosk-token-1'
	});
	expect(await kiosk(seeded.kiosks.expiredPaired)).toEqual({
		pairing_code_hash: null,
		pairing_expires_at: null,
		token_hash: 'kiosk-token-2'
	});
	expect(await kiosk(seeded.kiosks.plain)).toMatchObject({ token_hash: 'kiosk-token-3' });
	expect(
		(
			await all<{ token_hash: string }>(
				`SELECT token_hash FROM account_tokens WHERE token_hash LIKE 'token-%'`
			)
		).map((r) => r.token_hash)
	).toEqual(['token-valid']);
	expect((await all<{ key: string }>(`SELECT key FROM rate_limits`)).map((r) => r.key)).toEqual([
		'booking:now'
	]);
	expect(
		(
			await all<{ client_hash: string }>(
				`SELECT client_hash FROM sign_in_throttle WHERE client_hash LIKE 'throttle-%' ORDER BY client_hash`
			)
		).map((r) => r.client_hash)
	).toEqual(['throttle-locked', 'throttle-recent']);
}

describe('data retention (runRetention)', () => {
	it('anonymises, deletes and purges on the right side of every boundary, per organisation', async () => {
		const seeded = await seedAroundBoundaries();
		const otherBookings = await all<Record<string, unknown>>(
			`SELECT * FROM bookings WHERE reference NOT LIKE 'RET%' ORDER BY id`
		);
		const before = await snapshot();

		expect(await runRetention(getDb(env.DB), NOW)).toEqual(EXPECTED);
		await expectRetained(seeded, before, otherBookings);

		// A second run the same night finds nothing left to do.
		expect(Object.values(await runRetention(getDb(env.DB), NOW)).every((n) => n === 0)).toBe(true);
	});

	it('keeps everything a minute earlier, when no boundary has been passed yet', async () => {
		await seedAroundBoundaries();
		const before = await snapshot();
		const counts = await runRetention(getDb(env.DB), NOW - 2 * MINUTE);
		// Only what was long gone already: the two-day-old ticket, the 60-day Hollands Kroon
		// booking and the paired kiosk whose code ran out a day ago.
		expect(counts).toMatchObject({
			bookingsAnonymised: 1,
			questionsDeleted: 0,
			walkInTicketsDeleted: 1,
			outboxDeleted: 0,
			accountTokensDeleted: 0
		});
		expect((await snapshot()).questions).toEqual(before.questions);
	});
});

describe('the scheduled handler of the worker entry (src/worker.ts)', () => {
	it('runs the retention at the scheduled time and logs counts only', async () => {
		const seeded = await seedAroundBoundaries();
		const otherBookings = await all<Record<string, unknown>>(
			`SELECT * FROM bookings WHERE reference NOT LIKE 'RET%' ORDER BY id`
		);
		const before = await snapshot();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});

		await worker.scheduled(
			createScheduledController({ scheduledTime: runtimeTimeOf(NOW), cron: '30 2 * * *' }),
			env
		);

		await expectRetained(seeded, before, otherBookings);
		const lines = log.mock.calls.map((args) => args.join(' '));
		log.mockRestore();
		const line = lines.find((l) => l.includes('"retention"'))!;
		expect(JSON.parse(line)).toEqual({
			level: 'info',
			msg: 'retention',
			cron: '30 2 * * *',
			...EXPECTED
		});
		expect(line).not.toMatch(/Fatima|fatima@|\+316|Sara|Arabisch/);
	});

	it('is what the runtime calls for the cron trigger', async () => {
		const seeded = await seedAroundBoundaries();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		// Through the runtime's own entry point, as the cron trigger does.
		const entry = exports.default as unknown as {
			scheduled(options: { scheduledTime: number; cron: string }): Promise<unknown>;
		};
		// The runtime hands over the real time; the worker's clock reads NOW then.
		await entry.scheduled({ scheduledTime: runtimeTimeOf(NOW), cron: '30 2 * * *' });
		log.mockRestore();
		expect(
			(await first<{ n: number }>(
				`SELECT count(*) AS n FROM bookings WHERE anonymised_at = ?`,
				NOW
			))!.n
		).toBe(EXPECTED.bookingsAnonymised);
		expect(
			(await first<{ n: number }>(
				`SELECT count(*) AS n FROM questions WHERE reference LIKE 'QRET%'`
			))!.n
		).toBe(Object.keys(seeded.questions).length - EXPECTED.questionsDeleted);
	});
});
