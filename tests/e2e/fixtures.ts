/**
 * The browser tests' own data, loaded after the demo data and before the worker starts
 * (playwright.config.ts runs `node tests/e2e/fixtures.ts FILE` and serve.ts --sql FILE). Nothing
 * is written into D1 behind the worker's back while tests run (a second writer makes the worker's
 * own queries fail with SQLITE_BUSY).
 *
 * - An account for each test that signs in (the demo password, a TOTP secret of its own): a TOTP
 *   code works once per account, so tests that ran side by side with one account took each
 *   other's codes.
 * - A school of its own for the kiosk's walk-in journey, in an organisation without holidays, with
 *   a walk-in hour from before the run to midnight and all of the next day, and a pairing code.
 * - Stored script in every free-text column (xss.spec.ts).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { base32Encode } from '../../src/lib/server/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { LANGUAGES } from '../../src/lib/i18n/languages.ts';
import {
	isoWeekday,
	minutesOfDay,
	timeOfDay,
	wallClockToInstant
} from '../../src/lib/server/scheduling/time.ts';
import { dayFromToday, now } from './clock.ts';

/** A SQL string literal. */
const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const json = (value: unknown) => sql(JSON.stringify(value));

export const PAYLOAD = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">`;
/** For a first name (at most 60 characters, also in D1). */
export const SHORT = `<img src=x onerror="window.__xss=1">`;
// Secret links of the planted records (only their hashes go into D1, as the app stores them).
export const TOKENS = {
	booking: 'xss-booking-manage-token-aaaaaaaaaaaa',
	cancelled: 'xss-booking-cancelled-token-bbbbbbbbb',
	toCancel: 'xss-booking-to-cancel-token-ccccccccc',
	question: 'xss-question-access-token-dddddddddddd'
};

/**
 * The payload in every free-text column there is, on records of their own (ids from 9101), with
 * a professional of De Zuidwester that only xss.spec.ts signs in with.
 */
export function xssStatements(staffId: number, tomorrow: string): string[] {
	// Tomorrow at 06:00 and 06:30 (no spreekuur starts then: no free time is taken).
	const day = wallClockToInstant(tomorrow, '06:00')!;
	const at = (minutes: number) => day + minutes * 60_000;
	const booking = (id: number, token: string, minutes: number, extra: string) =>
		`INSERT INTO bookings (id, reference, manage_token_hash, school_id, staff_id, location_id, starts_at, ends_at,
			first_name, phone, language, interpreter, interpreter_language, remark, made_by, status, cancel_reason)
			VALUES (${id}, 'XSS${id - 9100}AB', ${sql(sha256(token))}, 1, ${staffId}, 1, ${at(minutes)}, ${at(minutes + 20)},
			${extra})`;
	return [
		booking(
			9101,
			TOKENS.booking,
			0,
			`${sql(SHORT)}, '0612340001', 'nl', 1, ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, 'parent', 'booked', NULL`
		),
		booking(
			9102,
			TOKENS.cancelled,
			30,
			`'Xsscancel', '0612340002', 'nl', 0, NULL, NULL, 'parent', 'cancelled', ${sql(PAYLOAD)}`
		),
		booking(
			9103,
			TOKENS.toCancel,
			60,
			`'Xssreason', '0612340003', 'nl', 0, NULL, NULL, 'parent', 'booked', NULL`
		),
		`INSERT INTO questions (id, reference, access_token_hash, school_id, category, text, answer_by, first_name,
			language, status) VALUES (9101, 'XSSQ23', ${sql(sha256(TOKENS.question))}, 1, 'other', ${sql(PAYLOAD)},
			'page', ${sql(SHORT)}, 'nl', 'answered')`,
		`INSERT INTO question_messages (id, question_id, author, staff_id, body) VALUES
			(9101, 9101, 'staff', ${staffId}, ${sql(PAYLOAD)}), (9102, 9101, 'parent', NULL, ${sql(PAYLOAD)})`,
		`INSERT INTO saved_replies (id, staff_id, title, body) VALUES (9101, ${staffId}, ${sql(PAYLOAD)}, ${sql(PAYLOAD)})`,
		`UPDATE staff SET intro = json_set(coalesce(intro, '{}'), '$.ti', ${sql(PAYLOAD)}) WHERE id = ${staffId}`,
		// A school, a place and a holiday of Hollands Kroon (no other browser test looks there).
		`INSERT INTO schools (id, organisation_id, slug, name, address, postcode, town, neighbourhood, search_text,
			default_language, languages) VALUES (9101, 2, 'xss-school', ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, '1771 AA',
			'Xssdorp', ${sql(PAYLOAD)}, 'xssdorp', 'nl', '["nl","en"]')`,
		`INSERT INTO locations (id, organisation_id, school_id, name, address, directions) VALUES
			(9101, 2, 9101, ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, ${json({ nl: PAYLOAD })})`,
		`INSERT INTO partners (id, school_id, name, role, organisation_name, description) VALUES
			(9101, 9101, ${sql(PAYLOAD)}, 'wijkagent', ${sql(PAYLOAD)}, ${json({ nl: PAYLOAD })})`,
		`INSERT INTO closures (id, organisation_id, school_id, name, start_date, end_date) VALUES
			(9101, 2, NULL, ${sql(PAYLOAD)}, '2030-01-07', '2030-01-07')`
	];
}

