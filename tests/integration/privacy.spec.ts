import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '$lib/server/api';
import { getDb } from '$lib/server/db';
import { completeSecondFactor, readSession, signInWithPassword } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { totpKeysOf } from '$lib/server/auth/totp-keys';
import { deleteBooking } from '$lib/server/bookings';
import { answerQuestion, deleteQuestion } from '$lib/server/questions';
import { contactRecords, lookUpContact } from '$lib/server/privacy';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';
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
		expect(await erased.text()).toContain('1 afspraken en 1 vragen');

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
		expect(entry.detail).toMatch(/^\S{16} bookings:1 questions:1$/);

		const again = await form('/staff/admin/privacy?/find', tilburg.token, { contact: EMAIL });
		expect(await again.text()).toContain('Niets gevonden in uw organisatie.');
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
