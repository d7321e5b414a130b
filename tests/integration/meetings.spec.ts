/**
 * Parent meetings through the whole worker: the school's list, signing up (capacity holds under a
 * race), the manage link, theme suggestions, and the wijkteam planning, cancelling (everyone who
 * signed up is told in their language) and marking who came; retention takes the names after.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSession, type SessionUser } from '$lib/server/auth';
import {
	cancelMeeting,
	createMeeting,
	markAttended,
	signupsQuery,
	staffMeetingQuery,
	staffMeetingsQuery,
	updateMeeting
} from '$lib/server/meetings/staff';
import { cancelMeetingForParents } from '$lib/server/meetings/commands';
import { runRetention } from '$lib/server/retention';
import { addDays, amsterdamDate, isoWeekday } from '$lib/server/scheduling/time';
import { DEMO_COFFEE_SERIES, DEMO_SIGNUP_TOKEN } from '$lib/server/demo/seed';
import { check } from '$lib/validation';
import { MeetingForm } from '$lib/validation/meetings';
import arabic from '$lib/i18n/locales/ar.json';
import turkish from '$lib/i18n/locales/tr.json';
import { JEROEN, SAMIRA, YUSUF, db, get, newClient, postForm, signIn, commandCtx } from './helpers';
import { testNow } from './clock';

type ApiError = { error: { code: string; message: string; fields: Record<string, string> } };
type Meeting = {
	id: number;
	title: string;
	start: string;
	capacity: number;
	remaining: number;
	languages: string[];
	interpreter: boolean;
};

const request = (path: string, init: RequestInit = {}, client = newClient()) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			...init,
			headers: { 'cf-connecting-ip': client, 'content-type': 'application/json', ...init.headers }
		})
	);
const post = (path: string, body: unknown, client?: string) =>
	request(path, { method: 'POST', body: JSON.stringify(body) }, client);

const today = amsterdamDate(testNow());
let samira: SessionUser;
let yusuf: SessionUser;
let jeroen: SessionUser;

/** A meeting of Samira's school, `days` out at 19:00 (a time no test clock makes past). */
async function plan(fields: Record<string, string | string[]> = {}, days = 10) {
	const form = check(MeetingForm, {
		schoolId: '1',
		title_nl: 'Slapen en schermtijd',
		title_ar: 'النوم ووقت الشاشة',
		text_nl: 'Hoe helpt u uw kind om op tijd te slapen?',
		theme: 'sleep_eating',
		date: addDays(today, days),
		startTime: '19:00',
		endTime: '20:30',
		place: 'Ouderkamer',
		capacity: '5',
		languages: ['nl', 'ar'],
		interpreter: 'on',
		hostStaffId: '1',
		...fields
	});
	if (!form.ok) throw new Error(JSON.stringify(form.errors));
	const made = await createMeeting(db(), samira, form.data, testNow());
	if (!made.ok) throw new Error(made.code);
	return made.ids;
}

const signupBody = (fields: Record<string, unknown> = {}) => ({
	firstName: 'Amina',
	people: 1,
	language: 'ar',
	consent: true,
	...fields
});

async function peopleAt(meetingId: number) {
	const row = await env.DB.prepare(
		"SELECT coalesce(sum(people), 0) AS n FROM meeting_signups WHERE meeting_id = ? AND status <> 'cancelled'"
	)
		.bind(meetingId)
		.first<{ n: number }>();
	return row!.n;
}

beforeAll(async () => {
	samira = (await readSession(db(), (await signIn(SAMIRA)).token, testNow()))!;
	yusuf = (await readSession(db(), (await signIn(YUSUF)).token, testNow()))!;
	jeroen = (await readSession(db(), (await signIn(JEROEN)).token, testNow()))!;
});

