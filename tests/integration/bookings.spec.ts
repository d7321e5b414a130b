import { env, exports } from 'cloudflare:workers';
import nl from '$lib/i18n/locales/nl.json';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { api } from '$lib/server/api';
import { getDb } from '$lib/server/db';
import { deleteBooking, findBooking, moveBooking } from '$lib/server/bookings';
import { addDays, amsterdamDate, toAmsterdamIso } from '$lib/server/scheduling/time';
import { testNow } from './clock';
import { rowCounts } from './helpers';

type Slot = { staffId: number; start: string; end: string; location: string; remaining: number };
type ApiError = {
	error: { code: string; message: string; fields: Record<string, string>; alternatives?: Slot[] };
};
type Created = {
	reference: string;
	manageToken: string;
	start: string;
	end: string;
	staffId: number;
};

const request = (path: string, init?: RequestInit) => api.request(path, init, env);
const post = (path: string, body: unknown) =>
	request(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
const worker = (path: string, init?: RequestInit) =>
	exports.default.fetch(new Request(`http://localhost${path}`, init));

const today = amsterdamDate(testNow());

async function freeSlots(staffId = 1): Promise<Slot[]> {
	const res = await request(
		`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`
	);
	expect(res.status).toBe(200);
	return ((await res.json()) as Slot[]).filter((s) => s.staffId === staffId);
}

const bookingCount = async () =>
	(await env.DB.prepare('SELECT count(*) AS n FROM bookings').first<{ n: number }>())!.n;

let phoneCounter = 100;
/** A parent with a contact of their own, so the weekly cap does not interfere between tests. */
const parent = (extra: Record<string, unknown> = {}) => ({
	firstName: 'Amal',
	phone: `06 4000 0${phoneCounter++}`,
	language: 'ar',
	consent: true,
	...extra
});

describe('GET /api/v1/schools/{slug}/slots', () => {
	it('lists free slots with the Amsterdam offset, the place and the places left', async () => {
		const slots = await freeSlots();
		expect(slots.length).toBeGreaterThan(3);
		for (const slot of slots) {
			// Amsterdam's offset of that day: +01:00 in winter, +02:00 in summer.
			expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T(08:30|08:50|09:10|09:30):00\+0[12]:00$/);
			expect(slot.start).toBe(toAmsterdamIso(Date.parse(slot.start)));
			expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(20 * 60_000);
			expect(slot).toMatchObject({ location: 'Ouderkamer', remaining: 1 });
			expect(Date.parse(slot.start)).toBeGreaterThan(testNow() + 2 * 3_600_000 - 1);
		}
		// Samira's demo booking on the coming Tuesday at 08:30 is not free.
		const demo = await findBooking(getDb(env.DB), 'demo-manage-fatima-6Xk2PqR8tV');
		expect(slots.some((s) => Date.parse(s.start) === demo!.startsAt)).toBe(false);
		// The Thursday walk-in hour has no bookable slots.
		expect(slots.every((s) => new Date(s.start).getUTCDay() === 2)).toBe(true);
	});

	it('answers 400 for a bad range and 404 for an unknown school', async () => {
		const cases: [string, Record<string, string>][] = [
			['', { from: 'required', to: 'required' }],
			[`?from=${today}&to=nonsense`, { to: 'invalid' }],
			[`?from=${today}&to=${addDays(today, -1)}`, { to: 'before_from' }],
			[`?from=${today}&to=${addDays(today, 40)}`, { to: 'range_too_long' }],
			// Days that do not exist, and the end of the calendar.
			[`?from=2027-02-29&to=2027-02-30`, { from: 'invalid', to: 'invalid' }],
			[`?from=9999-12-31&to=9999-12-31`, { from: 'invalid', to: 'invalid' }]
		];
		for (const [query, fields] of cases) {
			const res = await request(`/api/v1/schools/de-zuidwester/slots${query}`);
			expect(res.status, query).toBe(400);
			expect(((await res.json()) as ApiError).error.fields).toEqual(fields);
		}
		const unknown = await request(`/api/v1/schools/nope/slots?from=${today}&to=${today}`);
		expect(unknown.status).toBe(404);
	});

	it('leaves out a day the school is closed', async () => {
		const [first] = await freeSlots();
		const date = first.start.slice(0, 10);
		await env.DB.prepare(
			"INSERT INTO closures (id, organisation_id, school_id, name, start_date, end_date) VALUES (900, 1, 1, 'Studiedag', ?, ?)"
		)
			.bind(date, date)
			.run();
		try {
			expect((await freeSlots()).some((s) => s.start.startsWith(date))).toBe(false);
			const res = await post(
				'/api/v1/schools/de-zuidwester/bookings',
				parent({ staffId: 1, start: first.start })
			);
			expect(res.status).toBe(400);
			expect(((await res.json()) as ApiError).error.fields).toEqual({ start: 'not_available' });
		} finally {
			await env.DB.prepare('DELETE FROM closures WHERE id = 900').run();
		}
	});
});

