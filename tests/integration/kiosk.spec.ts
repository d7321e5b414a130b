import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import nl from '$lib/i18n/locales/nl.json';
import { sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { saveSchool } from '$lib/server/staff/organisation';
import { check } from '$lib/validation';
import { SchoolForm } from '$lib/validation/admin';
import type { SessionUser } from '$lib/server/auth';
import {
	PAIRING_MINUTES,
	createPairing,
	kiosksOf,
	pairKiosk,
	kioskWindow,
	readKiosk,
	readKioskPage,
	type KioskPageReader,
	revokeKiosk
} from '$lib/server/kiosk';
import { loadSchedule } from '$lib/server/bookings/schedule';
import { reader as kioskHomePage } from '../../src/routes/kiosk/[lang=lang]/reader';
import { reader as kioskBookPage } from '../../src/routes/kiosk/[lang=lang]/book/reader';
import { reader as kioskHerePage } from '../../src/routes/kiosk/[lang=lang]/here/reader';
import { walkInChoices } from '$lib/server/walkin/forms';
import { schoolIdBySlug, upcomingMeetingsQuery } from '$lib/server/meetings';
import {
	callNext,
	checkIn,
	markTicket,
	queueFor,
	schoolToday,
	takeTicket,
	ticketStatus
} from '$lib/server/walkin';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import { SAMIRA as SAMIRA_ACCOUNT, consoleOf, postForm, sessionOf, waitingTicket } from './helpers';
import { testNow } from './clock';

const db = () => getDb(env.DB);
const person = (
	id: number,
	role: 'staff' | 'admin',
	organisationId: number,
	staffId: number | null
): SessionUser => ({
	id,
	email: `person${id}@example.org`,
	role,
	organisationId,
	staffId,
	name: `Person ${id}`,
	language: 'nl',
	secondFactor: true,
	authenticatedAt: null
});
const TILBURG_ADMIN = person(1, 'admin', 1, null);
const HAAG_ADMIN = person(3, 'admin', 3, null);
const SAMIRA = person(4, 'staff', 1, 1);
const JEROEN = person(5, 'staff', 1, 2);
const SLUG = 'de-zuidwester';

const worker = (path: string, init: RequestInit & { cookie?: string } = {}) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			redirect: 'manual',
			...init,
			headers: {
				origin: 'http://localhost',
				accept: 'text/html',
				...(init.cookie ? { cookie: `__Host-inloop_kiosk=${init.cookie}` } : {}),
				...(init.headers as Record<string, string>)
			}
		})
	);

async function pairedKiosk(now = testNow()) {
	const pairing = await createPairing(db(), TILBURG_ADMIN, { schoolId: 1, name: 'Hal' }, now);
	if (!pairing.ok) throw new Error(pairing.code);
	const paired = await pairKiosk(db(), pairing.code, now);
	if (!paired.ok) throw new Error(paired.code);
	return paired.token;
}

/**
 * Thursdays with Samira's walk-in hour (14:30–15:30) at De Zuidwester, skipping holidays: each
 * test takes its own, so their queues never meet.
 */
const thursdays = (async () => {
	const found: string[] = [];
	let date = amsterdamDate(testNow() + 86_400_000);
	while (isoWeekday(date) !== 4) date = addDays(date, 1);
	for (let i = 0; i < 20 && found.length < 6; i++, date = addDays(date, 7)) {
		const at = wallClockToInstant(date, '14:45')!;
		if ((await schoolToday(db(), SLUG, at))?.open) found.push(date);
	}
	return found;
})();
let thursdayIndex = 0;
const nextThursday = async () => (await thursdays)[thursdayIndex++];
const at = (date: string, time: string) => wallClockToInstant(date, time)!;
const range = () => {
	const today = amsterdamDate(testNow());
	return new URLSearchParams({ from: today, to: addDays(today, 28) });
};

