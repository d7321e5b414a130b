/**
 * A workspace page reads the session, the person's schools and (on Today) the page in one D1 batch
 * (issue #8): the reads that depend on the person find them by a subquery on the session's hash.
 * These tests hold that form to the one the rest of the workspace uses (the person known first),
 * and check that a session that is not (or no longer) signed in reads nothing.
 */
import { env, exports } from 'cloudflare:workers';
import { is } from 'drizzle-orm';
import { SQLiteInsertBase } from 'drizzle-orm/sqlite-core';
import type { Db } from '$lib/server/db';
import { describe, expect, it } from 'vitest';
import { readSession, readSessionUser, signInWithPassword, signedInUserId } from '$lib/server/auth';
import { sha256Hex } from '$lib/server/crypto';
import { schoolsOf, schoolsQuery, visibleSchoolIds } from '$lib/server/access';
import { pageData, readWorkspace, type PageReader } from '$lib/server/staff/workspace';
import { reader as accountPage } from '../../src/routes/staff/(app)/account/reader';
import { reader as bookingPage } from '../../src/routes/staff/(app)/bookings/[id]/reader';
import { reader as bookingsPage } from '../../src/routes/staff/(app)/bookings/reader';
import { reader as calendarPage } from '../../src/routes/staff/(app)/calendar/reader';
import { reader as hoursPage } from '../../src/routes/staff/(app)/hours/reader';
import { reader as newBookingPage } from '../../src/routes/staff/(app)/bookings/new/reader';
import { reader as profilePage } from '../../src/routes/staff/(app)/profile/reader';
import { reader as questionPage } from '../../src/routes/staff/(app)/questions/[id]/reader';
import { reader as questionsPage } from '../../src/routes/staff/(app)/questions/reader';
import { reader as queuePage } from '../../src/routes/staff/(app)/queue/reader';
import { todayDate, reader as todayPage } from '../../src/routes/staff/(app)/today/reader';
import { reader as weekPage } from '../../src/routes/staff/(app)/week/reader';
import { reader as auditPage } from '../../src/routes/staff/(app)/admin/audit/reader';
import { reader as holidaysPage } from '../../src/routes/staff/(app)/admin/holidays/reader';
import { reader as kiosksPage } from '../../src/routes/staff/(app)/admin/kiosks/reader';
import { reader as organisationPage } from '../../src/routes/staff/(app)/admin/organisation/reader';
import { reader as peoplePage } from '../../src/routes/staff/(app)/admin/people/reader';
import { reader as schoolPage } from '../../src/routes/staff/(app)/admin/schools/[id]/reader';
import {
	assembleSchedules,
	loadSchedule,
	scheduleQueries,
	scheduleStaffQuery,
	type ScheduleRows
} from '$lib/server/bookings/schedule';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import {
	HAAG_ADMIN,
	SAMIRA,
	TILBURG_ADMIN,
	YUSUF,
	cookie,
	db,
	get,
	newClient,
	nextMoment,
	signIn
} from './helpers';
import { testNow } from './clock';

const sessionRow = async (token: string) =>
	env.DB.prepare('SELECT last_seen_at FROM sessions WHERE id_hash = ?')
		.bind(await sha256Hex(token))
		.first<{ last_seen_at: number }>();

const TODAY = new URL('http://localhost/staff/today');