describe('POST /api/v1/schools/{slug}/bookings', () => {
	it('books a slot: 201 with reference and manage token, stored with the language, secrets hashed', async () => {
		const [slot] = await freeSlots(2);
		const res = await post(
			'/api/v1/schools/de-zuidwester/bookings',
			parent({
				staffId: 2,
				start: slot.start,
				email: 'Amal@Example.org',
				interpreter: true,
				topic: 'school'
			})
		);
		expect(res.status).toBe(201);
		const created = (await res.json()) as Created;
		expect(created.reference).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
		expect(created.manageToken.length).toBeGreaterThanOrEqual(40);
		expect(created).toMatchObject({ start: slot.start, end: slot.end, staffId: 2 });

		const row = await env.DB.prepare('SELECT * FROM bookings WHERE reference = ?')
			.bind(created.reference)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			language: 'ar',
			email: 'amal@example.org',
			interpreter: 1,
			interpreter_language: 'ar',
			topic: 'school',
			made_by: 'parent',
			status: 'booked'
		});
		expect(row!.contact_key).toMatch(/^\+316400/);
		expect(row!.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(created.manageToken);

		const mine = await request(`/api/v1/bookings/${created.manageToken}`);
		expect(mine.status).toBe(200);
		expect(await mine.json()).toMatchObject({
			reference: created.reference,
			status: 'booked',
			start: slot.start
		});

		// An e-mail address was given: the confirmation waits in the outbox, in Arabic.
		const mail = await env.DB.prepare(
			"SELECT * FROM outbox WHERE to_address = 'amal@example.org'"
		).first<{
			subject: string;
			text: string;
			language: string;
		}>();
		expect(mail!.language).toBe('ar');
		expect(mail!.text).toContain(created.reference);
		expect(mail!.text).toContain(`/ar/booking/${created.manageToken}`);
		expect(mail!.subject).toMatch(/\p{Script=Arabic}/u);
	});

	it('gives the last place to exactly one of 30 parents at the same moment', async () => {
		const slots = await freeSlots();
		const slot = slots[slots.length - 1];
		const before = await bookingCount();
		const responses = await Promise.all(
			Array.from({ length: 30 }, () =>
				post('/api/v1/schools/de-zuidwester/bookings', parent({ staffId: 1, start: slot.start }))
			)
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(29);
		expect(await bookingCount()).toBe(before + 1);
		const refused = (await responses.find((r) => r.status === 409)!.json()) as ApiError;
		expect(refused.error.code).toBe('slot_taken');
		expect(refused.error.alternatives!.length).toBeGreaterThan(0);
		expect(refused.error.alternatives!.every((a) => a.start !== slot.start)).toBe(true);
	});

	it('refuses bad input with the field, a translated message, and stores nothing', async () => {
		const [slot] = await freeSlots();
		const valid = parent({ staffId: 1, start: slot.start });
		const yesterday = `${addDays(today, -1)}T08:30:00+01:00`;
		const cases: [unknown, Record<string, string>][] = [
			[
				{ ...valid, start: slot.start.replace(':00+', ':07+').replace('T08:30', 'T08:31') },
				{ start: 'not_available' }
			],
			[{ ...valid, start: yesterday }, { start: 'not_available' }],
			[{ ...valid, start: 'tomorrow' }, { start: 'invalid' }],
			[{ ...valid, firstName: 'A'.repeat(61) }, { firstName: 'too_long' }],
			[{ ...valid, firstName: '<script>alert(1)</script>' }, { firstName: 'invalid' }],
			[{ ...valid, remark: '<img src=x onerror=alert(1)>' }, { remark: 'invalid' }],
			[{ ...valid, phone: '12345' }, { phone: 'invalid' }],
			[{ ...valid, phone: undefined, email: 'not-an-address' }, { email: 'invalid' }],
			[{ ...valid, phone: undefined }, { phone: 'contact_required' }],
			[{ ...valid, consent: false }, { consent: 'required' }],
			[{ ...valid, consent: undefined }, { consent: 'required' }],
			[{ ...valid, language: 'fr' }, { language: 'invalid' }],
			[{ ...valid, staffId: 'x' }, { staffId: 'invalid' }]
		];
		const before = await bookingCount();
		for (const [body, fields] of cases) {
			const res = await post('/api/v1/schools/de-zuidwester/bookings', body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			const error = ((await res.json()) as ApiError).error;
			expect(error.code).toBe('invalid');
			expect(error.fields, JSON.stringify(body)).toEqual(fields);
			expect(error.message).toBe(nl.errors.invalid);
		}
		const malformed = await post('/api/v1/schools/de-zuidwester/bookings', '{"staffId": 1,');
		expect(malformed.status).toBe(400);
		expect(((await malformed.json()) as ApiError).error.code).toBe('invalid_json');
		const english = await request('/api/v1/schools/de-zuidwester/bookings?lang=en', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...valid, consent: false })
		});
		expect(((await english.json()) as ApiError).error.message).not.toContain('Sommige');
		const unknownSchool = await post('/api/v1/schools/nope/bookings', valid);
		expect(unknownSchool.status).toBe(404);
		expect(await bookingCount()).toBe(before);
	});

	it('keeps one parent to the weekly number of bookings', async () => {
		const slots = [...(await freeSlots(1)), ...(await freeSlots(2))];
		// A professional's day with three free times (other files book some; today may have fewer
		// left by the notice rule).
		const keyOf = (s: { staffId: number; start: string }) => `${s.staffId}@${s.start.slice(0, 10)}`;
		const key = slots.map(keyOf).find((k) => slots.filter((s) => keyOf(s) === k).length >= 3);
		const week = slots.filter((s) => keyOf(s) === key);
		expect(week.length).toBeGreaterThanOrEqual(3);
		const same = {
			phone: '+31 6 5555 0001',
			firstName: 'Noor',
			language: 'nl',
			consent: true,
			staffId: week[0].staffId
		};
		expect(
			(await post('/api/v1/schools/de-zuidwester/bookings', { ...same, start: week[0].start }))
				.status
		).toBe(201);
		// Written differently, still the same phone number.
		expect(
			(
				await post('/api/v1/schools/de-zuidwester/bookings', {
					...same,
					phone: '0031 6 55550001',
					start: week[1].start
				})
			).status
		).toBe(201);
		const third = await post('/api/v1/schools/de-zuidwester/bookings', {
			...same,
			phone: '06-55550001',
			start: week[2].start
		});
		expect(third.status).toBe(409);
		expect(((await third.json()) as ApiError).error.code).toBe('weekly_limit');
	});
});