describe('pairing a kiosk', () => {
	it('trades a one-time code for a device token, once, within 15 minutes', async () => {
		const now = testNow();
		const pairing = await createPairing(db(), TILBURG_ADMIN, { schoolId: 1, name: 'Hal' }, now);
		if (!pairing.ok) throw new Error(pairing.code);
		expect(pairing.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
		expect(pairing.expiresAt).toBe(now + PAIRING_MINUTES * 60_000);

		// Typed the way people type it: lower case, with a space.
		const typed = `${pairing.code.slice(0, 4).toLowerCase()} ${pairing.code.slice(4)}`;
		const paired = await pairKiosk(db(), typed, now + 60_000);
		expect(paired.ok).toBe(true);
		if (!paired.ok) return;
		expect(await readKiosk(db(), paired.token, now)).toMatchObject({
			schoolId: 1,
			slug: SLUG,
			defaultLanguage: 'nl'
		});
		// The code is used up, and only the hash of the token is stored.
		expect(await pairKiosk(db(), pairing.code, now + 90_000)).toEqual({
			ok: false,
			code: 'invalid'
		});
		const stored = await env.DB.prepare(
			'SELECT count(*) AS n FROM kiosk_devices WHERE token_hash = ?'
		)
			.bind(paired.token)
			.first<{ n: number }>();
		expect(stored?.n).toBe(0);
	});

	it('refuses an expired code and a code that never existed', async () => {
		const now = testNow();
		const pairing = await createPairing(db(), TILBURG_ADMIN, { schoolId: 1, name: 'Hal' }, now);
		if (!pairing.ok) throw new Error(pairing.code);
		const late = now + PAIRING_MINUTES * 60_000 + 1;
		const lines = await consoleOf(async () => {
			expect(await pairKiosk(db(), pairing.code, late)).toEqual({ ok: false, code: 'expired' });
			expect(await pairKiosk(db(), 'ABCDEFGH', now)).toEqual({ ok: false, code: 'invalid' });
			expect(await pairKiosk(db(), 'O0I1', now)).toEqual({ ok: false, code: 'invalid' });
		});
		// Each wrong code is a security event; the code itself is not logged.
		expect(lines.map((line) => JSON.parse(line).code)).toEqual(
			Array.from({ length: 3 }, () => 'kiosk_pairing_failed')
		);
		expect(lines.join('\n')).not.toContain(pairing.code.replace(' ', ''));
		const list = await kiosksOf(db(), TILBURG_ADMIN, late);
		expect(list.find((k) => k.id === pairing.id)?.state).toBe('expired');
	});

	it('lets an admin pair kiosks only for schools of their own organisation', async () => {
		expect(await createPairing(db(), HAAG_ADMIN, { schoolId: 1, name: 'Hal' }, testNow())).toEqual({
			ok: false,
			code: 'school_not_found'
		});
		const haag = await kiosksOf(db(), HAAG_ADMIN, testNow());
		expect(haag.every((k) => k.schoolName === 'De Vlinderboom')).toBe(true);
	});

	it('stops a revoked kiosk at once, and only its own organisation can revoke it', async () => {
		const token = await pairedKiosk();
		const kiosk = await readKiosk(db(), token, testNow());
		expect(kiosk).not.toBeNull();
		expect(await revokeKiosk(db(), HAAG_ADMIN, kiosk!.id, testNow())).toBe(false);
		expect(await readKiosk(db(), token, testNow())).not.toBeNull();
		expect(await revokeKiosk(db(), TILBURG_ADMIN, kiosk!.id, testNow())).toBe(true);
		expect(await readKiosk(db(), token, testNow())).toBeNull();
		const res = await worker('/kiosk/nl', { cookie: token });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/kiosk/pair');
	});

	it('pairs through the page and sets a long-lived, host-only, http-only cookie', async () => {
		const pairing = await createPairing(
			db(),
			TILBURG_ADMIN,
			{ schoolId: 1, name: 'Hal' },
			testNow()
		);
		if (!pairing.ok) throw new Error(pairing.code);
		const wrong = await worker('/kiosk/pair', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'nl' },
			body: new URLSearchParams({ code: 'ZZZZZZZZ' })
		});
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Deze code klopt niet');

		const res = await worker('/kiosk/pair', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ code: pairing.code })
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/kiosk');
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^__Host-inloop_kiosk=[\w-]+;/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/Secure/i);
		expect(cookie).toMatch(/SameSite=Strict/i);
		expect(cookie).toMatch(/Max-Age=31536000/);
	});
});