describe('the workspace in one batch', () => {
	it('gives every kind of person the schools and the pages their own reads give', async () => {
		const pages = [
			[todayPage, (day: string) => `/staff/today?date=${day}`],
			[weekPage, (day: string) => `/staff/week?week=${day}`],
			[bookingsPage, (day: string) => `/staff/bookings?from=${day}&to=${addDays(day, 1)}`],
			[questionsPage, () => '/staff/questions'],
			[questionsPage, () => '/staff/questions?status=new&school=1']
		] as const;
		const seen = { bookings: 0, walkIns: 0, questions: 0, inbox: 0 };
		// The week of the demo's first appointment (Samira's, on a Tuesday): the demo data puts it in
		// a week without school holidays, so that week also has her Thursday walk-in hour, whatever
		// the day the tests run (README, "Demo data").
		const first = await env.DB.prepare('SELECT starts_at FROM bookings WHERE id = 1').first<{
			starts_at: number;
		}>();
		const monday = addDays(amsterdamDate(first!.starts_at), -1);
		for (const who of [SAMIRA, YUSUF, TILBURG_ADMIN, HAAG_ADMIN]) {
			const { token, now } = await signIn(who);
			const user = (await readSession(db(), token, now))!;
			// Over that week: appointments, walk-in hours and none of either all come up.
			for (let i = 0; i < 7; i++) {
				const day = addDays(monday, i);
				for (const [reader, path] of pages) {
					const url = new URL(path(day), 'http://localhost');
					const read = await readWorkspace(db(), token, now, { reader, url });
					expect(read.user, who.email).toEqual(user);
					expect(read.schools, who.email).toEqual(await schoolsOf(db(), user));
					expect(read.page?.reader).toBe(reader);
					// The same page read for the person, as after a form action.
					expect(read.page!.data, `${who.email} ${url}`).toEqual(
						await pageData({ db: db(), now }, user, reader as PageReader<unknown>, url)
					);
				}
				const today = (
					await readWorkspace(db(), token, now, {
						reader: todayPage,
						url: new URL(`/staff/today?date=${day}`, 'http://localhost')
					})
				).page!.data as Awaited<ReturnType<ReturnType<typeof todayPage>['assemble']>>;
				seen.bookings += today.bookings.length;
				seen.walkIns += today.walkIns.length;
				seen.questions += today.questions;
			}
			const inbox = await readWorkspace(db(), token, now, {
				reader: questionsPage,
				url: new URL('/staff/questions', 'http://localhost')
			});
			seen.inbox += (inbox.page!.data as { questions: unknown[] }).questions.length;
			expect((await readWorkspace(db(), token, now)).page).toBeNull();
		}
		// Not empty comparisons: the demo data fills each part of the pages on some of these days.
		expect(seen.bookings).toBeGreaterThan(0);
		expect(seen.walkIns).toBeGreaterThan(0);
		expect(seen.questions).toBeGreaterThan(0);
		expect(seen.inbox).toBeGreaterThan(0);
	});

	it('gives every other workspace page the same with the session as for the person', async () => {
		const first = async (query: string, ...args: (string | number)[]) =>
			(await env.DB.prepare(query)
				.bind(...args)
				.first<{ id: number }>())!.id;
		const ofOrganisation = (table: 'bookings' | 'questions', organisation: number) =>
			first(
				`SELECT t.id FROM ${table} t JOIN schools s ON s.id = t.school_id WHERE s.organisation_id = ? ORDER BY t.id LIMIT 1`,
				organisation
			);
		const haagSchool = await first('SELECT id FROM schools WHERE organisation_id = 3 LIMIT 1');
		// A number in Samira's queue on the day the page is read (a high one: the kiosk tests draw
		// from 1 up).
		const ticketOn = (now: number) =>
			env.DB.prepare(
				"INSERT OR IGNORE INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, first_name, language, made_by) VALUES (1, ?, ?, 900, ?, 'Noor', 'nl', 'parent')"
			)
				.bind(SAMIRA.staffId, amsterdamDate(now), now)
				.run();
		const pages: [PageReader<unknown>, string][] = [
			[queuePage, '/staff/queue'],
			[hoursPage, '/staff/hours'],
			[hoursPage, '/staff/hours?staff=1'],
			[hoursPage, `/staff/hours?staff=${YUSUF.staffId}`],
			[newBookingPage, '/staff/bookings/new'],
			[newBookingPage, '/staff/bookings/new?school=de-vlinderboom'],
			[calendarPage, '/staff/calendar'],
			[accountPage, '/staff/account'],
			[profilePage, '/staff/profile'],
			[bookingPage, `/staff/bookings/${await ofOrganisation('bookings', 1)}`],
			[bookingPage, `/staff/bookings/${await ofOrganisation('bookings', 3)}`],
			[questionPage, `/staff/questions/${await ofOrganisation('questions', 1)}`],
			[questionPage, `/staff/questions/${await ofOrganisation('questions', 3)}?reply=1`],
			[organisationPage, '/staff/admin/organisation'],
			[schoolPage, '/staff/admin/schools/1'],
			[schoolPage, `/staff/admin/schools/${haagSchool}`],
			[peoplePage, '/staff/admin/people'],
			[holidaysPage, '/staff/admin/holidays'],
			[kiosksPage, '/staff/admin/kiosks'],
			[auditPage, '/staff/admin/audit']
		];
		const reads = async () =>
			(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'read'").first<{
				n: number;
			}>())!.n;
		const filled = new Map<PageReader<unknown>, number>();
		for (const who of [SAMIRA, YUSUF, TILBURG_ADMIN, HAAG_ADMIN]) {
			const { token, now } = await signIn(who);
			const user = (await readSession(db(), token, now))!;
			await ticketOn(now);
			for (const [reader, path] of pages) {
				const url = new URL(path, 'http://localhost');
				const before = await reads();
				const read = await readWorkspace(db(), token, now, { reader, url });
				const own = await pageData({ db: db(), now }, user, reader, url);
				expect(read.page!.data, `${who.email} ${path}`).toEqual(own);
				// An opened booking or question is logged each time, and only when it was shown.
				const logged = reader === bookingPage || reader === questionPage;
				const shown =
					logged && (reader === bookingPage ? own : (own as { question: unknown }).question);
				expect(await reads(), `${who.email} ${path}`).toBe(before + (shown ? 2 : 0));
				if (/\[\{|"id":/.test(JSON.stringify(own)))
					filled.set(reader, (filled.get(reader) ?? 0) + 1);
				// A professional reads nothing of the coordinator's pages, before the page says so.
				if (who.role !== 'admin' && path.startsWith('/staff/admin/')) {
					expect(JSON.stringify(own), `${who.email} ${path}`).not.toMatch(/\[\{|"id":/);
				}
			}
		}
		// Not empty comparisons: each page shows something to somebody.
		for (const [reader] of pages) {
			if (reader === calendarPage || reader === accountPage) continue;
			expect(filled.get(reader) ?? 0, pages.find(([r]) => r === reader)![1]).toBeGreaterThan(0);
		}
	});

	it('reads the same rows in a batch as one statement at a time', async () => {
		// D1 gives a batch's rows as objects by column name: two columns of the same name would
		// overwrite each other. Each page's statements, and the schedule's, are checked here.
		const now = testNow();
		const day = amsterdamDate(now);
		const filled = { schoolNames: 0, staffNames: 0, assigned: 0 };
		for (const who of [SAMIRA, TILBURG_ADMIN]) {
			const user = (await readSessionUser(db(), who.id))!;
			const statements = [
				...[
					[todayPage, `/staff/today?date=${day}`],
					[weekPage, `/staff/week?week=${day}`],
					[bookingsPage, `/staff/bookings?from=${addDays(day, -60)}&to=${addDays(day, 60)}`],
					[questionsPage, '/staff/questions'],
					[queuePage, '/staff/queue'],
					[hoursPage, '/staff/hours?staff=1'],
					[newBookingPage, '/staff/bookings/new'],
					[accountPage, '/staff/account'],
					[profilePage, '/staff/profile'],
					[bookingPage, '/staff/bookings/1'],
					[questionPage, '/staff/questions/1'],
					[organisationPage, '/staff/admin/organisation'],
					[schoolPage, '/staff/admin/schools/1'],
					[peoplePage, '/staff/admin/people'],
					[holidaysPage, '/staff/admin/holidays'],
					[kiosksPage, '/staff/admin/kiosks'],
					[auditPage, '/staff/admin/audit']
				]
					.flatMap(
						([reader, path]) =>
							(reader as PageReader<unknown>)(db(), user, new URL(path as string, 'http://x'), now)
								.queries
					)
					// The audit entries of an opened record are writes: their results carry timings.
					.filter((statement) => !is(statement, SQLiteInsertBase)),
				...scheduleQueries(db(), 'de-zuidwester', { from: day, to: addDays(day, 27) })
			];
			const alone: unknown[] = [];
			for (const statement of statements) alone.push(await statement);
			const together = await db().batch(statements as unknown as Parameters<Db['batch']>[0]);
			expect(together, who.email).toEqual(alone);
			for (const rows of alone as Record<string, unknown>[][]) {
				for (const row of rows) {
					if (typeof row.schoolName === 'string') filled.schoolNames++;
					if (typeof row.staffName === 'string') filled.staffNames++;
					if (typeof row.assignedName === 'string') filled.assigned++;
				}
			}
		}
		expect(filled.schoolNames).toBeGreaterThan(0);
		expect(filled.staffNames).toBeGreaterThan(0);
		expect(filled.assigned).toBeGreaterThan(0);
	});

	it('gives the same for a professional without a staff record and a coordinator who is also one', async () => {
		const now = testNow();
		const person = (await env.DB.prepare(
			"INSERT INTO staff (organisation_id, name, role, languages_spoken) VALUES (1, 'Ook Coördinator', 'wijkteammedewerker', '[\"nl\"]') RETURNING id"
		).first<{ id: number }>())!.id;
		await env.DB.prepare('INSERT INTO staff_schools (staff_id, school_id) VALUES (?, 1)')
			.bind(person)
			.run();
		for (const [role, staffId, schoolCount] of [
			['staff', null, 0],
			[
				'admin',
				person,
				(await schoolsOf(db(), (await readSessionUser(db(), TILBURG_ADMIN.id))!)).length
			]
		] as const) {
			const user = (await env.DB.prepare(
				'INSERT INTO users (email, organisation_id, staff_id, role) VALUES (?, 1, ?, ?) RETURNING id'
			)
				.bind(`workspace-${crypto.randomUUID()}@example.org`, staffId, role)
				.first<{ id: number }>())!.id;
			const token = `workspace-${crypto.randomUUID()}`;
			await env.DB.prepare(
				'INSERT INTO sessions (id_hash, user_id, second_factor_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)'
			)
				.bind(await sha256Hex(token), user, now, now, now + 3_600_000)
				.run();
			const known = (await readSession(db(), token, now))!;
			for (const reader of [todayPage, questionsPage] as PageReader<unknown>[]) {
				const read = await readWorkspace(db(), token, now, { reader, url: TODAY });
				expect(read.schools, role).toEqual(await schoolsOf(db(), known));
				expect(read.schools.length, role).toBe(schoolCount);
				expect(read.page!.data, role).toEqual(
					await pageData({ db: db(), now }, known, reader, TODAY)
				);
			}
		}
		await env.DB.prepare('DELETE FROM staff WHERE id = ?').bind(person).run();
	});

	it('reads the schedules of several schools at once as each school alone gives them', async () => {
		const admin = (await readSessionUser(db(), TILBURG_ADMIN.id))!;
		const from = amsterdamDate(testNow());
		const range = { from, to: addDays(from, 27) };
		// The extra hour's day: two days on, or the first after that outside De Zuidwester's holidays.
		const { results: closed } = await env.DB.prepare(
			'SELECT start_date, end_date FROM closures WHERE organisation_id = 1'
		).all<{ start_date: string; end_date: string }>();
		let extraDay = addDays(from, 2);
		while (closed.some((c) => c.start_date <= extraDay && extraDay <= c.end_date))
			extraDay = addDays(extraDay, 1);
		// Someone whose weekly hours at De Zuidwester ended long ago, with one extra walk-in hour
		// there in the range: the school alone shows it, so must the read of several schools.
		const person = (await env.DB.prepare(
			"INSERT INTO staff (organisation_id, name, role, languages_spoken) VALUES (1, 'Oud Rooster', 'wijkteammedewerker', '[\"nl\"]') RETURNING id"
		).first<{ id: number }>())!.id;
		try {
			await env.DB.batch([
				env.DB.prepare('INSERT INTO staff_schools (staff_id, school_id) VALUES (?, 1)').bind(
					person
				),
				env.DB.prepare(
					"INSERT INTO availability_blocks (staff_id, school_id, location_id, weekday, start_time, end_time, valid_from, valid_until) VALUES (?, 1, 1, 1, '08:30', '09:30', '2020-01-06', '2020-06-29')"
				).bind(person),
				env.DB.prepare(
					"INSERT INTO availability_exceptions (staff_id, school_id, location_id, date, kind, start_time, end_time, slot_minutes, capacity, bookable, walk_in) VALUES (?, 1, 1, ?, 'extra', '10:00', '11:00', 20, 1, 0, 1)"
				).bind(person, extraDay)
			]);
			const visible = visibleSchoolIds(db(), admin);
			const [working, ...rows] = await db().batch([
				scheduleStaffQuery(db(), visible),
				...scheduleQueries(db(), visible, range)
			]);
			const together = assembleSchedules(rows as unknown as ScheduleRows, working, range);
			const schools = await schoolsOf(db(), admin);
			expect(together.map((s) => s.school.slug)).toEqual(schools.map((s) => s.slug));
			const alone = await Promise.all(schools.map((s) => loadSchedule(db(), s.slug, range)));
			expect(together).toEqual(alone);
			// Not an empty comparison: walk-in slots, the extra hour among them.
			const slots = together.flatMap((s) => s.slots);
			expect(slots.some((s) => s.walkIn && s.staffId !== person)).toBe(true);
			expect(slots.filter((s) => s.staffId === person).map((s) => s.date)).toEqual([
				extraDay,
				extraDay,
				extraDay
			]);
		} finally {
			await env.DB.prepare('DELETE FROM staff WHERE id = ?').bind(person).run();
		}
	});

	it('reads nothing for a half sign-in, an idle or expired session, or a disabled account', async () => {
		const nothing = async (hash: string, at: number) =>
			db().batch([schoolsQuery(db(), signedInUserId(db(), hash, at))]);
		// The password alone: the person is known (for the code step), their data is not read.
		const at = nextMoment();
		const half = await signInWithPassword(db(), {
			email: YUSUF.email,
			password: DEMO_PASSWORD,
			client: newClient(),
			now: at
		});
		if (!half.ok) throw new Error(half.code);
		const halfRead = await readWorkspace(db(), half.token, at, { reader: todayPage, url: TODAY });
		expect(halfRead.user).toMatchObject({ email: YUSUF.email, secondFactor: false });
		expect(halfRead).toMatchObject({ schools: [], page: null });
		expect((await nothing(await sha256Hex(half.token), at))[0]).toEqual([]);

		const { token, now } = await signIn(SAMIRA);
		expect((await nothing(await sha256Hex(token), now))[0].length).toBeGreaterThan(0);

		// Idle for 30 minutes: the rows say nothing, and the session is gone.
		const idle = now + 30 * 60_000;
		expect((await nothing(await sha256Hex(token), idle))[0]).toEqual([]);
		expect(await readWorkspace(db(), token, idle, { reader: todayPage, url: TODAY })).toEqual({
			user: null,
			schools: [],
			page: null
		});
		expect(await sessionRow(token)).toBeNull();
		expect(await readSession(db(), token, now)).toBeNull();

		// Past its 12 hours while in use: the same.
		const busy = await signIn(SAMIRA);
		const busyHash = await sha256Hex(busy.token);
		await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?')
			.bind(busy.now, busyHash)
			.run();
		expect((await nothing(busyHash, busy.now))[0]).toEqual([]);
		expect((await readWorkspace(db(), busy.token, busy.now)).user).toBeNull();
		expect(await sessionRow(busy.token)).toBeNull();

		// A disabled account (a throwaway one, so the demo accounts stay as they are).
		const user = (await env.DB.prepare(
			"INSERT INTO users (email, organisation_id, role) VALUES (?, 1, 'admin') RETURNING id"
		)
			.bind(`workspace-${crypto.randomUUID()}@example.org`)
			.first<{ id: number }>())!.id;
		const disabledToken = `workspace-${crypto.randomUUID()}`;
		const hash = await sha256Hex(disabledToken);
		await env.DB.prepare(
			'INSERT INTO sessions (id_hash, user_id, second_factor_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)'
		)
			.bind(hash, user, now, now, now + 3_600_000)
			.run();
		expect((await readWorkspace(db(), disabledToken, now)).schools.length).toBeGreaterThan(0);
		await env.DB.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').bind(now, user).run();
		expect((await nothing(hash, now))[0]).toEqual([]);
		expect((await readWorkspace(db(), disabledToken, now)).user).toBeNull();
		expect(await sessionRow(disabledToken)).toBeNull();
	});

	it('records the use of a live session at most once a minute, in the same batch', async () => {
		const { token, now } = await signIn(SAMIRA);
		await readWorkspace(db(), token, now + 30_000);
		expect((await sessionRow(token))!.last_seen_at).toBe(now);
		await readWorkspace(db(), token, now + 90_000);
		expect((await sessionRow(token))!.last_seen_at).toBe(now + 90_000);
		// An ended session is not brought back to life by the same statement.
		const ended = now + 90_000 + 30 * 60_000;
		await readWorkspace(db(), token, ended);
		expect(await sessionRow(token)).toBeNull();
	});

	it('shows the day asked for, if it exists, and else today', () => {
		const now = Date.parse('2026-12-01T23:30:00Z'); // 00:30 on 2 December in Amsterdam
		expect(todayDate(null, now)).toBe('2026-12-02');
		expect(todayDate('2027-03-01', now)).toBe('2027-03-01');
		expect(todayDate('2027-02-30', now)).toBe('2026-12-02');
		expect(todayDate('morgen', now)).toBe('2026-12-02');
	});
});

describe('days in the address that do not exist', () => {
	it('show the usual days on Today, the week, the appointments and the CSV, never an error', async () => {
		const { token } = await signIn(SAMIRA);
		for (const path of [
			'/staff/today?date=2027-02-30',
			'/staff/week?week=2027-02-30',
			'/staff/bookings?from=2027-02-29&to=2027-02-30',
			'/staff/bookings/export.csv?from=2027-02-30&to=2027-13-01'
		]) {
			const res = await get(path, token);
			expect(res.status, path).toBe(200);
			// The language switch leads back to the same address; nothing else shows the day.
			const body = (await res.text()).replace(/name="back" value="[^"]*"/, '');
			expect(body, path).not.toContain('2027-02-30');
		}
	});

	it('speaks of "this day", not "today", on another day', async () => {
		const { token } = await signIn(SAMIRA);
		// What the page says, not the texts it hands its script (Today hydrates, #21).
		const html = (await (await get('/staff/today?date=2099-01-01', token)).text()).replace(
			/<script[\s\S]*?<\/script>/g,
			''
		);
		expect(html).toContain(staffNl.today.noneOn);
		expect(html).not.toContain(staffNl.today.none);
	});

	it('reads a daily page on its own when the hook did not (a HEAD request)', async () => {
		const { token } = await signIn(SAMIRA);
		for (const path of ['/staff/today', '/staff/week', '/staff/bookings', '/staff/questions']) {
			const res = await exports.default.fetch(
				new Request(`http://localhost${path}`, { method: 'HEAD', headers: cookie(token) })
			);
			expect(res.status, path).toBe(200);
		}
	});
});