describe('the parent manages a booking', () => {
	async function book(staffId = 1, extra: Record<string, unknown> = {}) {
		const slots = await freeSlots(staffId);
		const slot = slots[Math.floor(slots.length / 2)];
		const res = await post(
			'/api/v1/schools/de-zuidwester/bookings',
			parent({ staffId, start: slot.start, ...extra })
		);
		expect(res.status).toBe(201);
		return (await res.json()) as Created;
	}

	it('cancels with DELETE; the second time it is no longer active; unknown tokens are 404', async () => {
		const created = await book(1, { email: 'cancel@example.org', language: 'tr' });
		const res = await request(`/api/v1/bookings/${created.manageToken}`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'cancelled' });
		const again = await request(`/api/v1/bookings/${created.manageToken}`, { method: 'DELETE' });
		expect(again.status).toBe(409);
		expect(((await again.json()) as ApiError).error.code).toBe('not_active');
		for (const method of ['GET', 'DELETE']) {
			const unknown = await request('/api/v1/bookings/not-a-real-token', { method });
			expect(unknown.status, method).toBe(404);
			expect(((await unknown.json()) as ApiError).error.code).toBe('booking_not_found');
		}
		const mail = await env.DB.prepare(
			"SELECT language, kind FROM outbox WHERE to_address = 'cancel@example.org' ORDER BY id DESC"
		).first<{ language: string; kind: string }>();
		expect(mail).toEqual({ language: 'tr', kind: 'booking_cancelled' });
		// The place is free again.
		expect((await freeSlots()).some((s) => s.start === created.start)).toBe(true);
	});

	it('moves to another free time, not to a taken one', async () => {
		const db = getDb(env.DB);
		const created = await book();
		const other = (await freeSlots()).find((s) => s.start !== created.start)!;
		expect(
			await moveBooking(db, created.manageToken, Date.parse(other.start), { now: testNow() })
		).toBe('ok');
		expect((await findBooking(db, created.manageToken))!.startsAt).toBe(Date.parse(other.start));
		const taken = await book();
		expect(
			await moveBooking(db, created.manageToken, Date.parse(taken.start), { now: testNow() })
		).toBe('slot_taken');
		expect(
			await moveBooking(db, created.manageToken, Date.parse(other.start) + 60_000, {
				now: testNow()
			})
		).toBe('slot_not_found');
	});

	it('deletes every trace with "delete my data"', async () => {
		const db = getDb(env.DB);
		const created = await book();
		expect(await deleteBooking(db, created.manageToken)).toBe(true);
		expect(await findBooking(db, created.manageToken)).toBeNull();
		const row = await env.DB.prepare('SELECT count(*) AS n FROM bookings WHERE reference = ?')
			.bind(created.reference)
			.first<{ n: number }>();
		expect(row!.n).toBe(0);
	});

	it('offers an .ics that parses, and a METHOD:CANCEL one after cancelling', async () => {
		const created = await book(2);
		const res = await worker(`/nl/booking/${created.manageToken}/calendar.ics`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/calendar');
		const calendar = new ICAL.Component(ICAL.parse(await res.text()));
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(created.start));
		expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(created.end));
		expect(event.summary).toContain('Jeroen de Vries');
		expect(event.description).toContain(created.reference);

		await request(`/api/v1/bookings/${created.manageToken}`, { method: 'DELETE' });
		const cancelled = new ICAL.Component(
			ICAL.parse(await (await worker(`/nl/booking/${created.manageToken}/calendar.ics`)).text())
		);
		expect(cancelled.getFirstPropertyValue('method')).toBe('CANCEL');
		const vevent = cancelled.getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(vevent.getFirstPropertyValue('uid')).toBe(event.uid);
		expect(Number(vevent.getFirstPropertyValue('sequence'))).toBeGreaterThan(event.sequence);
	});
});