/**
 * A walk-in ticket of today at De Zuidwester with its own page (reach.spec.ts): number 901 of
 * a professional of its own, with one parent before it. Its page is found by the token's hash.
 */
export const TICKET = { token: 'e2e-ticket-page-token-eeeeeeeeeeeeeeee', number: 902 };

function ticketStatements(staffId: number): string[] {
	const today = dayFromToday();
	const ticket = (number: number, hash: string) =>
		`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, language, status,
			made_by, token_hash) VALUES (1, ${staffId}, '${today}', ${number}, ${now() + number},
			'nl', 'waiting', 'kiosk', ${hash})`;
	return [ticket(TICKET.number - 1, 'NULL'), ticket(TICKET.number, sql(sha256(TICKET.token)))];
}

/** The walk-in journey's organisation, school and place (ids of their own). */
export const WALK_IN = {
	id: 9201,
	slug: 'de-proeftuin',
	pairingCode: 'PR8EFT2N',
	professional: 'Noa Visser'
};

/**
 * The live screens' school (live.spec.ts): in the walk-in organisation, with a walk-in hour of
 * its own professional running now, two tablets to pair, and a parent with a booking today to
 * check in with (while the network is gone).
 */
export const LIVE = {
	id: 9203,
	slug: 'de-golfslag',
	pairingCodes: ['GL4KSK8N', 'GL5KSK9P', 'GL6KSK2Q'],
	reference: 'GLFK7Q',
	parent: 'Mila'
};

/** A kiosk of De Zuidwester that only read-aloud.spec.ts pairs (a pairing code works once). */
export const READ_ALOUD_KIOSK = { id: 9202, pairingCode: 'VR4LZ3N7' };

/** Who signs in where: a coordinator of the organisation, or a professional of the schools. */
const ACCOUNTS = {
	'staff-colleague': { organisationId: 1, schoolIds: [1] },
	'staff-inviter': { organisationId: 1 },
	privacy: { organisationId: 1 },
	'no-third-party': { organisationId: 2 },
	'xss-professional': { organisationId: 1, schoolIds: [1] },
	'xss-coordinator': { organisationId: 2 },
	'a11y-nl-coordinator': { organisationId: 2 },
	'a11y-en-coordinator': { organisationId: 3 },
	'a11y-reflow': { organisationId: 2 },
	'a11y-forced-colours': { organisationId: 3, schoolIds: [5] },
	'a11y-focus': { organisationId: 2 },
	'kiosk-coordinator': { organisationId: 1 },
	'walk-in': { organisationId: WALK_IN.id, schoolIds: [WALK_IN.id], name: WALK_IN.professional },
	// The workspace on a phone (phone.spec.ts): professionals of De Zuidwester.
	'phone-screen': { organisationId: 1, schoolIds: [1], name: 'Lies Phone' },
	'phone-nojs': { organisationId: 1, schoolIds: [1] },
	'phone-js': { organisationId: 1, schoolIds: [1] },
	// The figures page (figures.spec.ts): coordinators of Wijkteam Tilburg.
	figures: { organisationId: 1 },
	'figures-no-js': { organisationId: 1 },
	meetings: { organisationId: 1, schoolIds: [1] },
	'ticket-page': { organisationId: 1, schoolIds: [1] },
	live: { organisationId: WALK_IN.id, schoolIds: [LIVE.id], name: 'Lina Golf' },
	// The coordinator who looks at the school's queue (a TOTP code works once per account).
	'live-coordinator': { organisationId: WALK_IN.id },
	// The workspace's notifications on a phone (staff-push.spec.ts).
	'staff-push': { organisationId: 1, schoolIds: [1] },
	'staff-push-nojs': { organisationId: 1, schoolIds: [1] },
	// A meeting for two schools and its waiting list (meetings.spec.ts): De Zuidwester and Het Kompas.
	'meetings-two-schools': { organisationId: 1, schoolIds: [1, 2] }
} satisfies Record<string, { organisationId: number; schoolIds?: number[]; name?: string }>;

