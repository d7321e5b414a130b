import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_BOOKING_TOKEN, DEMO_QUESTION_TOKEN } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import { loadSchedule } from '$lib/server/bookings/schedule';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { SAMIRA, TILBURG_ADMIN, cookie, db, get, pairedKiosk, signIn } from './helpers';
import { testNow } from './clock';

/** The D1 round trips a request through the built worker made (DB_STATS is on in the tests). */
async function tripsFor(
	path: string,
	headers: Record<string, string> = {},
	status = 200
): Promise<number> {
	// `no-cache`: past the shared cache of public pages, to the page itself.
	const res = await exports.default.fetch(
		new Request(`http://localhost${path}`, { headers: { 'cache-control': 'no-cache', ...headers } })
	);
	expect(res.status, path).toBe(status);
	const match = /d1;desc="(\d+) round trips?"/.exec(res.headers.get('server-timing') ?? '');
	expect(match, path).not.toBeNull();
	return Number(match![1]);
}

describe('D1 round trips per page load', () => {
	it('reads the school page in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester')).toBe(1);
	});

	it('reads nothing for the home page without a search, and once with one', async () => {
		expect(await tripsFor('/nl')).toBe(0);
		expect(await tripsFor('/nl?q=tilburg')).toBe(1);
	});

	it('reads each booking step in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester/book')).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/book?staff=1')).toBe(1);
	});

	it('reads the waiting-list form (the school, its people, its horizon) in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester/waitlist')).toBe(1);
	});

	it('reads the ask page (the school and its Turnstile setting) in one query', async () => {
		expect(await tripsFor('/nl/de-zuidwester/ask')).toBe(1);
	});

	it('reads a booking with the times it can move to, and a question with its answers, at once', async () => {
		expect(await tripsFor(`/nl/booking/${DEMO_BOOKING_TOKEN}`)).toBe(1);
		expect(await tripsFor(`/nl/question/${DEMO_QUESTION_TOKEN}`)).toBe(1);
	});

	it('counts what the API reads for the same request', async () => {
		expect(await tripsFor('/api/v1/schools/de-zuidwester')).toBe(1);
	});

	it("reads the kiosk's home (the device, who is here today, the walk-in numbers) in one batch", async () => {
		const device = cookie(`kiosk:${await pairedKiosk(1)}`);
		expect(await tripsFor('/kiosk/nl', device)).toBe(1);
		const page = await exports.default.fetch(
			new Request('http://localhost/kiosk/nl', { headers: device })
		);
		expect(await page.text()).toContain('De Zuidwester');
		// Booking at the kiosk: the device and the school's slots in one batch too.
		expect(await tripsFor('/kiosk/nl/book', device)).toBe(1);
	});

	it("reads a professional's Today (the session, the layout's schools, the page) in one batch", async () => {
		const { token } = await signIn(SAMIRA);
		// A day with walk-in hours of hers, from the scheduling engine itself.
		const from = amsterdamDate(testNow());
		const schedule = await loadSchedule(db(), 'de-zuidwester', { from, to: addDays(from, 27) });
		const walkIn = schedule!.slots.find((s) => s.walkIn && s.staffId === SAMIRA.staffId);
		expect(walkIn).toBeDefined();
		const path = `/staff/today?date=${walkIn!.date}`;
		expect(await tripsFor(path, cookie(token))).toBe(1);
		const html = await (await get(path, token)).text();
		const heading = walkIn!.date === from ? staffNl.today.walkIn : staffNl.today.walkInOn;
		expect(html).toContain(`<h2 id="walkin-title">${heading}</h2>`);
		expect(html).toContain('De Zuidwester');
	});

	it('reads every workspace page with the session in one batch', async () => {
		const { token } = await signIn(SAMIRA);
		for (const page of [
			'/staff/week',
			'/staff/bookings',
			'/staff/questions?status=new',
			'/staff/queue',
			'/staff/waitlist',
			'/staff/bookings/1',
			'/staff/bookings/new',
			'/staff/bookings/new?school=de-zuidwester',
			'/staff/questions/1',
			'/staff/hours',
			'/staff/calendar',
			'/staff/account',
			'/staff/profile',
			'/staff/meetings',
			'/staff/meetings/new',
			'/staff/meetings/1'
		]) {
			expect(await tripsFor(page, cookie(token)), page).toBe(1);
		}
		const admin = await signIn(TILBURG_ADMIN);
		for (const page of [
			'/staff/today',
			'/staff/queue',
			'/staff/hours?staff=1',
			'/staff/bookings/new',
			'/staff/admin/organisation',
			'/staff/admin/schools/1',
			'/staff/admin/people',
			'/staff/admin/holidays',
			'/staff/admin/kiosks',
			'/staff/admin/audit',
			'/staff/admin/privacy',
			'/staff/meetings'
		]) {
			expect(await tripsFor(page, cookie(admin.token)), page).toBe(1);
		}
		// A link from an e-mail (an invitation, a new password) reads its own token, not the session;
		// an unknown one is "not found".
		for (const page of [
			'/staff/invite/no-such-token',
			'/staff/setup/no-such-token',
			'/staff/reset/no-such-token'
		]) {
			expect(await tripsFor(page, cookie(token), 404), page).toBe(1);
		}
		// Not signed in: one look at the session, then the way to the sign-in page.
		const res = await get('/staff/calendar', 'no-such-session');
		expect(res.status).toBe(303);
		expect(res.headers.get('server-timing')).toBe('d1;desc="1 round trip"');
	});

	it("reads the walk-in pages (the kiosk's \"I'm here\", the phone's with a number) in one batch", async () => {
		const device = cookie(`kiosk:${await pairedKiosk(1)}`);
		expect(await tripsFor('/kiosk/nl/here', device)).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/walkin')).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/walkin?staff=1&ticket=1')).toBe(1);
	});
});

