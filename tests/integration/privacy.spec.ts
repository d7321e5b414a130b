import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '$lib/server/api';
import { getDb } from '$lib/server/db';
import { completeSecondFactor, readSession, signInWithPassword } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { totpKeysOf } from '$lib/server/auth/totp-keys';
import { deleteBooking } from '$lib/server/bookings';
import { answerQuestion, deleteQuestion } from '$lib/server/questions';
import { contactRecords, isEmpty, lookUpContact, type ContactRecords } from '$lib/server/privacy';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';
import { newDevice } from './push-client';
import { translator } from '$lib/i18n/resources';
import { LANGUAGES } from '$lib/domain/lists';

type Slot = { staffId: number; start: string };
const db = () => getDb(env.DB);
const SECRET = 'test-secret';
const post = (path: string, body: unknown) =>
	api.request(
		path,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		},
		env
	);
/** A form post to the built worker, as a browser without JavaScript sends it. */
const form = (path: string, token: string, fields: Record<string, string>) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'http://localhost',
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				cookie: `__Host-inloop_session=${token}`
			},
			body: new URLSearchParams(fields)
		})
	);
const one = async <T>(sql: string, ...params: unknown[]) =>
	(await env.DB.prepare(sql)
		.bind(...params)
		.first<T>())!;

let clock = testNow();
async function userOf(email: string) {
	const a = DEMO_ACCOUNTS.find((x) => x.email === email)!;
	const now = (clock += 120_000);
	const first = await signInWithPassword(db(), {
		email,
		password: DEMO_PASSWORD,
		client: `192.0.2.${clock % 200}`,
		now
	});
	if (!first.ok) throw new Error(first.code);
	const second = await completeSecondFactor(db(), {
		keys: totpKeysOf(env),
		token: first.token,
		code: await totpCode(a.totp, stepAt(now)),
		client: 'x',
		now
	});
	if (!second.ok) throw new Error(second.code);
	return { user: (await readSession(db(), second.token, now))!, token: second.token };
}

async function firstFreeSlot(slug: string): Promise<Slot> {
	const today = amsterdamDate(testNow());
	const res = await api.request(
		`/api/v1/schools/${slug}/slots?from=${today}&to=${addDays(today, 30)}`,
		{},
		env
	);
	const slots = (await res.json()) as Slot[];
	expect(slots.length).toBeGreaterThan(0);
	return slots[slots.length - 1];
}

async function book(slug: string, contact: Record<string, string>) {
	const slot = await firstFreeSlot(slug);
	const res = await post(`/api/v1/schools/${slug}/bookings`, {
		staffId: slot.staffId,
		start: slot.start,
		firstName: 'Hawa',
		language: 'ti',
		remark: 'Graag met tolk',
		consent: true,
		...contact
	});
	expect(res.status, await res.clone().text()).toBe(201);
	const created = (await res.json()) as { reference: string; manageToken: string };
	const { id } = await one<{ id: number }>(
		'SELECT id FROM bookings WHERE reference = ?',
		created.reference
	);
	return { ...created, id };
}

async function ask(slug: string, contact: Record<string, string>) {
	const res = await post(`/api/v1/schools/${slug}/questions`, {
		category: 'school',
		text: 'Mijn dochter wil niet naar school. Wat kan ik doen?',
		answerBy: contact.email ? 'email' : 'call',
		firstName: 'Hawa',
		language: 'ti',
		consent: true,
		...contact
	});
	expect(res.status, await res.clone().text()).toBe(201);
	const created = (await res.json()) as { reference: string; accessToken: string };
	const { id } = await one<{ id: number }>(
		'SELECT id FROM questions WHERE reference = ?',
		created.reference
	);
	return { ...created, id };
}

// One parent (phone 06 5555 0101, e-mail hawa@example.org) with records at a Tilburg school and,
// the same phone number, at a Den Haag school: another organisation's data.
const PHONE_TYPED = '06-5555 0101';
const PHONE = '+31655550101';
const EMAIL = 'hawa@example.org';
let tilburg: Awaited<ReturnType<typeof userOf>>;
let haag: Awaited<ReturnType<typeof userOf>>;
let samira: Awaited<ReturnType<typeof userOf>>;
let ownBooking: Awaited<ReturnType<typeof book>>;
let ownQuestion: Awaited<ReturnType<typeof ask>>;
let otherOrgBooking: Awaited<ReturnType<typeof book>>;
let otherOrgQuestion: Awaited<ReturnType<typeof ask>>;