export type AccountKey = keyof typeof ACCOUNTS;
export type Account = { email: string; totp: string; name: string; staffId: number | null };

const keys = Object.keys(ACCOUNTS) as AccountKey[];

/** The account of one test (or one file's tests, in order): nobody else signs in with it. */
export function account(key: AccountKey): Account {
	const spec: { organisationId: number; schoolIds?: number[]; name?: string } = ACCOUNTS[key];
	const index = keys.indexOf(key);
	return {
		email: `e2e-${key}@example.nl`,
		totp: base32Encode(createHash('sha256').update(`inloop-e2e:${key}`).digest().subarray(0, 20)),
		name: spec.name ?? `Test ${key}`,
		staffId: spec.schoolIds ? 9301 + index : null
	};
}

async function accountStatements(): Promise<string[]> {
	const hash = await hashPassword(DEMO_PASSWORD);
	return keys.flatMap((key, index) => {
		const spec: { organisationId: number; schoolIds?: number[] } = ACCOUNTS[key];
		const a = account(key);
		return [
			...(a.staffId
				? [
						`INSERT INTO staff (id, organisation_id, name, role, languages_spoken)
							VALUES (${a.staffId}, ${spec.organisationId}, ${sql(a.name)}, 'wijkteammedewerker', '["nl"]')`,
						...(spec.schoolIds ?? []).map(
							(school) =>
								`INSERT INTO staff_schools (staff_id, school_id, sort_order) VALUES (${a.staffId}, ${school}, 99)`
						)
					]
				: []),
			`INSERT INTO users (id, email, password_hash, organisation_id, staff_id, role, totp_secret,
				totp_enabled_at, language) VALUES (${9301 + index}, ${sql(a.email)}, ${sql(hash)},
				${spec.organisationId}, ${a.staffId ?? 'NULL'}, '${a.staffId ? 'staff' : 'admin'}',
				${sql(a.totp)}, ${now()}, 'nl')`
		];
	});
}

/**
 * When a walk-in hour of the tests starts today (minutes of the day): slots of 20 minutes from a
 * little before now, counted back from midnight, so the last ends at 24:00.
 */
function walkInFrom(): number {
	const hhmm = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Amsterdam',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(now());
	return Math.max(0, Math.floor((minutesOfDay(hhmm) - 20) / 20) * 20);
}

function walkInStatements(): string[] {
	const id = WALK_IN.id;
	const staffId = account('walk-in').staffId!;
	const from = walkInFrom();
	const walkIn = (date: string, start: string) =>
		`INSERT INTO availability_exceptions (staff_id, school_id, date, kind, location_id, start_time,
			end_time, bookable, walk_in) VALUES (${staffId}, ${id}, '${date}', 'extra', ${id}, '${start}',
			'24:00', 0, 1)`;
	// Weekly hours three days on (clear of the walk-in hours) make her one of the people who work
	// at the school, whose extra hours count.
	const weekday = ((isoWeekday(dayFromToday()) + 2) % 7) + 1;
	return [
		`INSERT INTO organisations (id, slug, name) VALUES (${id}, ${sql(WALK_IN.slug)}, 'Wijkteam Proefdorp')`,
		`INSERT INTO schools (id, organisation_id, slug, name, address, postcode, town, search_text,
			default_language, languages) VALUES (${id}, ${id}, ${sql(WALK_IN.slug)}, 'De Proeftuin',
			'Schoolstraat 1', '5000 AA', 'Proefdorp', 'de proeftuin proefdorp', 'nl', ${json(LANGUAGES)})`,
		`INSERT INTO locations (id, organisation_id, school_id, name, address, directions)
			VALUES (${id}, ${id}, ${id}, 'Ouderkamer', 'Schoolstraat 1, Proefdorp', '{}')`,
		`INSERT INTO availability_blocks (staff_id, school_id, location_id, weekday, start_time, end_time,
			slot_minutes, capacity, bookable, walk_in, valid_from) VALUES (${staffId}, ${id}, ${id},
			${weekday}, '08:30', '09:30', 20, 1, 1, 0, '${dayFromToday()}')`,
		walkIn(dayFromToday(), timeOfDay(from)),
		walkIn(dayFromToday(1), '00:00'),
		`INSERT INTO kiosk_devices (id, school_id, name, pairing_code_hash, pairing_expires_at)
			VALUES (${id}, ${id}, 'Tablet proeftuin', '${sha256(WALK_IN.pairingCode)}', ${now() + 24 * 3_600_000})`
	];
}

