/**
 * Several organisations in one deployment: every staff and admin service returns and changes only
 * the rows of the person's own organisation (and, for staff, their own schools). The demo data has
 * three organisations; each gets a booking, a question, a holiday, a partner, a room and an audit
 * line of its own here, so there is always something of another organisation that could leak.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { bookings, questions, schools, staffSchools, users } from '$lib/server/db/schema';
import { readSessionUser, type SessionUser } from '$lib/server/auth';
import {
	bookingDetail,
	bookingsFor,
	bookingsWithContactFor,
	cancelByStaff,
	markBooking
} from '$lib/server/bookings/staff';
import { newQuestionCount } from '$lib/server/questions';
import { schoolsOf } from '$lib/server/access';
import { addHoliday, auditOf, holidaysOf, removeHoliday } from '$lib/server/staff/admin';
import {
	addLocation,
	addPartner,
	organisationOf,
	removePartner,
	saveSchool,
	schoolOf
} from '$lib/server/staff/organisation';
import {
	endSessionsFor,
	peopleOf,
	resetAccount,
	schoolIdsOfStaff,
	setDisabled,
	setStaffSchools
} from '$lib/server/accounts';
import { answerQuestion, inboxFor, questionDetail, updateQuestion } from '$lib/server/questions';
import { manageableStaff } from '$lib/server/hours';
import { logAccess } from '$lib/server/audit';
import { sha256Hex } from '$lib/server/crypto';
import { testNow } from './clock';

const db = () => getDb(env.DB);
const ORGS = [1, 2, 3] as const;
const ALL_TIME = { from: 0, to: 8_000_000_000_000 };

type Fixture = {
	schoolIds: number[];
	otherSchool: number;
	booking: number;
	question: number;
	closure: number;
	partner: number;
	staffId: number;
	userId: number;
};
const fixtures = new Map<number, Fixture>();
const admins = new Map<number, SessionUser>();
let samira: SessionUser;
let yusuf: SessionUser;

const run = (sql: string, ...params: unknown[]) =>
	env.DB.prepare(sql)
		.bind(...params)
		.first<{ id: number }>();

beforeAll(async () => {
	const now = testNow();
	for (const org of ORGS) {
		const own = await db()
			.select({ id: schools.id })
			.from(schools)
			.where(eq(schools.organisationId, org));
		const school = own[0].id;
		const room = (await run(
			'SELECT id FROM locations WHERE organisation_id = ? ORDER BY id LIMIT 1',
			org
		))!.id;
		const person = (await run(
			"INSERT INTO staff (organisation_id, name, role, languages_spoken) VALUES (?, ?, 'wijkteammedewerker', '[\"nl\"]') RETURNING id",
			org,
			`Partitie Medewerker ${org}`
		))!.id;
		await run('INSERT INTO staff_schools (staff_id, school_id) VALUES (?, ?)', person, school);
		const account = (await run(
			"INSERT INTO users (email, organisation_id, staff_id, role) VALUES (?, ?, ?, 'staff') RETURNING id",
			`partitie${org}@example.org`,
			org,
			person
		))!.id;
		const booking = (await run(
			`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, location_id, starts_at, ends_at, first_name, phone, contact_key, language, made_by)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, '0612345678', '0612345678', 'nl', 'parent') RETURNING id`,
			`PART${org}AAA`,
			await sha256Hex(`partition-booking-${org}`),
			school,
			person,
			room,
			now + 3 * 86_400_000,
			now + 3 * 86_400_000 + 1_200_000,
			`Ouder${org}partitie`
		))!.id;
		const question = (await run(
			`INSERT INTO questions (reference, access_token_hash, school_id, category, text, answer_by, language, status)
			 VALUES (?, ?, ?, 'behaviour', ?, 'page', 'nl', 'new') RETURNING id`,
			`VPART${org}AA`,
			await sha256Hex(`partition-question-${org}`),
			school,
			`Vraag van organisatie ${org}`
		))!.id;
		const closure = (await run(
			"INSERT INTO closures (organisation_id, name, start_date, end_date) VALUES (?, ?, '2099-07-01', '2099-08-31') RETURNING id",
			org,
			`Zomer ${org}`
		))!.id;
		const partner = (await run(
			"INSERT INTO partners (school_id, name, role) VALUES (?, ?, 'gedragscoach') RETURNING id",
			school,
			`Partner ${org}`
		))!.id;
		fixtures.set(org, {
			schoolIds: own.map((s) => s.id),
			otherSchool: 0,
			booking,
			question,
			closure,
			partner,
			staffId: person,
			userId: account
		});
		const admin = (await run(
			"SELECT id FROM users WHERE organisation_id = ? AND role = 'admin' ORDER BY id LIMIT 1",
			org
		))!.id;
		const user = (await readSessionUser(db(), admin))!;
		admins.set(org, user);
		await logAccess(db(), user, {
			action: 'read',
			entity: 'booking',
			entityId: booking,
			schoolId: school,
			detail: `partition-marker-${org}`,
			now
		});
	}
	samira = (await readSessionUser(db(), 4))!;
	yusuf = (await readSessionUser(db(), 6))!;
});

const fixture = (org: number) => fixtures.get(org)!;
const others = (org: number) => ORGS.filter((o) => o !== org).map(fixture);
const ownSchoolsOfStaff = async (staffId: number) =>
	(
		await db()
			.select({ id: staffSchools.schoolId })
			.from(staffSchools)
			.where(eq(staffSchools.staffId, staffId))
	).map((r) => r.id);

describe('lists hold only the own organisation (admins) or own schools (staff)', () => {
	it('schools, bookings, the CSV rows, new questions and the inbox', async () => {
		const viewers = [
			...ORGS.map((org) => ({ user: admins.get(org)!, org })),
			{ user: samira, org: 1 },
			{ user: yusuf, org: 3 }
		];
		for (const { user, org } of viewers) {
			const visible =
				user.role === 'admin' ? fixture(org).schoolIds : await ownSchoolsOfStaff(user.staffId!);
			const label = `${user.email}`;
			expect(visible.length, label).toBeGreaterThan(0);
			expect((await schoolsOf(db(), user)).map((s) => s.id).sort(), label).toEqual(
				[...visible].sort()
			);
			for (const list of [
				await bookingsFor(db(), user, ALL_TIME),
				await bookingsWithContactFor(db(), user, ALL_TIME)
			]) {
				for (const b of list) expect(visible, label).toContain(b.schoolId);
				const ids = list.map((b) => b.id);
				for (const other of others(org)) expect(ids, label).not.toContain(other.booking);
				if (user.role === 'admin') expect(ids, label).toContain(fixture(org).booking);
			}
			const inbox = await inboxFor(db(), user, {});
			const inboxIds = inbox.map((q) => q.id);
			for (const other of others(org)) expect(inboxIds, label).not.toContain(other.question);
			const own = await db()
				.select({ id: questions.id, schoolId: questions.schoolId, status: questions.status })
				.from(questions);
			const ownOpen = own.filter((q) => visible.includes(q.schoolId) && q.status !== 'closed');
			expect(inboxIds.sort(), label).toEqual(ownOpen.map((q) => q.id).sort());
			expect(await newQuestionCount(db(), user), label).toBe(
				ownOpen.filter((q) => q.status === 'new').length
			);
		}
	});

	it('the organisation, its holidays, people, staff schools and audit log', async () => {
		for (const org of ORGS) {
			const admin = admins.get(org)!;
			const details = await organisationOf(db(), admin);
			expect(details.organisation.id).toBe(org);
			expect(details.schools.every((s) => s.organisationId === org)).toBe(true);
			expect(details.centres.every((c) => c.organisationId === org)).toBe(true);

			const holidays = (await holidaysOf(db(), admin, '2000-01-01')).map((h) => h.id);
			expect(holidays).toContain(fixture(org).closure);
			for (const other of others(org)) expect(holidays).not.toContain(other.closure);

			const people = await peopleOf(db(), admin);
			const orgOfPeople = await db()
				.select({ id: users.id, organisationId: users.organisationId })
				.from(users);
			for (const person of people) {
				expect(orgOfPeople.find((u) => u.id === person.id)!.organisationId).toBe(org);
			}
			expect(people.map((p) => p.id)).toContain(fixture(org).userId);

			const staffIds = Object.keys(await schoolIdsOfStaff(db(), admin)).map(Number);
			expect(staffIds).toContain(fixture(org).staffId);
			for (const other of others(org)) expect(staffIds).not.toContain(other.staffId);

			const audit = (await auditOf(db(), admin)).map((a) => a.detail);
			expect(audit).toContain(`partition-marker-${org}`);
			for (const o of ORGS.filter((o) => o !== org)) {
				expect(audit).not.toContain(`partition-marker-${o}`);
			}
		}
	});

	it('the CSV export through the worker', async () => {
		for (const org of [1, 3]) {
			const token = `partition-session-${org}-${crypto.randomUUID()}`;
			const now = testNow();
			await run(
				'INSERT INTO sessions (id_hash, user_id, second_factor_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
				await sha256Hex(token),
				admins.get(org)!.id,
				now,
				now,
				now + 3_600_000
			);
			const res = await exports.default.fetch(
				new Request('http://localhost/staff/bookings/export.csv?from=2000-01-01&to=2100-01-01', {
					headers: { cookie: `__Host-inloop_session=${token}` }
				})
			);
			expect(res.status).toBe(200);
			const csv = await res.text();
			expect(csv).toContain(`Ouder${org}partitie`);
			for (const o of ORGS.filter((o) => o !== org)) expect(csv).not.toContain(`Ouder${o}partitie`);
			const names = (await organisationOf(db(), admins.get(org)!)).schools.map((s) => s.name);
			const rows = csv.trim().split(/\r?\n/).slice(1);
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows)
				expect(
					names.some((n) => row.includes(n)),
					row
				).toBe(true);
		}
	});
});

describe('nothing of another organisation can be opened or changed', () => {
	it('bookings and questions', async () => {
		const now = testNow();
		for (const [user, org] of [
			[admins.get(1)!, 1],
			[samira, 1],
			[admins.get(3)!, 3],
			[yusuf, 3]
		] as const) {
			for (const other of others(org)) {
				expect(await bookingDetail(db(), user, other.booking, now)).toBeNull();
				expect(await markBooking(db(), user, other.booking, 'attended', now)).toBe(false);
				expect(await cancelByStaff(db(), user, [other.booking], 'test', now)).toEqual([]);
				expect(await questionDetail(db(), user, other.question, now)).toBeNull();
				expect(await answerQuestion(db(), user, other.question, 'Antwoord', now)).toBe(false);
				expect(await updateQuestion(db(), user, other.question, { status: 'closed' }, now)).toBe(
					false
				);
			}
		}
		for (const org of ORGS) {
			const [booking] = await db()
				.select()
				.from(bookings)
				.where(eq(bookings.id, fixture(org).booking));
			expect(booking.status).toBe('booked');
			const [question] = await db()
				.select()
				.from(questions)
				.where(eq(questions.id, fixture(org).question));
			expect(question.status).toBe('new');
		}
		// A question of one's own cannot be handed to a professional of another organisation.
		expect(
			await updateQuestion(
				db(),
				admins.get(1)!,
				fixture(1).question,
				{ assignedStaffId: fixture(3).staffId },
				now
			)
		).toBe(false);
		expect(
			await updateQuestion(
				db(),
				admins.get(1)!,
				fixture(1).question,
				{ assignedStaffId: fixture(1).staffId },
				now
			)
		).toBe(true);
	});

	it('schools, rooms, partners, holidays, accounts and hours', async () => {
		const now = testNow();
		const admin = admins.get(1)!;
		const theirs = fixture(3);
		const theirSchool = theirs.schoolIds[0];
		expect(await schoolOf(db(), admin, theirSchool)).toBeNull();
		const [before] = await db().select().from(schools).where(eq(schools.id, theirSchool));
		const change = await saveSchool(db(), admin, theirSchool, {
			name: 'Overgenomen',
			slug: before.slug,
			address: 'x',
			postcode: '1234 AB',
			town: 'x',
			languages: ['nl'],
			defaultLanguage: 'nl'
		});
		expect(change.ok).toBe(false);
		const [after] = await db().select().from(schools).where(eq(schools.id, theirSchool));
		expect(after.name).toBe(before.name);
		expect(await addLocation(db(), admin, theirSchool, { name: 'Indringer' })).toBe(false);
		expect(
			await addPartner(db(), admin, theirSchool, { name: 'Indringer', role: 'gedragscoach' })
		).toBe(false);
		expect(await removePartner(db(), admin, theirs.partner)).toBe(false);
		expect(await removeHoliday(db(), admin, theirs.closure)).toBe(false);
		expect(
			await addHoliday(db(), admin, {
				name: 'x',
				startDate: '2099-01-01',
				endDate: '2099-01-02',
				schoolId: theirSchool
			})
		).toBe(false);
		expect(await setDisabled(db(), admin, theirs.userId, true, now)).toBe(false);
		expect(await endSessionsFor(db(), admin, theirs.userId)).toBe(false);
		expect(await resetAccount(db(), admin, theirs.userId, now)).toBeNull();
		expect(await setStaffSchools(db(), admin, theirs.staffId, fixture(1).schoolIds)).toBe(false);
		expect(await manageableStaff(db(), admin, theirs.staffId)).toBeNull();
		// One's own professional cannot be put at another organisation's school.
		expect(await setStaffSchools(db(), admin, fixture(1).staffId, [theirSchool])).toBe(true);
		expect(await ownSchoolsOfStaff(fixture(1).staffId)).toEqual([]);
		await setStaffSchools(db(), admin, fixture(1).staffId, [fixture(1).schoolIds[0]]);
		// And nothing of theirs changed.
		const [account] = await db().select().from(users).where(eq(users.id, theirs.userId));
		expect(account.disabledAt).toBeNull();
		expect(await ownSchoolsOfStaff(theirs.staffId)).toEqual([theirs.schoolIds[0]]);
	});
});
