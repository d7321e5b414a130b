/**
 * `npm run scale`: a national-size data set in a local D1 of its own (.wrangler/scale), and how the
 * heavy queries and pages behave on it.
 *
 * 1. A fresh local D1 with the migrations (wrangler), then the data written straight into its
 *    SQLite file with node:sqlite (wrangler created the file; D1 is SQLite): 350 organisations
 *    (municipal wijkteams, a few large cities and many small towns), 6,000 schools, 20,000
 *    professionals with weekly hours, and a school year of bookings and questions.
 * 2. The real service functions (the ones the pages and the API call) run against that file through
 *    drizzle's sqlite-proxy driver: every statement they send is checked with EXPLAIN QUERY PLAN
 *    (a SCAN of a large table fails the run) and timed.
 * 3. The built worker is served by `wrangler dev` on that D1 (port 8794) and the real pages and API
 *    answers are timed over HTTP.
 *
 * Not part of `npm test` (it takes a few minutes and about 1.5 GB of disk). Options:
 *   --port 8794       where wrangler dev listens
 *   --keep            reuse the data set from an earlier run instead of building a new one
 *   --factor 1        scale the volumes (0.1 for a quick try)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { toolEnv } from './env.ts';
import * as schema from '../src/lib/server/db/schema.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import type { SessionUser } from '../src/lib/server/auth/index.ts';
import { getSchoolPage, schoolSearchText, searchSchools } from '../src/lib/server/schools/index.ts';
import { bookingWindow, loadSchedule } from '../src/lib/server/bookings/schedule.ts';
import { readWorkspace } from '../src/lib/server/staff/workspace.ts';
import { reader as questionsPage } from '../src/routes/staff/(app)/questions/reader.ts';
import { reader as todayPage } from '../src/routes/staff/(app)/today/reader.ts';
import { reader as weekPage } from '../src/routes/staff/(app)/week/reader.ts';
import { auditOf } from '../src/lib/server/staff/admin.ts';
import { reader as figuresPage } from '../src/routes/staff/(app)/figures/reader.ts';
import {
	SCALE_PERSIST,
	addSession,
	figuresOrganisation,
	scaleSqliteFile as sqliteFile,
	serveScaleSet
} from './bench/scale-set.ts';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '../src/lib/server/scheduling/time.ts';
import { TOPICS } from '../src/lib/domain/lists.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8794' },
		keep: { type: 'boolean', default: false },
		factor: { type: 'string', default: '1' }
	}
});
const PERSIST = SCALE_PERSIST;
const PORT = Number(values.port);
const FACTOR = Number(values.factor);
const D1_LIMIT_BYTES = 10 * 1024 ** 3;

// The volumes. The Netherlands has about 6,000 primary schools in 342 municipalities; each
// municipality runs (or buys) one wijkteam organisation. Three to four professionals per school
// gives 20,000. A professional holds one or two spreekuren a week of four 20-minute slots, about
// 40 school weeks a year, a third of the slots taken: about 1.5 million bookings a year. Fifty
// opvoedvragen per school a year is 300,000 questions, with 1.5 answers or replies each. Every
// booking that took place was opened once by a professional (an audit line).
const ORGANISATIONS = Math.max(3, Math.round(350 * FACTOR));
const SCHOOLS = Math.round(6_000 * FACTOR);
const PROFESSIONALS = Math.round(20_000 * FACTOR);
const QUESTIONS_PER_SCHOOL = 50;
const SLOT_TAKEN = 0.37;
const WEEKS_BACK = 52;
const WEEKS_AHEAD = 5;

/** Tables that grow with use: a plan may never scan one of them. */
const LARGE_TABLES = new Set([
	'bookings',
	'questions',
	'question_messages',
	'audit_log',
	'availability_blocks',
	'availability_exceptions',
	'staff',
	'staff_schools',
	'users',
	'sessions',
	'outbox',
	'walk_in_tickets',
	'walk_in_records',
	'question_records',
	'booking_records',
	'waitlist_entries',
	'waitlist_records',
	'meetings',
	'meeting_signups',
	'account_tokens',
	'locations',
	'partners'
]);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (text: string) => console.log(`[scale ${elapsed()}] ${text}`);

// ---------------------------------------------------------------------------------------------
// 1. The data set
// ---------------------------------------------------------------------------------------------

if (!values.keep || !existsSync(join(PERSIST, 'v3'))) {
	rmSync(PERSIST, { recursive: true, force: true });
	say('creating a fresh local D1 and applying the migrations');
	execFileSync(
		'wrangler',
		['d1', 'migrations', 'apply', 'DB', '--local', `--persist-to=${PERSIST}`],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
			env: toolEnv
		}
	);
	load(new DatabaseSync(sqliteFile()));
}