/** The live screens' school, its place, its walk-in hour until midnight, tablets and a booking. */
function liveStatements(): string[] {
	const id = LIVE.id;
	const staffId = account('live').staffId!;
	const from = walkInFrom();
	const start = wallClockToInstant(dayFromToday(), timeOfDay(from))!;
	const weekday = ((isoWeekday(dayFromToday()) + 2) % 7) + 1;
	return [
		`INSERT INTO schools (id, organisation_id, slug, name, address, postcode, town, search_text,
			default_language, languages) VALUES (${id}, ${WALK_IN.id}, ${sql(LIVE.slug)}, 'De Golfslag',
			'Strandweg 2', '5000 AB', 'Proefdorp', 'de golfslag proefdorp', 'nl', ${json(LANGUAGES)})`,
		`INSERT INTO locations (id, organisation_id, school_id, name, address, directions)
			VALUES (${id}, ${WALK_IN.id}, ${id}, 'Ouderkamer', 'Strandweg 2, Proefdorp', '{}')`,
		`INSERT INTO availability_blocks (staff_id, school_id, location_id, weekday, start_time, end_time,
			slot_minutes, capacity, bookable, walk_in, valid_from) VALUES (${staffId}, ${id}, ${id},
			${weekday}, '08:30', '09:30', 20, 1, 1, 0, '${dayFromToday()}')`,
		`INSERT INTO availability_exceptions (staff_id, school_id, date, kind, location_id, start_time,
			end_time, bookable, walk_in) VALUES (${staffId}, ${id}, '${dayFromToday()}', 'extra', ${id},
			'${timeOfDay(from)}', '24:00', 0, 1)`,
		...LIVE.pairingCodes.map(
			(
				code,
				i
			) => `INSERT INTO kiosk_devices (id, school_id, name, pairing_code_hash, pairing_expires_at)
			VALUES (${id + i}, ${id}, 'Tablet golfslag ${i + 1}', '${sha256(code)}', ${now() + 24 * 3_600_000})`
		),
		`INSERT INTO bookings (id, reference, manage_token_hash, school_id, staff_id, location_id, starts_at,
			ends_at, first_name, phone, language, interpreter, made_by, status) VALUES (${id}, ${sql(LIVE.reference)},
			${sql(sha256('live-booking'))}, ${id}, ${staffId}, ${id}, ${start}, ${start + 20 * 60_000},
			${sql(LIVE.parent)}, '06 5555 0200', 'nl', 0, 'parent', 'booked')`
	];
}

/**
 * Today's appointments at De Zuidwester for the workspace on a phone (phone.spec.ts), with a
 * professional of the tests' own, early in the morning (no spreekuur starts then: no free time is
 * taken). Each test that marks one has its own parent.
 */
export const TODAY_PARENTS = { first: 'Hanna', noJs: 'Rachid', js: 'Lotte' };

function todayStatements(): string[] {
	const staffId = account('phone-screen').staffId!;
	const day = wallClockToInstant(dayFromToday(), '05:00')!;
	return Object.values(TODAY_PARENTS).map((name, i) => {
		const start = day + i * 20 * 60_000;
		return `INSERT INTO bookings (id, reference, manage_token_hash, school_id, staff_id, location_id, starts_at,
			ends_at, first_name, phone, language, interpreter, made_by, status) VALUES (${9401 + i}, 'PHN${'ABC'[i]}AB',
			${sql(sha256(`phone-${name}`))}, 1, ${staffId}, 1, ${start}, ${start + 20 * 60_000}, ${sql(name)},
			'06 5555 010${i}', 'nl', 0, 'parent', 'booked')`;
	});
}