/** The D1 round trips an answer says it made (DB_STATS is on in the tests). */
const tripsOf = (res: Response) => {
	const match = /d1;desc="(\d+) round trips?"/.exec(res.headers.get('server-timing') ?? '');
	expect(match).not.toBeNull();
	return Number(match![1]);
};

const worker = (path: string, init: RequestInit = {}) =>
	exports.default.fetch(new Request(`http://localhost${path}`, { redirect: 'manual', ...init }));

/** A form post of a parent's page, as a browser without JavaScript sends it. */
const formPost = (path: string, fields: Record<string, string>) =>
	worker(path, {
		method: 'POST',
		headers: {
			origin: 'http://localhost',
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});

const apiPost = (path: string, body: unknown) =>
	worker(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

type FreeSlot = { staffId: number; start: string; end: string; remaining: number };

/**
 * Free places of De Zuidwester, the last ones first (each test takes its own), on days nobody on
 * the waiting list waits for (other suites leave parents waiting): a freed place then costs
 * nothing more. Offering a freed place is waitlist.spec's.
 */
async function freePlaces(): Promise<FreeSlot[]> {
	const from = amsterdamDate(testNow());
	const res = await worker(
		`/api/v1/schools/de-zuidwester/slots?from=${from}&to=${addDays(from, 28)}`
	);
	const { results: waiting } = await env.DB.prepare(
		"SELECT from_date AS fromDate, to_date AS toDate FROM waitlist_entries WHERE status = 'waiting'"
	).all<{ fromDate: string; toDate: string }>();
	const awaited = (day: string) =>
		waiting.some((w) => w.fromDate <= addDays(day, 1) && w.toDate >= addDays(day, -1));
	return ((await res.json()) as FreeSlot[])
		.filter((s) => s.remaining > 0 && !awaited(s.start.slice(0, 10)))
		.reverse();
}

let contact = 0;
const parentOf = (slot: FreeSlot) => ({
	staffId: String(slot.staffId),
	start: slot.start,
	firstName: 'Ilse',
	// Both ways to reach them: the confirmation by e-mail and by text message is in the count.
	email: `trips-${++contact}@example.org`,
	phone: `06 4200 ${String(1000 + contact)}`
});

describe('D1 round trips of what a parent does', () => {
	it('books with the form in two: the batch that writes, then the confirmation page', async () => {
		const [slot] = await freePlaces();
		const parent = parentOf(slot);
		const step = `/nl/de-zuidwester/book?staff=${slot.staffId}&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}`;
		const post = await formPost(`${step}&/book`, { ...parent, consent: 'on' });
		expect(post.status).toBe(303);
		const done = post.headers.get('location')!;
		expect(done).toMatch(/^\/nl\/booking\/[\w-]+\?new=1$/);
		const page = await worker(done, { headers: { cookie: post.headers.get('set-cookie') ?? '' } });
		expect(page.status).toBe(200);
		expect(tripsOf(post) + tripsOf(page)).toBeLessThanOrEqual(2);
		expect(tripsOf(post)).toBe(1);
		// The confirmation went with the booking, by both ways (the outbox, the text-message stand-in).
		const token = done.split('/')[3].split('?')[0];
		const mail = await env.DB.prepare(
			'SELECT subject, text FROM outbox WHERE to_address = ? AND kind = ?'
		)
			.bind(parent.email, 'booking_confirmed')
			.first<{ subject: string; text: string }>();
		expect(mail!.subject).toContain('De Zuidwester');
		expect(mail!.text).toContain(token);
		expect(mail!.text).not.toContain('\u2063');
		const sms = await env.DB.prepare(
			"SELECT text FROM local_messages WHERE to_address = ? AND channel = 'sms'"
		)
			.bind(parent.phone)
			.first<{ text: string }>();
		expect(sms!.text).toContain('De Zuidwester');
		expect(sms!.text).toContain(token);
	});

	/** A booking through the API, with e-mail and phone. */
	const apiBook = (slot: FreeSlot) =>
		apiPost('/api/v1/schools/de-zuidwester/bookings', {
			...parentOf(slot),
			staffId: slot.staffId,
			language: 'tr',
			consent: true
		});

	/** A booking of this test's own: its manage token. */
	async function booked(slot: FreeSlot) {
		const res = await apiBook(slot);
		expect(res.status).toBe(201);
		return ((await res.json()) as { manageToken: string }).manageToken;
	}

	it('books through the API in one', async () => {
		const [, slot] = await freePlaces();
		const res = await apiBook(slot);
		expect(res.status).toBe(201);
		expect(tripsOf(res)).toBe(1);
		// Refused in one too: the place is gone, with other free times.
		const again = await apiBook(slot);
		expect(again.status).toBe(409);
		expect(tripsOf(again)).toBe(1);
	});

	it('cancels through the API in one, and with the form in two', async () => {
		const [, , first, second] = await freePlaces();
		const token = await booked(first);
		const res = await worker(`/api/v1/bookings/${token}`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		expect(tripsOf(res)).toBe(1);

		const other = await booked(second);
		const post = await formPost(`/nl/booking/${other}?/cancel`, {});
		expect(post.status).toBe(303);
		const page = await worker(post.headers.get('location')!, {
			headers: { cookie: post.headers.get('set-cookie') ?? '' }
		});
		expect(page.status).toBe(200);
		expect(tripsOf(post) + tripsOf(page)).toBeLessThanOrEqual(2);
	});

	it('moves with the form in two: the batch that moves, then the booking page', async () => {
		const places = await freePlaces();
		const free = places.filter((s) => s.staffId === places[4].staffId).slice(-2);
		expect(free).toHaveLength(2);
		const token = await booked(free[0]);
		const post = await formPost(`/nl/booking/${token}?/move`, { start: free[1].start });
		expect(post.status).toBe(303);
		expect(post.headers.get('location')).toBe(`/nl/booking/${token}?moved=1`);
		const page = await worker(post.headers.get('location')!, {
			headers: { cookie: post.headers.get('set-cookie') ?? '' }
		});
		expect(page.status).toBe(200);
		expect(tripsOf(post)).toBe(1);
		expect(tripsOf(post) + tripsOf(page)).toBeLessThanOrEqual(2);
		const row = await env.DB.prepare(
			'SELECT starts_at AS startsAt, ends_at AS endsAt FROM bookings WHERE email = ?'
		)
			.bind(`trips-${contact}@example.org`)
			.first<{ startsAt: number; endsAt: number }>();
		expect(row!.startsAt).toBe(Date.parse(free[1].start));
		expect(row!.endsAt).toBe(Date.parse(free[1].end));
		// A time that is taken meanwhile: refused, the booking where it was.
		await booked(free[0]);
		const taken = await formPost(`/nl/booking/${token}?/move`, { start: free[0].start });
		expect(taken.status).toBe(409);
		// The refused move, and the page shown again with the free times, in one answer.
		expect(tripsOf(taken)).toBe(2);
	});
});