/** A small deterministic random generator, so two runs build the same data set. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function load(db: DatabaseSync) {
	const rnd = random(2026);
	// 64 random hex characters (a token's SHA-256 stands in), from a large pool: far faster per row.
	let pool = Buffer.alloc(0);
	let poolAt = 0;
	const hex32 = (): string => {
		if (poolAt + 32 > pool.length) {
			pool = randomBytes(32 * 65_536);
			poolAt = 0;
		}
		poolAt += 32;
		return pool.toString('hex', poolAt - 32, poolAt);
	};
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
	const now = Date.now();
	const today = amsterdamDate(now);
	db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;');
	db.exec('BEGIN');
	const insert = (table: string, columns: string[]) => {
		const statement = db.prepare(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
		);
		return (...row: SQLInputValue[]) => statement.run(...row);
	};
	let rows = 0;
	const commitNowAndThen = () => {
		if (++rows % 200_000 === 0) {
			db.exec('COMMIT');
			db.exec('BEGIN');
		}
	};

	// Organisations: a few large cities, many small municipalities (sizes fall off as 1/(k+8)).
	say(`loading ${ORGANISATIONS} organisations and ${SCHOOLS} schools`);
	const weights = Array.from({ length: ORGANISATIONS }, (_, k) => 1 / (k + 8));
	const total = weights.reduce((a, b) => a + b, 0);
	const sizes = weights.map((w) => Math.max(3, Math.round((w / total) * SCHOOLS)));
	const addOrganisation = insert('organisations', ['id', 'slug', 'name', 'phone', 'created_at']);
	const addSchool = insert('schools', [
		'id',
		'organisation_id',
		'slug',
		'name',
		'address',
		'postcode',
		'town',
		'neighbourhood',
		'search_text',
		'languages',
		'created_at'
	]);
	const addLocation = insert('locations', [
		'id',
		'organisation_id',
		'school_id',
		'name',
		'address',
		'created_at'
	]);
	const NAMES = [
		'De Regenboog',
		'Het Kompas',
		'De Wegwijzer',
		'De Zonnewijzer',
		'Het Palet',
		'De Fontein',
		'De Vlinder',
		'De Springplank',
		'Het Anker',
		'De Klimop',
		'De Horizon',
		'De Meander',
		'Het Mozaïek',
		'De Boomgaard',
		'De Linde',
		'Sint Jozef',
		'De Bron',
		'Het Baken',
		'De Kameleon',
		'Montessorischool'
	];
	const schoolOrg: number[] = [0];
	const schoolSlug: string[] = [''];
	const orgSchools: number[][] = [[]];
	let schoolId = 0;
	let locationId = 0;
	const schoolRoom: number[] = [0];
	for (let org = 1; org <= ORGANISATIONS; org++) {
		const town = `Gemeente ${String(org).padStart(3, '0')}`;
		addOrganisation(org, `wijkteam-${org}`, `Wijkteam ${town}`, '0800 0000', now);
		orgSchools.push([]);
		addLocation(++locationId, org, null, 'Buurthuis', `Dorpsstraat ${org}`, now);
		for (let i = 0; i < sizes[org - 1] && schoolId < SCHOOLS; i++) {
			schoolId++;
			const name = `${pick(NAMES)}`;
			const neighbourhood = `Wijk ${1 + (i % 12)}`;
			const slug = `${name
				.normalize('NFD')
				.replace(/\p{Diacritic}/gu, '')
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')}-${org}-${schoolId}`;
			addSchool(
				schoolId,
				org,
				slug,
				name,
				`Schoolstraat ${i + 1}`,
				'1234 AB',
				town,
				neighbourhood,
				schoolSearchText({ name, town, neighbourhood }),
				JSON.stringify(['nl', 'en', pick(['ar', 'tr', 'pl', 'uk', 'ti'])]),
				now
			);
			schoolOrg.push(org);
			schoolSlug.push(slug);
			orgSchools[org].push(schoolId);
			addLocation(++locationId, org, schoolId, 'Ouderkamer', null, now);
			schoolRoom.push(locationId);
		}
	}
	const schoolCount = schoolId;

	// Professionals: each at a school of their organisation, a quarter at a second one too.
	say(`loading ${PROFESSIONALS} professionals with their hours and accounts`);
	const addStaff = insert('staff', [
		'id',
		'organisation_id',
		'name',
		'role',
		'intro',
		'languages_spoken',
		'created_at'
	]);
	const addStaffSchool = insert('staff_schools', ['staff_id', 'school_id', 'sort_order']);
	const addBlock = insert('availability_blocks', [
		'id',
		'staff_id',
		'school_id',
		'location_id',
		'weekday',
		'start_time',
		'end_time',
		'slot_minutes',
		'bookable',
		'walk_in',
		'valid_from',
		'created_at'
	]);
	const addException = insert('availability_exceptions', [
		'staff_id',
		'date',
		'kind',
		'note',
		'created_at'
	]);
	const addUser = insert('users', [
		'id',
		'email',
		'organisation_id',
		'staff_id',
		'role',
		'created_at'
	]);
	const FIRST = ['Samira', 'Jeroen', 'Yusuf', 'Anna', 'Fatma', 'Pieter', 'Olena', 'Kasia', 'Daan'];
	const LAST = ['de Vries', 'El Amrani', 'Yılmaz', 'Jansen', 'Kowalska', 'Bakker', 'Tesfay'];
	const validFrom = addDays(today, -7 * WEEKS_BACK - 7);
	type Block = { id: number; staffId: number; schoolId: number; weekday: number; room: number };
	const bookable: Block[] = [];
	const walkIns: { schoolId: number; weekday: number }[] = [];
	let blockId = 0;
	let userId = 0;
	for (let person = 1; person <= PROFESSIONALS; person++) {
		const school = 1 + ((person - 1) % schoolCount);
		const org = schoolOrg[school];
		addStaff(
			person,
			org,
			`${pick(FIRST)} ${pick(LAST)}`,
			pick(schema.STAFF_ROLES),
			JSON.stringify({ nl: 'Ik help ouders met vragen over opvoeden en opgroeien.' }),
			JSON.stringify(['nl', pick(['en', 'ar', 'tr', 'pl'])]),
			now
		);
		addUser(++userId, `p${person}@wijkteam-${org}.example.nl`, org, person, 'staff', now);
		const mine = [school];
		const siblings = orgSchools[org];
		if (rnd() < 0.25 && siblings.length > 1) {
			const other = siblings[(siblings.indexOf(school) + 1) % siblings.length];
			if (other !== school) mine.push(other);
		}
		mine.forEach((s, i) => {
			addStaffSchool(person, s, i);
			const weekday = 1 + Math.floor(rnd() * 5);
			addBlock(
				++blockId,
				person,
				s,
				schoolRoom[s],
				weekday,
				'08:30',
				'10:00',
				20,
				1,
				0,
				validFrom,
				now
			);
			bookable.push({ id: blockId, staffId: person, schoolId: s, weekday, room: schoolRoom[s] });
			if (rnd() < 0.2) {
				const walkDay = 1 + ((weekday + 1) % 5);
				walkIns.push({ schoolId: s, weekday: walkDay });
				addBlock(
					++blockId,
					person,
					s,
					schoolRoom[s],
					walkDay,
					'14:30',
					'15:30',
					20,
					0,
					1,
					validFrom,
					now
				);
			}
		});
		// Three days off a year.
		for (let k = 0; k < 3; k++) {
			addException(person, addDays(today, Math.floor(rnd() * 400) - 365), 'off', 'Vrij', now);
		}
	}
	const addAdmin = insert('users', ['id', 'email', 'organisation_id', 'role', 'created_at']);
	for (let org = 1; org <= ORGANISATIONS; org++) {
		addAdmin(++userId, `coordinator@wijkteam-${org}.example.nl`, org, 'admin', now);
	}
	const addClosure = insert('closures', [
		'organisation_id',
		'name',
		'start_date',
		'end_date',
		'created_at'
	]);
	// School holidays: the weeks whose number (counted back from today) is a multiple of 13 and the two after it.
	const holidayWeek = (week: number) => ((week % 13) + 13) % 13 < 3;
	const monday = addDays(today, 1 - isoWeekday(today));
	for (let org = 1; org <= ORGANISATIONS; org++) {
		for (let week = -WEEKS_BACK; week <= WEEKS_AHEAD; week++) {
			if (((week % 13) + 13) % 13 === 0) {
				const start = addDays(monday, 7 * week);
				addClosure(org, 'Schoolvakantie', start, addDays(start, 20), now);
			}
		}
	}

	// Bookings: every bookable block, every school week of the past year and the coming weeks.
	say('loading a year of bookings');
	const addBooking = insert('bookings', [
		'reference',
		'manage_token_hash',
		'school_id',
		'staff_id',
		'location_id',
		'block_id',
		'starts_at',
		'ends_at',
		'first_name',
		'phone',
		'email',
		'contact_key',
		'topic',
		'language',
		'interpreter',
		'status',
		'made_by',
		'cancel_reason',
		'cancelled_at',
		'cancelled_by',
		'interpreter_language',
		'reminded_at',
		'created_at'
	]);
	// Bookings the parent deleted or had erased: what the figures keep of them (a trigger writes it).
	const addBookingRecord = insert('booking_records', [
		'school_id',
		'starts_hour',
		'status',
		'made_by',
		'cancelled_by',
		'topic',
		'language',
		'interpreter',
		'interpreter_language',
		'reminded'
	]);
	let bookingRecordCount = 0;
	const addAudit = insert('audit_log', [
		'at',
		'user_id',
		'actor_name',
		'action',
		'entity',
		'entity_id',
		'school_id'
	]);
	const PARENTS = [
		'Amal',
		'Fatima',
		'Mohammed',
		'Lisa',
		'Emre',
		'Oksana',
		'Agnieszka',
		'Senait',
		'Tom'
	];
	const LANGUAGES = ['nl', 'nl', 'nl', 'nl', 'ar', 'tr', 'pl', 'uk', 'ti', 'en'];
	const instants = new Map<string, number>();
	const instant = (date: string, time: string) => {
		const key = `${date}T${time}`;
		let value = instants.get(key);
		if (value === undefined) {
			value = wallClockToInstant(date, time) ?? 0;
			instants.set(key, value);
		}
		return value;
	};
	const SLOT_TIMES = ['08:30', '08:50', '09:10', '09:30'];
	let bookingId = 0;
	const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
	const reference = (n: number) => {
		let text = '';
		for (let k = 0; k < 7; k++) {
			text += alphabet[n % 32];
			n = Math.floor(n / 32);
		}
		return text;
	};
	// Temporal is slow per call: the dates of every week and weekday once.
	const dates = new Map<number, string>();
	for (let week = -WEEKS_BACK; week <= WEEKS_AHEAD; week++) {
		for (let weekday = 1; weekday <= 7; weekday++) {
			dates.set(week * 8 + weekday, addDays(monday, 7 * week + weekday - 1));
		}
	}
	for (const block of bookable) {
		for (let week = -WEEKS_BACK; week <= WEEKS_AHEAD; week++) {
			if (holidayWeek(week)) continue;
			const date = dates.get(week * 8 + block.weekday)!;
			for (const time of SLOT_TIMES) {
				if (rnd() >= SLOT_TAKEN) continue;
				const startsAt = instant(date, time);
				const past = startsAt < now;
				const roll = rnd();
				const status = past
					? roll < 0.8
						? 'attended'
						: roll < 0.88
							? 'no_show'
							: 'cancelled'
					: roll < 0.9
						? 'booked'
						: 'cancelled';
				const madeBy = roll < 0.05 ? 'kiosk' : roll < 0.15 ? 'staff' : 'parent';
				const phone =
					madeBy === 'kiosk' ? null : `06${String(10_000_000 + Math.floor(rnd() * 89_999_999))}`;
				const email = phone && rnd() < 0.4 ? `ouder${bookingId}@example.nl` : null;
				const createdAt = startsAt - Math.floor(rnd() * 14 * 86_400_000);
				const language = pick(LANGUAGES);
				const interpreter = language !== 'nl' && rnd() < 0.3;
				// Two days before, for a parent who can be reached (the organisation's default).
				const remindedAt =
					status !== 'cancelled' && (phone || email) && startsAt - 2 * 86_400_000 < now
						? startsAt - 2 * 86_400_000
						: null;
				addBooking(
					reference(++bookingId * 7919 + 12345),
					hex32(),
					block.schoolId,
					block.staffId,
					block.room,
					block.id,
					startsAt,
					startsAt + 20 * 60_000,
					pick(PARENTS),
					phone,
					email,
					phone,
					pick(TOPICS),
					language,
					interpreter ? 1 : 0,
					status,
					madeBy,
					status === 'cancelled' ? 'Kind ziek' : null,
					status === 'cancelled' ? startsAt - 86_400_000 : null,
					status === 'cancelled' ? pick(['parent', 'parent', 'parent', 'staff', 'hours']) : null,
					interpreter ? language : null,
					remindedAt,
					createdAt
				);
				if (rnd() < 0.02) {
					addBookingRecord(
						block.schoolId,
						startsAt - (startsAt % 3_600_000),
						status,
						madeBy,
						status === 'cancelled' ? 'parent' : null,
						pick(TOPICS),
						language,
						interpreter ? 1 : 0,
						interpreter ? language : null,
						remindedAt === null ? 0 : 1
					);
					bookingRecordCount++;
				}
				if (status === 'attended') {
					addAudit(
						startsAt,
						block.staffId,
						'Professional',
						'read',
						'booking',
						bookingId,
						block.schoolId
					);
				}
				commitNowAndThen();
			}
		}
	}

	// Questions: fifty per school over the year, with answers and replies.
	say('loading a year of questions');
	const addQuestion = insert('questions', [
		'id',
		'reference',
		'access_token_hash',
		'school_id',
		'category',
		'text',
		'age_group',
		'answer_by',
		'first_name',
		'anonymous',
		'phone',
		'email',
		'contact_key',
		'language',
		'status',
		'assigned_staff_id',
		'created_at',
		'updated_at',
		'closed_at'
	]);
	const addMessage = insert('question_messages', [
		'question_id',
		'author',
		'staff_id',
		'body',
		'created_at'
	]);
	const QUESTION =
		"Mijn zoon van acht wil 's avonds niet naar bed en is daarna moe op school. We hebben al een vast ritme geprobeerd, maar het helpt niet. Wat kunnen we nog doen? En is het normaal dat hij zo vaak boos wordt als we zeggen dat het tijd is?";
	const ANSWER =
		'Dank u voor uw vraag. Veel ouders herkennen dit. Een vast ritme is een goed begin. Probeer ook een half uur voor bedtijd geen schermen, en een rustig moment samen: voorlezen of praten over de dag. Wilt u er verder over praten? Kom gerust langs op het spreekuur.';
	let questionId = 0;
	const yearMs = 365 * 86_400_000;
	for (let school = 1; school <= schoolCount; school++) {
		const staffOfSchool = 1 + ((school - 1) % PROFESSIONALS);
		for (let q = 0; q < QUESTIONS_PER_SCHOOL; q++) {
			const createdAt = now - Math.floor(rnd() * yearMs);
			const age = now - createdAt;
			const status =
				age > 30 * 86_400_000
					? rnd() < 0.8
						? 'closed'
						: 'answered'
					: pick(schema.QUESTION_STATUSES);
			const answerBy = pick(['page', 'page', 'page', 'email', 'call', 'spreekuur'] as const);
			const anonymous = answerBy === 'page' && rnd() < 0.5;
			const phone =
				answerBy === 'call' || (!anonymous && rnd() < 0.3) ? `06${10_000_000 + q}` : null;
			const email = answerBy === 'email' ? `vraag${questionId}@example.nl` : null;
			addQuestion(
				++questionId,
				`V${reference(questionId * 7919 + 99)}`,
				hex32(),
				school,
				pick(TOPICS),
				QUESTION,
				pick(schema.AGE_GROUPS),
				answerBy,
				anonymous ? null : pick(PARENTS),
				anonymous ? 1 : 0,
				phone,
				email,
				phone ?? email,
				pick(LANGUAGES),
				status,
				status === 'new' ? null : staffOfSchool,
				createdAt,
				status === 'new' ? null : createdAt + 86_400_000,
				status === 'closed' ? createdAt + 5 * 86_400_000 : null
			);
			if (status !== 'new' && status !== 'in_progress') {
				addMessage(questionId, 'staff', staffOfSchool, ANSWER, createdAt + 86_400_000);
				if (rnd() < 0.5)
					addMessage(
						questionId,
						'parent',
						null,
						'Dank u wel, dat ga ik proberen.',
						createdAt + 2 * 86_400_000
					);
			}
			commitNowAndThen();
		}
	}
	// What retention left of the walk-in tickets of the past year (a few a walk-in hour) and of the
	// questions of the year before (deleted): what the figures count besides the live rows.
	say('loading the records of past walk-in tickets and deleted questions');
	const addWalkIn = insert('walk_in_records', [
		'school_id',
		'date',
		'status',
		'made_by',
		'language',
		'interpreter',
		'from_booking',
		'wait_ms'
	]);
	let walkInCount = 0;
	for (const block of walkIns) {
		for (let week = -WEEKS_BACK; week < 0; week++) {
			if (holidayWeek(week)) continue;
			const date = dates.get(week * 8 + block.weekday)!;
			for (let k = Math.floor(rnd() * 6); k > 0; k--) {
				const served = rnd() < 0.9;
				const language = pick(LANGUAGES);
				addWalkIn(
					block.schoolId,
					date,
					served ? 'done' : 'no_show',
					rnd() < 0.7 ? 'kiosk' : 'parent',
					language,
					language !== 'nl' && rnd() < 0.2 ? 1 : 0,
					rnd() < 0.2 ? 1 : 0,
					served ? Math.floor(rnd() * 40 * 60_000) : null
				);
				walkInCount++;
				commitNowAndThen();
			}
		}
	}
	const addRecord = insert('question_records', [
		'school_id',
		'asked_hour',
		'category',
		'language',
		'made_by',
		'first_answer_ms'
	]);
	for (let school = 1; school <= schoolCount; school++) {
		for (let q = 0; q < QUESTIONS_PER_SCHOOL; q++) {
			const asked = now - yearMs - Math.floor(rnd() * yearMs);
			addRecord(
				school,
				asked - (asked % 3_600_000),
				pick(TOPICS),
				pick(LANGUAGES),
				'parent',
				rnd() < 0.9 ? Math.floor(rnd() * 4 * 86_400_000) : null
			);
			commitNowAndThen();
		}
	}
	// The waiting list: about ten parents a school a year. Retention deleted the entries of the past
	// year (their records are left); the coming weeks' entries are still there.
	say('loading the waiting lists and their records');
	const addWaitlistRecord = insert('waitlist_records', [
		'school_id',
		'joined_hour',
		'status',
		'offered'
	]);
	const addWaitlistEntry = insert('waitlist_entries', [
		'reference',
		'manage_token_hash',
		'link_key',
		'school_id',
		'from_date',
		'to_date',
		'first_name',
		'phone',
		'language',
		'status',
		'created_at'
	]);
	let waitlistCount = 0;
	for (let school = 1; school <= schoolCount; school++) {
		for (let k = 0; k < 10; k++) {
			const joined = now - Math.floor(rnd() * yearMs);
			const roll = rnd();
			addWaitlistRecord(
				school,
				joined - (joined % 3_600_000),
				roll < 0.4 ? 'booked' : roll < 0.55 ? 'expired' : roll < 0.65 ? 'left' : 'expired',
				roll < 0.6 ? 1 : 0
			);
			waitlistCount++;
			commitNowAndThen();
		}
		addWaitlistEntry(
			`W${reference(school * 7919 + 7)}`,
			hex32(),
			hex32().slice(0, 22),
			school,
			today,
			addDays(today, 14),
			pick(PARENTS),
			`06${10_000_000 + school}`,
			pick(LANGUAGES),
			'waiting',
			now - Math.floor(rnd() * 7 * 86_400_000)
		);
		waitlistCount++;
	}

	// Parent meetings: a coffee morning at every school on the first Friday of each month of the
	// year, about six sign-ups each (one in twenty meetings cancelled).
	say('loading a year of parent meetings and their sign-ups');
	const addMeeting = insert('meetings', [
		'id',
		'organisation_id',
		'school_id',
		'title',
		'starts_at',
		'ends_at',
		'place',
		'capacity',
		'languages',
		'status',
		'created_at'
	]);
	const addSignup = insert('meeting_signups', [
		'meeting_id',
		'reference',
		'manage_token_hash',
		'first_name',
		'people',
		'language',
		'status',
		'created_at'
	]);
	const fridays: string[] = [];
	const [thisYear, thisMonth] = today.split('-').map(Number);
	for (let m = -12; m <= 1; m++) {
		const total = thisYear * 12 + (thisMonth - 1) + m;
		let day = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
		while (isoWeekday(day) !== 5) day = addDays(day, 1);
		fridays.push(day);
	}
	let meetingId = 0;
	let signupId = 0;
	for (let school = 1; school <= schoolCount; school++) {
		for (const friday of fridays) {
			const startsAt = instant(friday, '08:45');
			const cancelled = rnd() < 0.05;
			addMeeting(
				++meetingId,
				schoolOrg[school],
				school,
				JSON.stringify({ nl: 'Koffieochtend' }),
				startsAt,
				startsAt + 75 * 60_000,
				'Ouderkamer',
				12,
				JSON.stringify(['nl', 'ar']),
				cancelled ? 'cancelled' : 'planned',
				startsAt - 30 * 86_400_000
			);
			for (let k = Math.floor(rnd() * 10); k > 0; k--) {
				const past = startsAt < now;
				const roll = rnd();
				addSignup(
					meetingId,
					`M${reference(++signupId * 7919 + 3)}`,
					hex32(),
					pick(PARENTS),
					1 + Math.floor(rnd() * 3),
					pick(LANGUAGES),
					roll < 0.1 ? 'cancelled' : past && roll < 0.8 ? 'attended' : 'signed_up',
					startsAt - Math.floor(rnd() * 20 * 86_400_000)
				);
				commitNowAndThen();
			}
		}
	}
	db.exec('COMMIT');
	// Statistics for the planner, as `PRAGMA optimize` (which Cloudflare recommends after adding
	// indexes) gathers them. The plans are checked with and without them.
	db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
	db.close();
	say(
		`loaded ${bookingId.toLocaleString('en')} bookings (and ${bookingRecordCount.toLocaleString('en')} records of deleted ones), ${questionId.toLocaleString('en')} questions, ${walkInCount.toLocaleString('en')} walk-in records, ${waitlistCount.toLocaleString('en')} waiting-list entries and records, ${meetingId.toLocaleString('en')} meetings with ${signupId.toLocaleString('en')} sign-ups`
	);
}

// ---------------------------------------------------------------------------------------------
// 2. The real service queries against the data set: plans and times
// ---------------------------------------------------------------------------------------------

let sqlite = new DatabaseSync(sqliteFile());
type Statement = { sql: string; params: SQLInputValue[] };
let captured: Statement[] = [];
let trips = 0;
let sqliteMs = 0;
const execute = (sql: string, params: SQLInputValue[], method: string) => {
	captured.push({ sql, params });
	const started = performance.now();
	try {
		const statement = sqlite.prepare(sql);
		if (method === 'run') {
			statement.run(...params);
			return { rows: [] };
		}
		statement.setReturnArrays(true);
		const rows = statement.all(...params) as unknown as unknown[][];
		return { rows: method === 'get' ? (rows[0] as unknown as unknown[]) : rows };
	} finally {
		sqliteMs += performance.now() - started;
	}
};
const db = drizzle(
	async (sql, params, method) => {
		trips++;
		return execute(sql, params as SQLInputValue[], method);
	},
	async (queries) => {
		trips++;
		return queries.map((q) => execute(q.sql, q.params as SQLInputValue[], q.method));
	},
	{ schema }
) as unknown as Db;

const one = <T>(sql: string, ...params: SQLInputValue[]) => sqlite.prepare(sql).get(...params) as T;
const count = (table: string) => one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n;

const now = Date.now();
const today = amsterdamDate(now);
// The worst cases: the largest organisation, its first school with the most professionals, and a
// professional who works at two schools.
const bigOrg = one<{ id: number }>(
	'SELECT organisation_id AS id FROM schools GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1'
).id;
const busySchool = one<{ id: number; slug: string }>(
	`SELECT s.id, s.slug FROM schools s JOIN staff_schools ss ON ss.school_id = s.id
	 WHERE s.organisation_id = ? GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
	bigOrg
);
const professional =
	one<{ userId: number; staffId: number }>(
		`SELECT u.id AS userId, u.staff_id AS staffId FROM users u
	 WHERE u.staff_id IN (SELECT staff_id FROM staff_schools WHERE school_id = ?)
	 AND u.staff_id IN (SELECT staff_id FROM staff_schools GROUP BY staff_id HAVING count(*) > 1)
	 ORDER BY u.id LIMIT 1`,
		busySchool.id
	) ??
	one<{ userId: number; staffId: number }>(
		'SELECT u.id AS userId, u.staff_id AS staffId FROM users u JOIN staff_schools ss ON ss.staff_id = u.staff_id WHERE ss.school_id = ? LIMIT 1',
		busySchool.id
	);
const admin = one<{ userId: number }>(
	"SELECT id AS userId FROM users WHERE organisation_id = ? AND role = 'admin' LIMIT 1",
	bigOrg
);
const staffUser: SessionUser = {
	id: professional.userId,
	email: 'p@example.nl',
	role: 'staff',
	organisationId: bigOrg,
	staffId: professional.staffId,
	name: 'Professional',
	language: 'nl',
	secondFactor: true,
	authenticatedAt: null
};
const adminUser: SessionUser = { ...staffUser, id: admin.userId, role: 'admin', staffId: null };
const weekMonday = addDays(today, 1 - isoWeekday(today));
const searchWord = 'kompas';

// Sign-in sessions for the professional and the admin, straight into the D1 (a session is the
// SHA-256 of the cookie's value): for Today as the page reads it, and for the pages in part 3.
const staffToken = `scale-staff-${randomBytes(12).toString('hex')}`;
const adminToken = `scale-admin-${randomBytes(12).toString('hex')}`;
// The figures are measured for an organisation of about 100 schools over the past year.
const figuresOrg = figuresOrganisation(sqlite);
const figuresToken = `scale-figures-${randomBytes(12).toString('hex')}`;
const yearAgo = addDays(today, -365);
const figuresPath = `/staff/figures?period=range&from=${yearAgo}&to=${addDays(today, -1)}`;
for (const [token, userId] of [
	[staffToken, professional.userId],
	[adminToken, admin.userId],
	[figuresToken, figuresOrg.adminUserId]
] as const) {
	await addSession(sqlite, token, userId, now);
}

type Check = { name: string; run: () => Promise<unknown> };
const checks: Check[] = [
	{ name: 'public school search', run: () => searchSchools(db, searchWord) },
	{ name: 'school page', run: () => getSchoolPage(db, busySchool.slug, today) },
	{
		name: 'slots for a school (28 days)',
		run: () => loadSchedule(db, busySchool.slug, { ...bookingWindow(now), now })
	},
	{
		name: "a professional's Today",
		// As the page does it: the session, the layout's schools and the page in one batch.
		run: () =>
			readWorkspace(db, staffToken, now, {
				reader: todayPage,
				url: new URL(`http://localhost/staff/today?date=${today}`)
			})
	},
	{
		name: "an admin's week (largest organisation)",
		// As the page does it, with the session and the layout's schools.
		run: () =>
			readWorkspace(db, adminToken, now, {
				reader: weekPage,
				url: new URL(`http://localhost/staff/week?week=${weekMonday}`)
			})
	},
	{
		name: "an admin's questions inbox",
		run: () =>
			readWorkspace(db, adminToken, now, {
				reader: questionsPage,
				url: new URL('http://localhost/staff/questions')
			})
	},
	{ name: "an admin's audit log", run: () => auditOf(db, adminUser) },
	{
		name: `figures: ${figuresOrg.schools} schools, a year`,
		// As the page does it: the session, the layout's schools and the figures in one batch.
		run: () =>
			readWorkspace(db, figuresToken, now, {
				reader: figuresPage,
				url: new URL(`http://localhost${figuresPath}`)
			})
	}
];

type PlanLine = { detail: string };
const failures: string[] = [];
const results: {
	name: string;
	statements: number;
	trips: number;
	rows: number;
	ms: number;
	sqliteMs: number;
	plan: string[];
}[] = [];
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const statementsOf = new Map<string, Statement[]>();

/** The full scans in the plans of a check's statements; a scan of a large table is a failure. */
function scansOf(name: string, statements: Statement[], label: string): string[] {
	const scans: string[] = [];
	for (const statement of statements) {
		const lines = sqlite
			.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
			.all(...statement.params) as PlanLine[];
		for (const { detail } of lines) {
			const scan = /^SCAN (\w+)/.exec(detail);
			const indexed = /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(detail);
			if (scan && !indexed) {
				scans.push(detail);
				if (LARGE_TABLES.has(scan[1])) {
					failures.push(`${name} (${label}): ${detail}\n    in ${statement.sql}`);
				}
			}
		}
	}
	return [...new Set(scans)];
}