describe('the demo coffee morning', () => {
	it('is on the first Friday of the coming months at 08:45, capacity 12, Dutch and Arabic', async () => {
		const res = await request('/api/v1/schools/de-zuidwester/meetings?lang=ar');
		expect(res.status).toBe(200);
		const list = (await res.json()) as Meeting[];
		const coffee = list.filter((m) => m.title === 'صباح القهوة');
		expect(coffee.length).toBeGreaterThanOrEqual(3);
		for (const m of coffee) {
			const date = m.start.slice(0, 10);
			expect(isoWeekday(date)).toBe(5);
			expect(Number(date.slice(8, 10))).toBeLessThanOrEqual(7);
			expect(m.start.slice(11, 16)).toBe('08:45');
			expect(m).toMatchObject({ capacity: 12, languages: ['nl', 'ar'], interpreter: false });
		}
		const signup = await request(`/api/v1/signups/${DEMO_SIGNUP_TOKEN}`);
		expect(await signup.json()).toMatchObject({ firstName: 'Amina', people: 2 });
		const series = await env.DB.prepare('SELECT count(*) AS n FROM meetings WHERE series_key = ?')
			.bind(DEMO_COFFEE_SERIES)
			.first<{ n: number }>();
		expect(series!.n).toBe(coffee.length);
	});

	it('answers 404 for a school that does not exist', async () => {
		const res = await request('/api/v1/schools/nope/meetings');
		expect(res.status).toBe(404);
		expect(((await res.json()) as ApiError).error.code).toBe('school_not_found');
	});
});

describe('signing up', () => {
	it('takes the places, shows the sign-up by its token, and frees them on cancel', async () => {
		const [id] = await plan();
		const res = await post(`/api/v1/meetings/${id}/signups`, signupBody({ people: 3 }));
		expect(res.status).toBe(201);
		const created = (await res.json()) as { reference: string; manageToken: string };
		const list = (await (
			await request('/api/v1/schools/de-zuidwester/meetings')
		).json()) as Meeting[];
		expect(list.find((m) => m.id === id)).toMatchObject({ capacity: 5, remaining: 2 });

		const mine = await request(`/api/v1/signups/${created.manageToken}`);
		expect(await mine.json()).toMatchObject({
			reference: created.reference,
			status: 'signed_up',
			people: 3,
			meeting: { id, title: 'النوم ووقت الشاشة', cancelled: false }
		});

		// More people than there are places: 409 meeting_full with what is left, nothing stored.
		const full = await post(`/api/v1/meetings/${id}/signups?lang=nl`, signupBody({ people: 3 }));
		expect(full.status).toBe(409);
		expect(await full.json()).toMatchObject({
			error: {
				code: 'meeting_full',
				remaining: 2,
				message: 'Er zijn niet genoeg plaatsen meer vrij.'
			}
		});
		expect(await peopleAt(id)).toBe(3);

		const cancel = await request(`/api/v1/signups/${created.manageToken}`, { method: 'DELETE' });
		expect(cancel.status).toBe(204);
		expect(await peopleAt(id)).toBe(0);
		const again = await request(`/api/v1/signups/${created.manageToken}`, { method: 'DELETE' });
		expect(again.status).toBe(409);
		const unknown = await request('/api/v1/signups/unknown-token', { method: 'DELETE' });
		expect(unknown.status).toBe(404);
	});

	it('never gives more places than there are to 50 parents at the same moment', async () => {
		const [id] = await plan({ capacity: '12' });
		// Two places already gone: ten are left for fifty parents of one or two people.
		expect((await post(`/api/v1/meetings/${id}/signups`, signupBody({ people: 2 }))).status).toBe(
			201
		);
		const responses = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				post(
					`/api/v1/meetings/${id}/signups`,
					signupBody({ firstName: `Ouder${i}`, people: 1 + (i % 2) })
				)
			)
		);
		const statuses = responses.map((r) => r.status);
		expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
		expect(await peopleAt(id)).toBe(12);
		const given = await Promise.all(
			responses.filter((r) => r.status === 201).map((r) => r.json() as Promise<{ people: number }>)
		);
		expect(2 + given.reduce((sum, g) => sum + g.people, 0)).toBe(12);
		const refused = (await responses.find((r) => r.status === 409)!.json()) as {
			error: { code: string; remaining: number };
		};
		expect(refused.error.code).toBe('meeting_full');
	});

	it('refuses bad input with the field and stores nothing', async () => {
		const [id] = await plan();
		const cases: [unknown, Record<string, string>][] = [
			[signupBody({ people: 5 }), { people: 'invalid' }],
			[signupBody({ people: 0 }), { people: 'invalid' }],
			[signupBody({ firstName: '' }), { firstName: 'required' }],
			[signupBody({ firstName: '<b>x</b>' }), { firstName: 'invalid' }],
			[signupBody({ consent: false }), { consent: 'required' }],
			[signupBody({ phone: '123' }), { phone: 'invalid' }],
			[signupBody({ language: 'fr' }), { language: 'invalid' }]
		];
		for (const [body, fields] of cases) {
			const res = await post(`/api/v1/meetings/${id}/signups`, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(((await res.json()) as ApiError).error.fields).toMatchObject(fields);
		}
		expect(await peopleAt(id)).toBe(0);
		const none = await post('/api/v1/meetings/999999/signups', signupBody());
		expect(none.status).toBe(404);
		const bad = await post('/api/v1/meetings/abc/signups', signupBody());
		expect(bad.status).toBe(404);
	});

	it('mails a confirmation with the manage link in the parent language when there is an address', async () => {
		const [id] = await plan();
		const res = await post(
			`/api/v1/meetings/${id}/signups`,
			signupBody({ email: 'meeting-amina@example.org' })
		);
		const { manageToken } = (await res.json()) as { manageToken: string };
		const mail = await env.DB.prepare(
			"SELECT * FROM outbox WHERE to_address = 'meeting-amina@example.org' AND kind = 'meeting_signed_up'"
		).first<{ text: string; subject: string; language: string }>();
		expect(mail!.language).toBe('ar');
		expect(mail!.subject).toContain('النوم ووقت الشاشة');
		expect(mail!.text).toContain(`/ar/meeting/${manageToken}`);
	});
});