describe('what a kiosk can reach', () => {
	it('reads the device and its school’s slots for booking in one batch, as apart', async () => {
		const token = await pairedKiosk();
		const now = testNow();
		const read = await readKioskPage(db(), token, now, kioskBookPage);
		expect(read.kiosk).toEqual(await readKiosk(db(), token, now));
		expect(read.page!.data).toEqual(await loadSchedule(db(), SLUG, kioskWindow(now)));
		expect(read.page!.data!.slots.length).toBeGreaterThan(0);
		// "I'm here" and the home: the same as read by the school's address.
		const here = await readKioskPage(db(), token, now, kioskHerePage);
		expect(here.page!.data).toEqual(await walkInChoices(db(), SLUG, now));
		const home = await readKioskPage(db(), token, now, kioskHomePage);
		expect(home.page!.data).toEqual({
			now,
			today: await schoolToday(db(), SLUG, now),
			meetings: await upcomingMeetingsQuery(db(), schoolIdBySlug(db(), SLUG), now, 3, {
				nextOfEachSeries: true
			})
		});
		// A revoked tablet reads no school.
		await revokeKiosk(db(), TILBURG_ADMIN, read.kiosk!.id, now);
		for (const reader of [
			kioskBookPage,
			kioskHerePage,
			kioskHomePage
		] as KioskPageReader<unknown>[]) {
			expect(await readKioskPage(db(), token, now, reader)).toEqual({ kiosk: null, page: null });
		}
		expect((await worker('/kiosk/nl/book', { cookie: token })).headers.get('location')).toBe(
			'/kiosk/pair'
		);
	});

	it('sends an unpaired tablet to pairing, a paired one to its school in its language', async () => {
		const none = await worker('/kiosk/nl');
		expect(none.headers.get('location')).toBe('/kiosk/pair');
		const token = await pairedKiosk();
		const start = await worker('/kiosk', { cookie: token });
		expect(start.headers.get('location')).toBe('/kiosk/nl');
		const home = await worker('/kiosk/ar', { cookie: token });
		expect(home.status).toBe(200);
		expect(home.headers.get('cache-control')).toBe('no-store');
		const html = await home.text();
		expect(html).toContain('De Zuidwester');
		expect(html).toContain('dir="rtl"');
		expect(html).toContain('<svg'); // the QR code to the school page
	});

	it('opens no staff page and no other school', async () => {
		const token = await pairedKiosk();
		for (const path of ['/staff/today', '/staff/queue', '/staff/admin/kiosks']) {
			const res = await worker(path, { cookie: token });
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toBe('/staff/login');
		}
		// A slot of the Den Haag professional, posted to this kiosk: not bookable here.
		const slots = (await (
			await worker(`/api/v1/schools/de-vlinderboom/slots?${range()}`)
		).json()) as {
			staffId: number;
			start: string;
		}[];
		expect(slots.length).toBeGreaterThan(0);
		const before = await env.DB.prepare(
			"SELECT count(*) AS n FROM bookings WHERE made_by = 'kiosk'"
		).first<{ n: number }>();
		const res = await worker('/kiosk/nl/book?/book', {
			method: 'POST',
			cookie: token,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				staffId: String(slots[0].staffId),
				start: slots[0].start,
				firstName: 'Noor',
				consent: 'on'
			})
		});
		// No such time at this school: `start` is not available, as the API answers it (#16).
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(nl.fields.not_available);
		const after = await env.DB.prepare(
			"SELECT count(*) AS n FROM bookings WHERE made_by = 'kiosk'"
		).first<{ n: number }>();
		expect(after?.n).toBe(before?.n);
	});

	it('books without contact details and hands over a QR code, not a link in the URL', async () => {
		const token = await pairedKiosk();
		const slots = (await (await worker(`/api/v1/schools/${SLUG}/slots?${range()}`)).json()) as {
			staffId: number;
			start: string;
		}[];
		const slot = slots.at(-1)!;
		const res = await worker(`/kiosk/tr/book?/book`, {
			method: 'POST',
			cookie: token,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({
				staffId: String(slot.staffId),
				start: slot.start,
				firstName: 'Ayşe',
				interpreter: 'on',
				consent: 'on'
			})
		});
		expect(res.status).toBe(200);
		const body = await res.text();
		expect(body).toContain('"type":"success"');
		expect(body).toMatch(/\\u003Csvg|<svg/);
		expect(body).not.toContain('manageToken');
		const row = await env.DB.prepare(
			"SELECT made_by, phone, email, language, interpreter FROM bookings WHERE first_name = 'Ayşe'"
		).first();
		expect(row).toEqual({
			made_by: 'kiosk',
			phone: null,
			email: null,
			language: 'tr',
			interpreter: 1
		});
	});
});