for (const check of checks) {
	captured = [];
	trips = 0;
	const output = await check.run();
	const tripCount = trips;
	const statements = [...captured];
	statementsOf.set(check.name, statements);
	const times: number[] = [];
	const inSqlite: number[] = [];
	for (let i = 0; i < 15; i++) {
		const t = performance.now();
		sqliteMs = 0;
		await check.run();
		times.push(performance.now() - t);
		inSqlite.push(sqliteMs);
	}
	const rows = JSON.stringify(output).length;
	const plan = scansOf(check.name, statements, 'with statistics');
	results.push({
		name: check.name,
		statements: statements.length,
		trips: tripCount,
		rows,
		ms: median(times),
		sqliteMs: median(inSqlite),
		plan
	});
}

// The same plans without the planner's statistics (a database nobody ran ANALYZE on).
const stats = sqlite.prepare('SELECT tbl, idx, stat FROM sqlite_stat1').all() as {
	tbl: string;
	idx: string | null;
	stat: string;
}[];
sqlite.exec('DELETE FROM sqlite_stat1');
sqlite.close();
sqlite = new DatabaseSync(sqliteFile());
for (const result of results) {
	const scans = scansOf(result.name, statementsOf.get(result.name)!, 'without statistics');
	result.plan = [...new Set([...result.plan, ...scans])];
}
const restore = sqlite.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
for (const row of stats) restore.run(row.tbl, row.idx, row.stat);