describe('theme suggestions', () => {
	it('stores an anonymous theme and refuses one not on the list', async () => {
		const before = await env.DB.prepare('SELECT count(*) AS n FROM meeting_suggestions').first<{
			n: number;
		}>();
		const ok = await post('/api/v1/schools/de-zuidwester/suggestions', {
			theme: 'emotions',
			text: 'Boosheid bij pubers',
			language: 'nl'
		});
		expect(ok.status).toBe(201);
		const bad = await post('/api/v1/schools/de-zuidwester/suggestions', {
			theme: 'weather',
			language: 'nl'
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as ApiError).error.fields).toEqual({ theme: 'invalid' });
		const nowhere = await post('/api/v1/schools/nope/suggestions', {
			theme: 'emotions',
			language: 'nl'
		});
		expect(nowhere.status).toBe(404);
		const after = await env.DB.prepare('SELECT count(*) AS n FROM meeting_suggestions').first<{
			n: number;
		}>();
		expect(after!.n).toBe(before!.n + 1);
	});
});

describe('the wijkteam', () => {
	it('plans a monthly meeting as its dates, each with its own places', async () => {
		// From the 1st of next month (a first weekday of its month, which every month has).
		const [y, m] = today.split('-').map(Number);
		const first = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
		const ids = await plan({ repeat: 'monthly', date: first, until: addDays(first, 100) });
		expect(ids.length).toBeGreaterThanOrEqual(3);
		const rows = await env.DB.prepare(
			`SELECT starts_at, series_key FROM meetings WHERE id IN (${ids.join(',')}) ORDER BY starts_at`
		).all<{ starts_at: number; series_key: string }>();
		const weekdays = rows.results.map((r) => isoWeekday(amsterdamDate(r.starts_at)));
		expect(new Set(weekdays).size).toBe(1);
		expect(new Set(rows.results.map((r) => r.series_key)).size).toBe(1);
	});

	it('cannot plan for, see or cancel a meeting of a school that is not theirs', async () => {
		const [id] = await plan();
		const form = check(MeetingForm, {
			schoolId: '1',
			title_nl: 'Niet van mij',
			date: addDays(today, 10),
			startTime: '19:00',
			endTime: '20:00',
			place: 'Ouderkamer',
			capacity: '5',
			languages: 'nl'
		});
		expect(form.ok).toBe(true);
		if (!form.ok) return;
		expect(await createMeeting(db(), yusuf, form.data, testNow())).toEqual({
			ok: false,
			code: 'school_not_allowed'
		});
		expect(await signupsQuery(db(), yusuf, id)).toEqual([]);
		expect(await cancelMeeting(db(), yusuf, id, { now: testNow(), series: false })).toEqual({
			ok: false,
			code: 'meeting_not_found'
		});
		expect(await cancelMeetingForParents(commandCtx(), yusuf, id, false)).toMatchObject({
			ok: false,
			problem: { code: 'meeting_not_found' }
		});
	});

	it('cancels a meeting and tells everyone who signed up, each in their own language and by their channels', async () => {
		const [id] = await plan();
		for (const [language, email] of [
			['tr', 'meeting-ayse@example.org'],
			['uk', 'meeting-olena@example.org']
		]) {
			await post(
				`/api/v1/meetings/${id}/signups`,
				signupBody({ firstName: 'Ouder', language, email })
			);
		}
		await post(`/api/v1/meetings/${id}/signups`, signupBody({ firstName: 'Zonder' }));
		const phoneOnly = (await (
			await post(
				`/api/v1/meetings/${id}/signups`,
				signupBody({ firstName: 'Hiwet', language: 'ti', phone: '0687654321' })
			)
		).json()) as { manageToken: string };
		const result = await cancelMeetingForParents(commandCtx(), samira, id, false);
		expect(result).toEqual({ ok: true, value: { told: 4 } });
		// The parent who gave only a phone number hears it by text message, in Tigrinya, with the link.
		const texts = await env.DB.prepare(
			`SELECT l.to_address, l.language, l.text, l.event FROM local_messages l
			 JOIN meeting_signups s ON s.id = l.signup_id WHERE s.meeting_id = ? AND l.channel = 'sms'
			 ORDER BY l.id`
		)
			.bind(id)
			.all<{ to_address: string; language: string; text: string; event: string }>();
		expect(texts.results.map((m) => [m.to_address, m.language, m.event])).toEqual([
			['0687654321', 'ti', 'meeting_confirmed'],
			['0687654321', 'ti', 'meeting_cancelled']
		]);
		expect(texts.results[1].text).toContain('ኣይክካየድን');
		expect(texts.results[1].text).toContain(`/ti/meeting/${phoneOnly.manageToken}`);
		const mails = await env.DB.prepare(
			"SELECT to_address, language, subject FROM outbox WHERE kind = 'meeting_cancelled' AND to_address LIKE 'meeting-%' ORDER BY to_address"
		).all<{ to_address: string; language: string; subject: string }>();
		expect(mails.results.map((m) => [m.to_address, m.language])).toEqual([
			['meeting-ayse@example.org', 'tr'],
			['meeting-olena@example.org', 'uk']
		]);
		expect(mails.results[0].subject).toContain('Yapılmayacak');
		// Gone from the parents' list; a new sign-up is refused.
		const list = (await (
			await request('/api/v1/schools/de-zuidwester/meetings')
		).json()) as Meeting[];
		expect(list.some((m) => m.id === id)).toBe(false);
		expect((await post(`/api/v1/meetings/${id}/signups`, signupBody())).status).toBe(404);
	});

	it('marks who came; retention takes the names after the meeting and keeps the counts', async () => {
		const [id] = await plan();
		await post(`/api/v1/meetings/${id}/signups`, signupBody({ firstName: 'Khadija', people: 2 }));
		const [row] = await signupsQuery(db(), samira, id);
		expect(row).toMatchObject({ firstName: 'Khadija', people: 2, language: 'ar' });
		expect(await markAttended(db(), samira, row.id, true, testNow())).toBe(true);
		expect(await markAttended(db(), yusuf, row.id, false, testNow())).toBe(false);
		// A meeting of 100 days ago with a sign-up: retention (90 days for De Zuidwester) takes the
		// name and keeps the people, language and who came.
		const past = testNow() - 100 * 86_400_000;
		const inserted = await env.DB.prepare(
			`INSERT INTO meetings (organisation_id, school_id, title, starts_at, ends_at, place, capacity, languages)
			VALUES (1, 1, '{"nl":"Oud"}', ?, ?, 'Ouderkamer', 5, '["nl"]') RETURNING id`
		)
			.bind(past, past + 3_600_000)
			.first<{ id: number }>();
		await env.DB.prepare(
			`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, first_name, people, email, language, status)
			VALUES (?, 'RETM01', 'retention-meeting-token', 'Hafsa', 3, 'hafsa@example.org', 'ar', 'attended')`
		)
			.bind(inserted!.id)
			.run();
		const counts = await runRetention(db(), testNow());
		expect(counts.meetingSignupsAnonymised).toBeGreaterThanOrEqual(1);
		const [after] = await signupsQuery(db(), samira, inserted!.id);
		expect(after).toMatchObject({ firstName: '-', people: 3, language: 'ar', status: 'attended' });
		const contact = await env.DB.prepare(
			"SELECT email FROM meeting_signups WHERE reference = 'RETM01'"
		).first<{ email: string | null }>();
		expect(contact!.email).toBeNull();
		// The sign-up of the meeting still to come keeps its name.
		expect((await signupsQuery(db(), samira, id))[0].firstName).toBe('Khadija');
	});
});