/**
 * Figures for figures.spec.ts at Het Kompas, early this year: what is left of deleted bookings
 * and waiting-list entries (records only: nothing live that another test could meet) and a coffee
 * morning with its sign-ups, so that the new cards have numbers and tables to show.
 */
function figuresStatements(): string[] {
	const school = `(SELECT id FROM schools WHERE slug = 'het-kompas-tilburg')`;
	const first = `${dayFromToday().slice(0, 4)}-01-01`;
	const hour = (days: number) => {
		const at = wallClockToInstant(first, '09:00')! + days * 86_400_000;
		return at - (at % 3_600_000);
	};
	const bookings = Array.from(
		{ length: 12 },
		(_, i) =>
			`INSERT INTO booking_records (school_id, starts_hour, status, made_by, topic, language, interpreter,
			interpreter_language, reminded) VALUES (${school}, ${hour(i)}, ${sql(i < 9 ? 'attended' : 'no_show')},
			'parent', 'sleep_eating', ${sql(i % 3 ? 'nl' : 'ar')}, ${i % 3 ? 0 : 1}, ${i % 3 ? 'NULL' : "'ar'"}, ${i < 10 ? 1 : 0})`
	);
	const waitlist = (
		[
			['booked', 1, 6],
			['expired', 1, 2],
			['expired', 0, 1],
			['left', 0, 1]
		] as const
	).flatMap(([status, offered, n]) =>
		Array.from(
			{ length: n },
			(_, i) =>
				`INSERT INTO waitlist_records (school_id, joined_hour, status, offered)
				VALUES (${school}, ${hour(i)}, ${sql(status)}, ${offered})`
		)
	);
	const starts = wallClockToInstant(first, '08:45')!;
	const signups = (['nl', 'nl', 'nl', 'ar', 'ar', 'ar', 'tr'] as const).map(
		(language, i) =>
			`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, first_name, people, language, status)
			VALUES (9501, 'FIGM${i}A', ${sql(sha256(`figures-signup-${i}`))}, 'Ouder', ${1 + (i % 3)}, ${sql(language)},
			${sql(i < 5 ? 'attended' : 'signed_up')})`
	);
	return [
		...bookings,
		...waitlist,
		`INSERT INTO meetings (id, organisation_id, school_id, title, starts_at, ends_at, place, capacity, languages)
			SELECT 9501, organisation_id, id, ${json({ nl: 'Koffieochtend', en: 'Coffee morning' })}, ${starts},
			${starts + 75 * 60_000}, 'Ouderkamer', 20, ${json(['nl', 'ar'])} FROM schools WHERE slug = 'het-kompas-tilburg'`,
		...signups
	];
}

/** Every statement of the fixtures, in order. */
export async function fixtureStatements(): Promise<string[]> {
	const [organisation, school, place, ...hours] = walkInStatements();
	const [liveSchool, livePlace, ...liveRest] = liveStatements();
	return [
		organisation,
		school,
		place,
		liveSchool,
		livePlace,
		...(await accountStatements()),
		...hours,
		...liveRest,
		...xssStatements(account('xss-professional').staffId!, dayFromToday(1)),
		...todayStatements(),
		...ticketStatements(account('ticket-page').staffId!),
		...figuresStatements(),
		`INSERT INTO kiosk_devices (id, school_id, name, pairing_code_hash, pairing_expires_at)
			VALUES (${READ_ALOUD_KIOSK.id}, 1, 'Tablet voorlezen', '${sha256(READ_ALOUD_KIOSK.pairingCode)}',
			${now() + 24 * 3_600_000})`
	];
}

// node tests/e2e/fixtures.ts FILE: writes the statements for serve.ts --sql.
if (import.meta.url === `file://${process.argv[1]}`) {
	const file = process.argv[2];
	if (!file) throw new Error('Usage: node tests/e2e/fixtures.ts FILE');
	const statements = await fixtureStatements();
	writeFileSync(file, statements.map((s) => `${s.replace(/\s+/g, ' ')};`).join('\n') + '\n');
}