describe('the walk-in queue', () => {
	it('gives 30 parents tapping at once unique numbers 1 to 30', async () => {
		const date = await nextThursday();
		const now = at(date, '14:40');
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				takeTicket(
					db(),
					SLUG,
					{ language: 'nl', firstName: `Ouder ${i}` },
					{ now: now + i, madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
				)
			)
		);
		const numbers = results.map((r) => (r.ok ? r.number : 0)).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
		const today = await schoolToday(db(), SLUG, now + 1000);
		expect(today?.waiting).toBe(30);
	});

	it('refuses a number when no walk-in hour runs', async () => {
		const date = await nextThursday();
		expect(
			await takeTicket(
				db(),
				SLUG,
				{ language: 'nl' },
				{ now: at(date, '10:00'), madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
			)
		).toEqual({ ok: false, code: 'walkin_closed' });
		// From a quarter of an hour before the start it is open.
		const early = await takeTicket(
			db(),
			SLUG,
			{ language: 'nl' },
			{ now: at(date, '14:16'), madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
		);
		expect(early.ok).toBe(true);
	});

	it('queues a booked parent at their time, calls in order, and keeps the booking up to date', async () => {
		const date = await nextThursday();
		// A parent booked by phone for 14:40 (the professional may book a walk-in hour on behalf).
		await env.DB.prepare(
			`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, location_id,
				starts_at, ends_at, first_name, phone, contact_key, language, interpreter, status, made_by)
			VALUES ('KQ7M2P', ?, 1, 1, 1, ?, ?, 'Fatima', '+31612345678', '+31612345678', 'ar', 1,
				'booked', 'staff')`
		)
			.bind(`hash-${date}`, at(date, '14:40'), at(date, '15:00'))
			.run();

		const first = await takeTicket(
			db(),
			SLUG,
			{ language: 'pl', firstName: 'Anna' },
			{ now: at(date, '14:35'), madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
		);
		const later = await takeTicket(
			db(),
			SLUG,
			{ language: 'nl' },
			{ now: at(date, '14:45'), madeBy: 'parent', linkSecret: env.LINK_SECRET }
		);
		const booked = await checkIn(db(), SLUG, 'kq7m-2p', {
			now: at(date, '14:50'),
			madeBy: 'kiosk',
			linkSecret: env.LINK_SECRET
		});
		if (!first.ok || !later.ok || !booked.ok) throw new Error('no ticket');
		expect([first.number, later.number, booked.number]).toEqual([1, 2, 3]);
		// Booked for 14:40: after Anna (14:35), before the parent who came at 14:45.
		expect(booked.ahead).toBe(1);
		// The parent's page shows the same place in the queue (read by the ticket's number).
		expect(await ticketStatus(db(), SLUG, { staffId: 1, number: 3 }, at(date, '14:50'))).toEqual({
			number: 3,
			staffId: 1,
			staffName: booked.staffName,
			location: '',
			ahead: 1,
			nowCalling: null,
			status: 'waiting'
		});
		// Checking in twice gives the same number.
		const again = await checkIn(db(), SLUG, 'KQ7M2P', {
			now: at(date, '14:51'),
			madeBy: 'kiosk',
			linkSecret: env.LINK_SECRET
		});
		expect(again.ok && again.number).toBe(3);

		const queue = { schoolId: 1, staffId: 1 };
		const order = [];
		for (let i = 0; i < 4; i++)
			order.push(await callNext(db(), SAMIRA, queue, at(date, '14:52') + i));
		expect(order).toEqual([1, 3, 2, null]);
		const status = await env.DB.prepare(
			"SELECT status FROM bookings WHERE reference = 'KQ7M2P'"
		).first<{ status: string }>();
		expect(status?.status).toBe('attended');
		const mine = await ticketStatus(db(), SLUG, { staffId: 1, number: 2 }, at(date, '14:53'));
		expect(mine?.status).toBe('done');
	});

	it('tells a booked parent on another day to come back then', async () => {
		const date = await nextThursday();
		const [row] = await db().all<{ reference: string; starts_at: number }>(
			sql`SELECT reference, starts_at FROM bookings WHERE school_id = 1 AND status = 'booked'
				ORDER BY starts_at LIMIT 1`
		);
		const result = await checkIn(db(), SLUG, row.reference, {
			now: at(date, '14:45'),
			madeBy: 'kiosk',
			linkSecret: env.LINK_SECRET
		});
		if (amsterdamDate(row.starts_at) === date) return;
		expect(result).toEqual({ ok: false, code: 'not_today', startsAt: row.starts_at });
		expect(
			await checkIn(db(), SLUG, 'ZZZZZZ', {
				now: at(date, '14:45'),
				madeBy: 'kiosk',
				linkSecret: env.LINK_SECRET
			})
		).toEqual({ ok: false, code: 'not_found' });
	});

	it('lets only the professional (or their admin) work the queue', async () => {
		const date = await nextThursday();
		const now = at(date, '14:40');
		const ticket = await takeTicket(
			db(),
			SLUG,
			{ language: 'uk' },
			{ now, madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
		);
		if (!ticket.ok) throw new Error(ticket.code);
		const queue = { schoolId: 1, staffId: 1 };
		expect(await callNext(db(), JEROEN, queue, now + 1)).toBeNull();
		expect(await callNext(db(), HAAG_ADMIN, queue, now + 2)).toBeNull();
		expect((await queueFor(db(), JEROEN, now)).length).toBe(0);
		expect((await queueFor(db(), HAAG_ADMIN, now)).length).toBe(0);
		const own = await queueFor(db(), SAMIRA, now);
		expect(own[0].tickets.map((t) => t.number)).toContain(ticket.number);
		const [{ id }] = own[0].tickets.filter((t) => t.number === ticket.number);
		expect(await markTicket(db(), JEROEN, id, 'no_show', testNow())).toBeNull();
		expect(await markTicket(db(), TILBURG_ADMIN, id, 'no_show', testNow())).not.toBeNull();
		expect(await markTicket(db(), SAMIRA, id, 'done', testNow())).toBeNull(); // no longer open
	});

	it('audits calling and finishing a ticket from the queue page, as every change to a record', async () => {
		// The queue page changed tickets (and a booked parent's booking) without an audit entry.
		const token = await sessionOf(SAMIRA_ACCOUNT)();
		const drawn = { id: await waitingTicket(testNow()) };
		const entries = () =>
			env.DB.prepare(
				"SELECT user_id AS userId, action, detail FROM audit_log WHERE entity = 'ticket' AND entity_id = ?"
			)
				.bind(drawn.id)
				.all<{ userId: number; action: string; detail: string }>();
		const form = (fields: Record<string, string>) => new URLSearchParams(fields);
		// Earlier waiting tickets of today's queue are called first: call until this one is.
		for (let i = 0; i < 50 && !(await entries()).results.length; i++) {
			const res = await postForm(
				'/staff/queue?/next',
				form({ schoolId: '1', staffId: '1' }),
				token
			);
			expect(res.status).toBe(200);
		}
		const res = await postForm(
			'/staff/queue?/mark',
			form({ id: String(drawn.id), status: 'no_show' }),
			token
		);
		expect(res.status).toBe(200);
		const { results } = await entries();
		expect(results.map((e) => [e.action, e.detail])).toEqual([
			['update', 'called'],
			['update', 'no_show']
		]);
		expect(new Set(results.map((e) => e.userId)).size).toBe(1);
	});

	it('answers the walk-in API in the documented shape', async () => {
		const res = await worker(`/api/v1/schools/${SLUG}/walkin`);
		expect(res.status).toBe(200);
		// The same for everyone: shared for API_CACHE_SECONDS, which is 0 in these tests
		// (edge-cache.spec.ts keeps it and shows a ticket making the next read fresh).
		expect(res.headers.get('cache-control')).toBe('no-cache');
		const body = (await res.json()) as Record<string, unknown>;
		expect(Object.keys(body)).toEqual(
			expect.arrayContaining(['open', 'nowCalling', 'waiting', 'queues'])
		);
		expect(typeof body.open).toBe('boolean');
		const unknown = await worker('/api/v1/schools/no-such-school/walkin');
		expect(unknown.status).toBe(404);
		const bad = await worker(`/api/v1/schools/${SLUG}/walkin/checkin?lang=en`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reference: '<script>', language: 'en' })
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({
			error: { code: 'invalid', fields: { reference: 'invalid' } }
		});
	});
});

describe('the idle time of a school’s kiosk', () => {
	it('is set per school by its coordinator, between 15 and 600 seconds', async () => {
		// The school as it is, with only the idle time changed.
		const [row] = await db().all<Record<string, string>>(
			sql`SELECT name, slug, address, postcode, town, neighbourhood, languages,
				default_language AS defaultLanguage FROM schools WHERE id = 1`
		);
		const school = {
			...row,
			neighbourhood: row.neighbourhood ?? '',
			languages: JSON.parse(row.languages)
		};
		expect(check(SchoolForm, { ...school, kioskIdleSeconds: '5' })).toMatchObject({
			ok: false,
			errors: { kioskIdleSeconds: 'invalid' }
		});
		const input = check(SchoolForm, { ...school, kioskIdleSeconds: '90' });
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		const saved = await saveSchool(db(), TILBURG_ADMIN, 1, input.data);
		expect(saved.ok).toBe(true);
		const token = await pairedKiosk();
		expect((await readKiosk(db(), token, testNow()))?.idleSeconds).toBe(90);
		// Another organisation's coordinator cannot change it.
		expect(
			(await saveSchool(db(), HAAG_ADMIN, 1, { ...input.data, kioskIdleSeconds: 15 })).ok
		).toBe(false);
	});
});