beforeAll(async () => {
	tilburg = await userOf('coordinator@wijkteamtilburg.example.nl');
	haag = await userOf('coordinator@jeugdhulpdenhaag.example.nl');
	samira = await userOf('samira@wijkteamtilburg.example.nl');
	ownBooking = await book('de-zuidwester', { phone: PHONE_TYPED, email: EMAIL });
	ownQuestion = await ask('de-zuidwester', { email: 'Hawa@Example.org' });
	otherOrgBooking = await book('de-vlinderboom', { phone: '0031 (0)6 5555 0101' });
	otherOrgQuestion = await ask('de-vlinderboom', { phone: '+31 6 55550101' });
	// The API sent the e-mails; the wijkteam answers, and the parent checks in for the booking.
	await answerQuestion(
		db(),
		samira.user,
		ownQuestion.id,
		'Kom gerust langs op dinsdag.',
		testNow()
	);
	await env.DB.prepare(
		`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, booking_id, first_name, language, made_by)
		 SELECT school_id, staff_id, '2099-01-01', 1, starts_at, id, first_name, language, 'kiosk' FROM bookings WHERE id = ?`
	)
		.bind(ownBooking.id)
		.run();
});

describe('the AVG look-up', () => {
	it('finds bookings, questions with answers, tickets and e-mails however the phone was typed', async () => {
		for (const typed of [PHONE, '0655550101', '+31 (0)6 5555 0101', '0031655550101']) {
			const res = await form('/staff/admin/privacy?/find', tilburg.token, { contact: typed });
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain(ownBooking.reference);
			expect(html).toContain('Graag met tolk');
			// The phone look-up reaches the question only when the question has the phone too.
			expect(html).not.toContain(otherOrgBooking.reference);
			expect(html).not.toContain(otherOrgQuestion.reference);
		}
		const records = await contactRecords(db(), tilburg.user, PHONE);
		expect(records.bookings.map((b) => b.reference)).toEqual([ownBooking.reference]);
		expect(records.walkInTickets).toEqual([
			expect.objectContaining({ firstName: 'Hawa', booking: ownBooking.reference })
		]);
		expect(records.mails.map((m) => m.about)).toEqual([ownBooking.reference]);
	});

	it('finds by e-mail address the question and the booking that also has a phone number', async () => {
		const records = await contactRecords(db(), tilburg.user, EMAIL);
		expect(records.bookings.map((b) => b.reference)).toEqual([ownBooking.reference]);
		expect(records.questions).toHaveLength(1);
		expect(records.questions[0]).toMatchObject({
			reference: ownQuestion.reference,
			text: 'Mijn dochter wil niet naar school. Wat kan ik doen?'
		});
		expect(records.questions[0].messages).toEqual([
			expect.objectContaining({
				author: 'staff',
				staffName: 'Samira El Amrani',
				body: 'Kom gerust langs op dinsdag.'
			})
		]);
		expect(records.mails.map((m) => m.about).sort()).toEqual(
			[ownBooking.reference, ownQuestion.reference].sort()
		);
		// Samira's answer opened the question: the look-up shows who did what.
		expect(records.accesses.some((a) => a.actorName === 'Samira El Amrani')).toBe(true);
	});

	it("shows another organisation's coordinator only their own records", async () => {
		const records = await contactRecords(db(), haag.user, PHONE);
		expect(records.bookings.map((b) => b.reference)).toEqual([otherOrgBooking.reference]);
		expect(records.questions.map((q) => q.reference)).toEqual([otherOrgQuestion.reference]);
		expect(records.mails).toEqual([]);
		expect((await contactRecords(db(), haag.user, EMAIL)).bookings.map((b) => b.reference)).toEqual(
			[]
		);
	});

	it('writes every look-up and export to the audit log without the contact in clear', async () => {
		const before = await one<{ n: number }>(
			"SELECT count(*) AS n FROM audit_log WHERE entity = 'contact'"
		);
		await lookUpContact(db(), tilburg.user, PHONE, {
			now: testNow(),
			secret: SECRET,
			action: 'read'
		});
		const res = await form('/staff/admin/privacy/export.json', tilburg.token, {
			contact: '06 55 55 01 01'
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="inloop-avg-/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const exported = (await res.json()) as {
			contact: string;
			bookings: { reference: string; phone: string }[];
		};
		expect(exported.contact).toBe(PHONE);
		expect(exported.bookings).toEqual([
			expect.objectContaining({ reference: ownBooking.reference, phone: PHONE_TYPED })
		]);

		const entries = await env.DB.prepare(
			"SELECT action, detail FROM audit_log WHERE entity = 'contact' ORDER BY id"
		).all<{ action: string; detail: string }>();
		expect(entries.results.length).toBeGreaterThanOrEqual(before.n + 2);
		expect(entries.results.map((e) => e.action)).toEqual(
			expect.arrayContaining(['read', 'export'])
		);
		const everything = JSON.stringify(
			(await env.DB.prepare('SELECT * FROM audit_log').all()).results
		);
		for (const clear of ['55550101', '5555 0101', EMAIL]) expect(everything).not.toContain(clear);
		// The opening is on the parent's own page like any other.
		await lookUpContact(db(), tilburg.user, EMAIL, {
			now: testNow(),
			secret: SECRET,
			action: 'read'
		});
		const parentPage = await exports.default.fetch(
			new Request(`http://localhost/nl/question/${ownQuestion.accessToken}`)
		);
		expect(await parentPage.text()).toContain('coordinator@wijkteamtilburg.example.nl');
	});

	it('refuses a bad contact with a message and keeps what was typed', async () => {
		const res = await form('/staff/admin/privacy?/find', tilburg.token, { contact: '12ab' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Dit is geen telefoonnummer of e-mailadres.');
		expect(html).toContain('value="12ab"');
	});

	it('is refused to a professional who is not a coordinator', async () => {
		const page = await exports.default.fetch(
			new Request('http://localhost/staff/admin/privacy', {
				headers: { cookie: `__Host-inloop_session=${samira.token}` }
			})
		);
		expect(page.status).toBe(404);
		for (const path of [
			'/staff/admin/privacy?/find',
			'/staff/admin/privacy/export.json',
			'/staff/admin/privacy?/erase'
		]) {
			const res = await form(path, samira.token, { contact: PHONE, confirm: 'on' });
			expect(res.status).toBe(404);
			expect(await res.text()).not.toContain(ownBooking.reference);
		}
		expect((await contactRecords(db(), tilburg.user, PHONE)).bookings).toHaveLength(1);
	});
});

describe('the AVG erasure', () => {
	it('needs the confirmation, then erases everything of the organisation and nothing else', async () => {
		const unconfirmed = await form('/staff/admin/privacy?/erase', tilburg.token, {
			contact: EMAIL
		});
		expect(unconfirmed.status).toBe(400);
		expect(await unconfirmed.text()).toContain('Zet eerst het vinkje');
		expect((await contactRecords(db(), tilburg.user, EMAIL)).questions).toHaveLength(1);

		const erased = await form('/staff/admin/privacy?/erase', tilburg.token, {
			contact: 'HAWA@example.org',
			confirm: 'on'
		});
		expect(erased.status).toBe(200);
		expect(await erased.text()).toContain(
			'1 afspraken, 1 vragen, 0 plekken op een wachtlijst en 0 aanmeldingen voor ouderbijeenkomsten'
		);

		const count = (table: string, where: string, ...params: unknown[]) =>
			one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, ...params).then(
				(r) => r.n
			);
		expect(await count('bookings', 'id = ?', ownBooking.id)).toBe(0);
		expect(await count('questions', 'id = ?', ownQuestion.id)).toBe(0);
		expect(await count('question_messages', 'question_id = ?', ownQuestion.id)).toBe(0);
		expect(await count('outbox', "to_address = ? OR text LIKE '%Hawa%'", EMAIL)).toBe(0);
		expect(await count('walk_in_tickets', "first_name = 'Hawa'")).toBe(0);
		// Den Haag's records of the same phone number are untouched.
		expect(await count('bookings', 'id = ?', otherOrgBooking.id)).toBe(1);
		expect(await count('questions', 'id = ?', otherOrgQuestion.id)).toBe(1);
		const [entry] = (
			await env.DB.prepare(
				"SELECT detail FROM audit_log WHERE entity = 'contact' AND action = 'delete' ORDER BY id DESC"
			).all<{ detail: string }>()
		).results;
		expect(entry.detail).toMatch(/^\S{16} bookings:1 questions:1 waitlist:0 signups:0$/);

		const again = await form('/staff/admin/privacy?/find', tilburg.token, { contact: EMAIL });
		expect(await again.text()).toContain('Niets gevonden in uw organisatie.');
	});
});

describe('the AVG and the waiting list, parent meetings and push', () => {
	// Another parent: a place on a waiting list and a meeting sign-up at De Zuidwester (phone typed
	// two ways), push on for the entry, the sign-up and a booking, and the same phone on Den Haag's list.
	const NADIA_PHONE = '+31655550303';
	const NADIA_EMAIL = 'nadia@example.org';
	const today = amsterdamDate(testNow());
	const wait = async (slug: string, contact: Record<string, string>) => {
		const res = await post(`/api/v1/schools/${slug}/waitlist`, {
			from: today,
			to: addDays(today, 2),
			firstName: 'Nadia',
			language: 'ar',
			consent: true,
			...contact
		});
		expect(res.status, await res.clone().text()).toBe(201);
		return (await res.json()) as { reference: string; manageToken: string };
	};
	let entry: { reference: string; manageToken: string };
	let theirs: { reference: string; manageToken: string };
	let signup: { reference: string; manageToken: string };
	let booking: Awaited<ReturnType<typeof book>>;

	beforeAll(async () => {
		entry = await wait('de-zuidwester', { phone: '06 5555 0303', email: 'Nadia@Example.org' });
		theirs = await wait('de-vlinderboom', { phone: NADIA_PHONE });
		const meetings = (await (
			await api.request('/api/v1/schools/de-zuidwester/meetings', {}, env)
		).json()) as { id: number }[];
		const signed = await post(`/api/v1/meetings/${meetings[0].id}/signups`, {
			firstName: 'Nadia',
			people: 2,
			phone: '0031 6 5555 0303',
			language: 'ar',
			consent: true
		});
		expect(signed.status, await signed.clone().text()).toBe(201);
		signup = (await signed.json()) as { reference: string; manageToken: string };
		booking = await book('de-zuidwester', { phone: '06-5555-0303' });
		for (const path of [
			`/api/v1/waitlist/${entry.manageToken}/push`,
			`/api/v1/bookings/${booking.manageToken}/push`,
			`/api/v1/waitlist/${theirs.manageToken}/push`,
			`/api/v1/signups/${signup.manageToken}/push`
		]) {
			const device = await newDevice();
			expect((await post(path, device.subscription)).status).toBe(201);
		}
	});

	it('are found, shown and exported with the rest, however the phone was typed; push devices only by their service', async () => {
		const records = await contactRecords(db(), tilburg.user, NADIA_PHONE);
		expect(records.waitlist).toEqual([
			expect.objectContaining({
				reference: entry.reference,
				school: 'De Zuidwester',
				firstName: 'Nadia',
				phone: '06 5555 0303',
				email: NADIA_EMAIL,
				status: 'waiting'
			})
		]);
		expect(records.meetingSignups).toEqual([
			expect.objectContaining({
				reference: signup.reference,
				meeting: 'Koffieochtend',
				people: 2,
				phone: '0031 6 5555 0303'
			})
		]);
		expect(records.pushDevices.map((d) => d.about).sort()).toEqual(
			[entry.reference, booking.reference, signup.reference].sort()
		);
		expect(records.pushDevices[0].service).toBe(env.PUSH_SERVICE_ORIGINS);
		// The device's own secret path and keys are not the coordinator's to read.
		expect(JSON.stringify(records.pushDevices)).not.toMatch(/\/push\/|p256dh|auth/);
		// Its "you are on the list" e-mail too.
		expect(records.mails.map((m) => m.about)).toContain(entry.reference);
		// By e-mail address: the entry (which has both), not the sign-up (phone only).
		const byMail = await contactRecords(db(), tilburg.user, NADIA_EMAIL);
		expect(byMail.waitlist.map((w) => w.reference)).toEqual([entry.reference]);
		expect(byMail.meetingSignups).toEqual([]);
		// Den Haag's coordinator sees only Den Haag's entry and its device.
		const other = await contactRecords(db(), haag.user, NADIA_PHONE);
		expect(other.waitlist.map((w) => w.reference)).toEqual([theirs.reference]);
		expect(other.meetingSignups).toEqual([]);
		expect(other.pushDevices.map((d) => d.about)).toEqual([theirs.reference]);

		const page = await form('/staff/admin/privacy?/find', tilburg.token, { contact: '0655550303' });
		const html = await page.text();
		expect(html).toContain('1 plek op een wachtlijst');
		expect(html).toContain('1 aanmelding voor een ouderbijeenkomst');
		expect(html).toContain('3 apparaten met pushmeldingen');
		expect(html).toContain(signup.reference);
		const exported = (await (
			await form('/staff/admin/privacy/export.json', tilburg.token, { contact: NADIA_PHONE })
		).json()) as ContactRecords;
		expect(exported.waitlist.map((w) => w.reference)).toEqual([entry.reference]);
		expect(exported.meetingSignups.map((m) => m.reference)).toEqual([signup.reference]);
		expect(exported.pushDevices).toHaveLength(3);
	});

	it('are erased with the rest, with their devices and e-mails, and only in the organisation', async () => {
		const erased = await form('/staff/admin/privacy?/erase', tilburg.token, {
			contact: '+31 6 5555 0303',
			confirm: 'on'
		});
		expect(erased.status).toBe(200);
		expect(await erased.text()).toContain(
			'1 afspraken, 0 vragen, 1 plekken op een wachtlijst en 1 aanmeldingen voor ouderbijeenkomsten'
		);
		const count = (sql: string, ...params: unknown[]) =>
			one<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, ...params).then((r) => r.n);
		expect(await count('waitlist_entries WHERE reference = ?', entry.reference)).toBe(0);
		expect(await count('meeting_signups WHERE reference = ?', signup.reference)).toBe(0);
		expect(await count('bookings WHERE id = ?', booking.id)).toBe(0);
		expect(await count("outbox WHERE to_address = ? OR text LIKE '%Nadia%'", NADIA_EMAIL)).toBe(0);
		// Den Haag's entry and its device stay; De Zuidwester's devices are gone.
		expect(await count('waitlist_entries WHERE reference = ?', theirs.reference)).toBe(1);
		expect(
			await count(
				`push_subscriptions p JOIN waitlist_entries w ON w.id = p.waitlist_entry_id
				 WHERE w.reference = ?`,
				theirs.reference
			)
		).toBe(1);
		const left = await contactRecords(db(), tilburg.user, NADIA_PHONE);
		expect(left.pushDevices).toEqual([]);
		expect(isEmpty(left)).toBe(true);
		const [audit] = (
			await env.DB.prepare(
				"SELECT detail FROM audit_log WHERE entity = 'contact' AND action = 'delete' ORDER BY id DESC"
			).all<{ detail: string }>()
		).results;
		expect(audit.detail).toMatch(/^\S{16} bookings:1 questions:0 waitlist:1 signups:1$/);
	});
});

describe('the AVG erasure and the waiting list', () => {
	it('sets free the place the erased parent held: the next parent waiting is offered it', async () => {
		await env.DB.prepare(
			"UPDATE waitlist_entries SET status = 'left' WHERE status IN ('waiting', 'offered')"
		).run();
		const slot = await firstFreeSlot('de-zuidwester');
		const taken = await post('/api/v1/schools/de-zuidwester/bookings', {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Eva',
			phone: '06 5555 0505',
			language: 'nl',
			consent: true
		});
		expect(taken.status).toBe(201);
		const join = async (contact: Record<string, string>) => {
			const res = await post('/api/v1/schools/de-zuidwester/waitlist', {
				staffId: slot.staffId,
				from: slot.start.slice(0, 10),
				to: slot.start.slice(0, 10),
				firstName: 'Sara',
				language: 'nl',
				consent: true,
				...contact
			});
			expect(res.status).toBe(201);
			return ((await res.json()) as { manageToken: string }).manageToken;
		};
		const statusOf = async (token: string) =>
			(
				(await (await api.request(`/api/v1/waitlist/${token}`, {}, env)).json()) as {
					status: string;
				}
			).status;
		const first = await join({ phone: '06 5555 0404' });
		const next = await join({ email: 'next.waiter@example.org' });
		const { manageToken } = (await taken.json()) as { manageToken: string };
		expect(
			(await api.request(`/api/v1/bookings/${manageToken}`, { method: 'DELETE' }, env)).status
		).toBe(200);
		expect(await statusOf(first)).toBe('offered');
		expect(await statusOf(next)).toBe('waiting');

		const erased = await form('/staff/admin/privacy?/erase', tilburg.token, {
			contact: '0655550404',
			confirm: 'on'
		});
		expect(erased.status).toBe(200);
		expect((await api.request(`/api/v1/waitlist/${first}`, {}, env)).status).toBe(404);
		expect(await statusOf(next)).toBe('offered');
	});
});

describe("the parent's own delete links", () => {
	it('delete a booking with its e-mail copies and the name on its walk-in ticket', async () => {
		const b = await book('de-zuidwester', { phone: '06 5555 0202', email: 'deka@example.org' });
		await env.DB.prepare(
			`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, booking_id, first_name, language, made_by)
			 SELECT school_id, staff_id, '2099-01-02', 1, starts_at, id, first_name, language, 'kiosk' FROM bookings WHERE id = ?`
		)
			.bind(b.id)
			.run();
		expect(
			(await one<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE booking_id = ?', b.id)).n
		).toBe(1);
		expect(await deleteBooking(db(), b.manageToken)).toBe(true);
		expect(
			(
				await one<{ n: number }>(
					'SELECT count(*) AS n FROM outbox WHERE to_address = ?',
					'deka@example.org'
				)
			).n
		).toBe(0);
		const ticket = await one<{ first_name: string | null; booking_id: number | null }>(
			"SELECT first_name, booking_id FROM walk_in_tickets WHERE date = '2099-01-02'"
		);
		expect(ticket).toEqual({ first_name: null, booking_id: null });
	});

	it('delete a question with its answers and e-mail copies', async () => {
		const q = await ask('de-zuidwester', { email: 'deka2@example.org' });
		expect(await deleteQuestion(db(), q.accessToken)).toBe(true);
		expect(
			(
				await one<{ n: number }>(
					'SELECT count(*) AS n FROM outbox WHERE to_address = ?',
					'deka2@example.org'
				)
			).n
		).toBe(0);
		expect(
			(await one<{ n: number }>('SELECT count(*) AS n FROM questions WHERE id = ?', q.id)).n
		).toBe(0);
	});
});

describe('the privacy, accessibility and about pages', () => {
	const page = (path: string) => exports.default.fetch(new Request(`http://localhost${path}`));

	it("name the school's organisation, its contact and its own retention periods", async () => {
		await env.DB.prepare(
			"UPDATE organisations SET booking_retention_days = 60 WHERE slug = 'wijkteam-tilburg'"
		).run();
		try {
			const html = await (await page('/nl/privacy?school=de-zuidwester')).text();
			expect(html).toContain(
				'Wijkteam Tilburg is verantwoordelijk voor uw gegevens bij De Zuidwester.'
			);
			expect(html).toContain('mailto:privacy@wijkteamtilburg.example.nl');
			expect(html).toContain('Afspraken: 60 dagen na de afspraak');
			expect(html).toContain('Vragen: 180 dagen nadat');
			expect(html).toContain('hoogstens 30 dagen');
			expect(html).not.toContain('<script');
		} finally {
			await env.DB.prepare(
				"UPDATE organisations SET booking_retention_days = 90 WHERE slug = 'wijkteam-tilburg'"
			).run();
		}
	});

	it('speak generally without a (known) school, in every language', async () => {
		const html = await (await page('/en/privacy?school=nope')).text();
		expect(html).toContain("The organisation of your school's neighbourhood team is responsible");
		expect(html).toContain('Appointments: 90 days after the appointment');
		for (const lang of ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'ti']) {
			for (const path of ['privacy', 'accessibility', 'about']) {
				const res = await page(`/${lang}/${path}`);
				expect(res.status, `/${lang}/${path}`).toBe(200);
				const body = await res.text();
				expect(body).toContain(`href="/${lang}/privacy"`);
				expect(body).toContain(`href="/${lang}/accessibility"`);
				expect(body).toContain(`href="/${lang}/about"`);
			}
		}
		// What the figures keep of what a parent deletes, or has erased, is said in every language.
		for (const lang of LANGUAGES) {
			const body = await (await page(`/${lang}/privacy`)).text();
			expect(body, lang).toContain(translator(lang)('statements.privacy.rightsFigures'));
		}
	});

	it('are linked from the footer with the school, and from the consent of both forms', async () => {
		const school = await (await page('/tr/de-zuidwester')).text();
		expect(school).toContain('href="/tr/privacy?school=de-zuidwester"');
		// The booking form is the last step: a free time of the next four weeks.
		const from = amsterdamDate(testNow());
		const to = amsterdamDate(testNow() + 28 * 86_400_000);
		const [slot] = (await (
			await page(`/api/v1/schools/de-zuidwester/slots?from=${from}&to=${to}`)
		).json()) as { staffId: number; start: string }[];
		const details = `book?staff=${slot.staffId}&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}`;
		for (const form of ['ask', details]) {
			const html = await (await page(`/ar/de-zuidwester/${form}`)).text();
			expect(html).toContain('اقرؤوا ماذا نفعل ببياناتكم');
		}
	});
});