describe('a meeting for several schools', () => {
	const listAt = async (slug: string) =>
		(await (await request(`/api/v1/schools/${slug}/meetings`)).json()) as (Meeting & {
			school: { slug: string; name: string };
		})[];

	it("shows on each school's list with its places shared, and signs up from either school's page", async () => {
		// At De Zuidwester, also for the parents of Het Kompas (both Samira's schools).
		const [id] = await plan({ alsoSchoolIds: ['2'], capacity: '4' });
		const here = (await listAt('de-zuidwester')).find((m) => m.id === id);
		const there = (await listAt('het-kompas-tilburg')).find((m) => m.id === id);
		expect(here).toMatchObject({ remaining: 4, school: { slug: 'de-zuidwester' } });
		expect(there).toMatchObject({ remaining: 4, school: { slug: 'de-zuidwester' } });
		expect((await listAt('de-wieringer-akker')).some((m) => m.id === id)).toBe(false);
		// The wijkteam's list names both schools, its own first.
		const listed = (await staffMeetingsQuery(db(), samira, testNow())).find((m) => m.id === id);
		expect(listed?.schoolName).toBe('De Zuidwester, Het Kompas');

		// A parent of Het Kompas signs up on their own school's page: the places are the meeting's.
		const page = `/nl/het-kompas-tilburg/meeting/${id}`;
		const shown = await (await get(page)).text();
		expect(shown).toContain('Het Kompas');
		// Where it is: the other school's name beside the place.
		expect(shown).toMatch(/Ouderkamer<\/bdi>(<!--\[\d*-->)?, <bdi>De Zuidwester<\/bdi>/);
		const done = await postForm(
			`${page}?/signup`,
			new URLSearchParams({ firstName: 'Noor', people: '3', consent: 'on' })
		);
		expect(done.status).toBe(303);
		expect((await listAt('de-zuidwester')).find((m) => m.id === id)!.remaining).toBe(1);
		expect((await listAt('het-kompas-tilburg')).find((m) => m.id === id)!.remaining).toBe(1);
		// Two more from De Zuidwester do not fit: capacity is the meeting's, not each school's.
		const full = await post(`/api/v1/meetings/${id}/signups`, signupBody({ people: 2 }));
		expect(full.status).toBe(409);
		expect(await peopleAt(id)).toBe(3);
		// Not on a school it is not for.
		expect((await get(`/nl/de-wieringer-akker/meeting/${id}`)).status).toBe(404);
	});

	it("is planned only for the person's own schools of one organisation, and changed to fewer", async () => {
		const form = (fields: Record<string, string | string[]>) => {
			const checked = check(MeetingForm, {
				schoolId: '1',
				title_nl: 'Voor twee scholen',
				date: addDays(today, 10),
				startTime: '19:00',
				endTime: '20:00',
				place: 'Ouderkamer',
				capacity: '5',
				languages: 'nl',
				...fields
			});
			if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
			return checked.data;
		};
		// Jeroen works at De Zuidwester only; Het Kompas is not his.
		expect(await createMeeting(db(), jeroen, form({ alsoSchoolIds: '2' }), testNow())).toEqual({
			ok: false,
			code: 'school_not_allowed'
		});
		// A school of another organisation: refused even for Samira.
		expect(
			await createMeeting(db(), samira, form({ alsoSchoolIds: ['2', '3'] }), testNow())
		).toEqual({ ok: false, code: 'school_not_allowed' });
		const made = await createMeeting(db(), samira, form({ alsoSchoolIds: '2' }), testNow());
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		const [id] = made.ids;
		expect((await listAt('het-kompas-tilburg')).some((m) => m.id === id)).toBe(true);
		// Changed back to De Zuidwester only: gone from Het Kompas's list, still at its own.
		expect(
			await updateMeeting(db(), samira, id, form({ alsoSchoolIds: [] }), {
				now: testNow(),
				series: false
			})
		).toEqual({ ok: true, ids: [id] });
		expect((await listAt('het-kompas-tilburg')).some((m) => m.id === id)).toBe(false);
		expect((await listAt('de-zuidwester')).some((m) => m.id === id)).toBe(true);
	});

	it("lets the other school's team see the door list and mark who came, not change or cancel it", async () => {
		// At Het Kompas, also for De Zuidwester: Jeroen (De Zuidwester only) is a guest.
		const [id] = await plan({ schoolId: '2', alsoSchoolIds: ['1'] });
		const res = await post(`/api/v1/meetings/${id}/signups`, signupBody({ firstName: 'Sara' }));
		expect(res.status).toBe(201);
		const [row] = await staffMeetingQuery(db(), jeroen, id);
		expect(row).toMatchObject({ mayChange: false, schoolName: 'Het Kompas' });
		const [door] = await signupsQuery(db(), jeroen, id);
		expect(door.firstName).toBe('Sara');
		expect(await markAttended(db(), jeroen, door.id, true, testNow())).toBe(true);
		expect(await cancelMeeting(db(), jeroen, id, { now: testNow(), series: false })).toEqual({
			ok: false,
			code: 'meeting_not_found'
		});
		const page = await (await get(`/staff/meetings/${id}`, (await signIn(JEROEN)).token)).text();
		expect(page).toContain('Alleen het team van die school');
		expect(page).not.toContain('action="?/cancel"');
		// Yusuf (Den Haag) sees nothing of it.
		expect(await staffMeetingQuery(db(), yusuf, id)).toEqual([]);
	});
});

describe('the pages, without JavaScript', () => {
	it('shows the meetings on the school page, with languages and the interpreter, in one round trip', async () => {
		const [id] = await plan({ title_ar: 'النوم والشاشة' }, 2);
		const res = await get('/ar/de-zuidwester', undefined, { 'cache-control': 'no-cache' });
		const html = await res.text();
		expect(res.headers.get('server-timing')).toMatch(/d1;desc="1 round trip"/);
		expect(html).toContain(`/ar/de-zuidwester/meeting/${id}`);
		expect(html).toContain(arabic.meetings.interpreter);
		expect(html).toContain(arabic.meetings.suggestTitle);
	});

	it('signs a parent up in two steps, shows the confirmation with the .ics, and cancels', async () => {
		const [id] = await plan();
		const page = `/ar/de-zuidwester/meeting/${id}`;
		expect((await get(page)).status).toBe(200);
		// Step one refused: the name is missing; what was chosen stays.
		const refused = await postForm(
			`${page}?/next`,
			new URLSearchParams({ firstName: '', people: '3' })
		);
		expect(refused.status).toBe(400);
		const refusedHtml = await refused.text();
		expect(refusedHtml).toContain(arabic.fields.required);
		expect(refusedHtml).toMatch(/<option value="3" selected/);
		// Step one taken: step two carries the name and number along.
		const step2 = await postForm(
			`${page}?/next`,
			new URLSearchParams({ firstName: 'Amal', people: '2' })
		);
		const step2Html = await step2.text();
		expect(step2Html).toContain('name="firstName" value="Amal"');
		expect(step2Html).toContain(arabic.meetings.contactLegend);
		const done = await postForm(
			`${page}?/signup`,
			new URLSearchParams({ firstName: 'Amal', people: '2', consent: 'on' })
		);
		expect(done.status).toBe(303);
		const confirmation = done.headers.get('location')!;
		expect(confirmation).toMatch(/^\/ar\/meeting\/[\w-]+\?new=1$/);
		expect(await peopleAt(id)).toBe(2);
		const confirmed = await (await get(confirmation)).text();
		expect(confirmed).toContain(arabic.meetings.confirmedTitle);
		const token = confirmation.split('/')[3].split('?')[0];
		const ics = await get(`/ar/meeting/${token}/calendar.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		expect(await ics.text()).toContain('METHOD:PUBLISH');
		const cancelled = await postForm(`/ar/meeting/${token}?/cancel`, new URLSearchParams());
		expect(cancelled.status).toBe(303);
		expect(await peopleAt(id)).toBe(0);
		expect(await (await get(`/ar/meeting/${token}/calendar.ics`)).text()).toContain(
			'METHOD:CANCEL'
		);
	});

	it('tells a parent when there are not enough places, keeping what was typed', async () => {
		const [id] = await plan({ capacity: '2' });
		const page = `/nl/de-zuidwester/meeting/${id}`;
		const res = await postForm(
			`${page}?/signup`,
			new URLSearchParams({ firstName: 'Anouk', people: '3', consent: 'on' })
		);
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toContain('Vrije plaatsen: 2. Kies minder personen.');
		expect(html).toContain('value="Anouk"');
		expect(await peopleAt(id)).toBe(0);
	});

	it('takes a theme suggestion from the school page form and thanks the parent', async () => {
		const res = await postForm(
			'/tr/de-zuidwester/suggest',
			new URLSearchParams({ theme: 'development', text: 'Konuşma gelişimi' })
		);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain(turkish.meetings.suggestThanks);
		const row = await env.DB.prepare(
			"SELECT theme, language, text FROM meeting_suggestions WHERE text = 'Konuşma gelişimi'"
		).first();
		expect(row).toEqual({ theme: 'development', language: 'tr', text: 'Konuşma gelişimi' });
	});
});

describe('the workspace pages', () => {
	it('plan a repeating meeting from a form, show the door list, export it, mark who came and cancel it', async () => {
		const { token } = await signIn(SAMIRA);
		const list = await get('/staff/meetings', token);
		expect(list.status).toBe(200);
		const listHtml = await list.text();
		expect(listHtml).toContain('Koffieochtend');
		// The parents' suggestions by school and theme, with a way to plan one from them.
		expect(listHtml).toContain('/staff/meetings/new?school=1&amp;theme=sleep_eating');

		const form = new URLSearchParams({
			schoolId: '1',
			title_nl: 'Opvoeden in twee culturen',
			title_tr: 'İki kültürde çocuk yetiştirmek',
			theme: 'family_divorce',
			date: addDays(today, 5),
			startTime: '19:00',
			endTime: '20:30',
			place: 'Aula',
			capacity: '20',
			interpreter: 'on',
			hostStaffId: '1',
			repeat: 'weekly',
			until: addDays(today, 19)
		});
		form.append('languages', 'nl');
		form.append('languages', 'tr');
		const refused = await postForm(
			'/staff/meetings/new',
			new URLSearchParams({ ...Object.fromEntries(form), title_nl: '' }),
			token
		);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('value="İki kültürde çocuk yetiştirmek"');
		const made = await postForm('/staff/meetings/new', form, token);
		expect(made.status).toBe(303);
		const location = made.headers.get('location')!;
		expect(location).toMatch(/^\/staff\/meetings\/\d+\?created=3$/);
		const id = Number(location.split('/')[3].split('?')[0]);
		const stored = await env.DB.prepare(
			'SELECT languages, interpreter, repeat FROM meetings WHERE id = ?'
		)
			.bind(id)
			.first();
		expect(stored).toEqual({ languages: '["nl","tr"]', interpreter: 1, repeat: 'weekly' });

		await post(
			`/api/v1/meetings/${id}/signups`,
			signupBody({
				firstName: 'Ayşe',
				people: 2,
				language: 'tr',
				email: 'meeting-page@example.org'
			})
		);
		const page = await (await get(`/staff/meetings/${id}`, token)).text();
		expect(page).toContain('Ayşe');
		const csv = await get(`/staff/meetings/${id}/signups.csv`, token);
		const csvText = await csv.text();
		expect(csvText).toContain('Ayşe');
		expect(csvText).not.toContain('meeting-page@example.org');

		const [row] = await signupsQuery(db(), samira, id);
		expect(
			(
				await postForm(
					`/staff/meetings/${id}?/came`,
					new URLSearchParams({ signupId: String(row.id), came: '1' }),
					token
				)
			).status
		).toBe(200);
		expect((await signupsQuery(db(), samira, id))[0].status).toBe('attended');

		// Cancelling the series: the later dates go too, and the parent is told in Turkish.
		const cancelled = await postForm(
			`/staff/meetings/${id}?/cancel`,
			new URLSearchParams({ series: 'on' }),
			token
		);
		expect(cancelled.status).toBe(303);
		const left = await env.DB.prepare(
			"SELECT count(*) AS n FROM meetings WHERE series_key = (SELECT series_key FROM meetings WHERE id = ?) AND status = 'planned'"
		)
			.bind(id)
			.first<{ n: number }>();
		expect(left!.n).toBe(0);
		const mail = await env.DB.prepare(
			"SELECT language FROM outbox WHERE to_address = 'meeting-page@example.org' AND kind = 'meeting_cancelled'"
		).first();
		expect(mail).toEqual({ language: 'tr' });
	});

	it('does not show a meeting of another organisation', async () => {
		const { token } = await signIn(YUSUF);
		expect((await get('/staff/meetings/1', token)).status).toBe(404);
		expect((await get('/staff/meetings/1/signups.csv', token)).status).toBe(404);
		const html = await (await get('/staff/meetings', token)).text();
		expect(html).not.toContain('href="/staff/meetings/1"');
		expect(html).not.toContain('Schermtijd voor het slapen');
	});
});