// ---------------------------------------------------------------------------------------------
// 3. The real pages through wrangler dev
// ---------------------------------------------------------------------------------------------

const dbBytes = statSync(sqliteFile()).size;
const tableBytes = sqlite
	.prepare(
		`SELECT coalesce(i.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes FROM dbstat d
		 LEFT JOIN sqlite_schema i ON i.name = d.name GROUP BY tbl ORDER BY bytes DESC`
	)
	.all() as { tbl: string; bytes: number }[];
const counts = Object.fromEntries(
	[
		'organisations',
		'schools',
		'staff',
		'staff_schools',
		'availability_blocks',
		'bookings',
		'questions',
		'question_messages',
		'audit_log',
		'users',
		'walk_in_records',
		'question_records',
		'booking_records',
		'waitlist_entries',
		'waitlist_records',
		'meetings',
		'meeting_signups'
	].map((t) => [t, count(t)])
);
sqlite.close();

say(`serving the built worker on the data set at http://127.0.0.1:${PORT}`);
const { base, stop } = await serveScaleSet(PORT);

const range = bookingWindow(now);
const pages: { name: string; path: string; token?: string }[] = [
	{ name: 'school search (API)', path: `/api/v1/schools?q=${searchWord}` },
	{ name: 'school page', path: `/nl/${busySchool.slug}` },
	{
		name: 'slots for a school (API, 28 days)',
		path: `/api/v1/schools/${busySchool.slug}/slots?from=${range.from}&to=${range.to}`
	},
	{ name: "a professional's Today", path: '/staff/today', token: staffToken },
	{ name: "an admin's week", path: '/staff/week', token: adminToken },
	{ name: "an admin's questions inbox", path: '/staff/questions', token: adminToken },
	{
		name: `figures (${figuresOrg.schools} schools, a year)`,
		path: figuresPath,
		token: figuresToken
	}
];
const pageResults: { name: string; status: number; ms: number; gzip: number }[] = [];
for (const page of pages) {
	const headers: Record<string, string> = page.token
		? { cookie: `__Host-inloop_session=${page.token}` }
		: {};
	const times: number[] = [];
	let status = 0;
	let body = '';
	for (let i = 0; i < 12; i++) {
		const t = performance.now();
		const res = await fetch(`${base}${page.path}`, { headers, redirect: 'manual' });
		body = await res.text();
		status = res.status;
		if (i >= 2) times.push(performance.now() - t);
	}
	if (status !== 200) failures.push(`${page.name}: HTTP ${status} for ${page.path}`);
	pageResults.push({ name: page.name, status, ms: median(times), gzip: gzipSync(body).length });
}
stop();