describe('the booking form through the worker', () => {
	const form = (fields: Record<string, string>) => ({
		method: 'POST',
		redirect: 'manual' as const,
		headers: {
			origin: 'http://localhost',
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});

	it('books and redirects to the confirmation; bad input keeps what was typed', async () => {
		const [slot] = await freeSlots();
		const step = `/nl/de-zuidwester/book?staff=1&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}`;
		const bad = await worker(
			`${step}&/book`,
			form({
				staffId: '1',
				start: slot.start,
				firstName: 'Mira',
				phone: '123',
				remark: 'Graag ’s ochtends'
			})
		);
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain('Dit telefoonnummer klopt niet');
		expect(html).toContain('value="Mira"');
		expect(html).toContain('Graag ’s ochtends');

		const good = await worker(
			`${step}&/book`,
			form({
				staffId: '1',
				start: slot.start,
				firstName: 'Mira',
				phone: '06 12121212',
				consent: 'on'
			})
		);
		expect(good.status).toBe(303);
		expect(good.headers.get('location')).toMatch(/^\/nl\/booking\/[\w-]{40,}\?new=1$/);
		const confirmation = await worker(good.headers.get('location')!);
		expect(confirmation.headers.get('cache-control')).toBe('no-store');
		expect(await confirmation.text()).toContain('Uw afspraak is gemaakt');
	});

	it('says a time that does not exist is not available, by the field, and books nothing', async () => {
		// The page showed the untranslated key `errors.slot_not_found`; the API said 400 invalid on
		// `start`. Both now take the answer of the one booking command.
		const [slot] = await freeSlots();
		const gone = new Date(Date.parse(slot.start) + 60_000).toISOString();
		const step = `/nl/de-zuidwester/book?staff=1&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}`;
		const before = await rowCounts();
		const res = await worker(
			`${step}&/book`,
			form({
				staffId: '1',
				start: gone,
				firstName: 'Mira',
				phone: '06 12121213',
				consent: 'on'
			})
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain(nl.fields.not_available);
		expect(html).not.toContain('slot_not_found');
		expect(html).toContain('value="Mira"');
		expect(await rowCounts()).toEqual(before);
	});
});