// The budgets of ../shared/DESIGN.md that the data set's size could break.
const budgets: [string, boolean][] = [
	['school page: one D1 round trip', results.find((r) => r.name === 'school page')!.trips === 1],
	[
		'slots for a school: one D1 round trip',
		results.find((r) => r.name.startsWith('slots'))!.trips === 1
	],
	[
		'figures of an organisation of about 100 schools over a year: at most 2 D1 round trips',
		results.find((r) => r.name.startsWith('figures'))!.trips <= 2
	],
	[
		'school page: HTML at most 14 KB gzip',
		pageResults.find((p) => p.name === 'school page')!.gzip <= 14 * 1024
	]
];
for (const [text, ok] of budgets) if (!ok) failures.push(`budget: ${text}`);

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
console.log('\nData set');
for (const [table, n] of Object.entries(counts)) {
	console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en').padStart(12)}`);
}
console.log(
	`  database file          ${mb(dbBytes).padStart(12)}  = ${((dbBytes / D1_LIMIT_BYTES) * 100).toFixed(1)} % of D1's 10 GB limit`
);
for (const { tbl, bytes } of tableBytes.slice(0, 6)) {
	console.log(`    ${tbl.padEnd(20)} ${mb(bytes).padStart(12)} (with its indexes)`);
}
console.log('\nQueries (the service functions on node:sqlite; median of 15 runs)');
console.log(
	'  what                                      statements  round trips   JSON out   SQLite ms  service ms   scans'
);
for (const r of results) {
	console.log(
		`  ${r.name.padEnd(42)}${String(r.statements).padStart(10)}${String(r.trips).padStart(13)}${`${(r.rows / 1024).toFixed(1)} KB`.padStart(11)}${r.sqliteMs.toFixed(1).padStart(11)}${r.ms.toFixed(1).padStart(12)}   ${r.plan.length ? r.plan.join('; ') : 'none'}`
	);
}
console.log(`\nPages through wrangler dev on port ${PORT} (median of 10 after 2 warm-ups)`);
console.log('  what                                        status      ms    body gzip');
for (const p of pageResults) {
	console.log(
		`  ${p.name.padEnd(44)}${String(p.status).padStart(6)}${p.ms.toFixed(0).padStart(8)}${`${(p.gzip / 1024).toFixed(1)} KB`.padStart(12)}`
	);
}
console.log('\nBudgets');
for (const [text, ok] of budgets) console.log(`  ${ok ? 'ok  ' : 'OVER'} ${text}`);
console.log(`\nTotal run time: ${elapsed()}`);
if (failures.length) {
	console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
	process.exit(1);
}
console.log('Every statement uses an index on the large tables.');
process.exit(0);
