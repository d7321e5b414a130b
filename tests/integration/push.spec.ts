/**
 * Web push without an account and text messages, through the whole worker: a device subscribes
 * with a booking's, a question's or a walk-in ticket's own link; only push services on the
 * allowlist are taken (no SSRF); what arrives at the push service stand-in (./push-service.ts)
 * is decrypted with the device's private key and checked, VAPID token, TTL and Urgency included;
 * a 410 deletes the subscription, and so does deleting the record.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { getDb } from '$lib/server/db';
import { notifierFor } from '$lib/server/notify';
import { notifyCancelled } from '$lib/server/bookings/notices';
import { notifyQuestion } from '$lib/server/questions/notices';
import { notifyTurns } from '$lib/server/walkin/notices';
import { smsSenderFor } from '$lib/server/notify/sms';
import { isAllowedEndpoint, DEFAULT_PUSH_SERVICE_ORIGINS } from '$lib/server/notify/push';
import { findBooking } from '$lib/server/bookings';
import { callNext, takeTicket } from '$lib/server/walkin';
import {
	amsterdamDate,
	addDays,
	isoWeekday,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import { schoolToday } from '$lib/server/walkin';
import type { SessionUser } from '$lib/server/auth';
import { testNow } from './clock';
import { newDevice } from './push-client';

const db = () => getDb(env.DB);
const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
	exports.default.fetch(
		new Request(`http://localhost/api${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body)
		})
	);
const subscriptionsOf = async (column: string, id: number) =>
	(
		await env.DB.prepare(`SELECT endpoint FROM push_subscriptions WHERE ${column} = ?`)
			.bind(id)
			.all<{ endpoint: string }>()
	).results.map((r) => r.endpoint);

/**
 * Extra hours of Samira's of this file's own (18:00-19:00, room for ten a slot), so its bookings
 * never take the demo's few free times, which other suites book.
 */
let extraDay = '';
let extraId = 0;
beforeAll(async () => {
	const { results: closed } = await env.DB.prepare(
		'SELECT start_date, end_date FROM closures WHERE organisation_id = 1'
	).all<{ start_date: string; end_date: string }>();
	let day = addDays(amsterdamDate(testNow()), 2);
	while (closed.some((c) => c.start_date <= day && day <= c.end_date)) day = addDays(day, 1);
	extraDay = day;
	extraId = (await env.DB.prepare(
		`INSERT INTO availability_exceptions (staff_id, school_id, location_id, date, kind, start_time,
			end_time, slot_minutes, capacity, bookable, walk_in)
		 VALUES (1, 1, 1, ?, 'extra', '18:00', '19:00', 20, 10, 1, 0) RETURNING id`
	)
		.bind(day)
		.first<{ id: number }>())!.id;
});
afterAll(async () => {
	await env.DB.prepare('DELETE FROM availability_exceptions WHERE id = ?').bind(extraId).run();
});

let phones = 0;
/** A booking through the API, by a parent who gave a phone number and no e-mail address. */
async function bookByPhone(language = 'uk', phone = `06 5555 ${String(1000 + ++phones)}`) {
	const slots = (await (
		await api('GET', `/v1/schools/de-zuidwester/slots?from=${extraDay}&to=${extraDay}`)
	).json()) as { staffId: number; start: string; remaining: number }[];
	for (const slot of slots.filter((s) => s.staffId === 1 && s.start.includes('T18:'))) {
		const res = await api('POST', '/v1/schools/de-zuidwester/bookings', {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Olena',
			phone,
			language,
			topic: 'school',
			remark: 'Over de ruzie thuis',
			consent: true
		});
		if (res.status === 201) {
			const { manageToken } = (await res.json()) as { manageToken: string };
			const booking = (await findBooking(db(), manageToken))!;
			return { token: manageToken, id: booking.id, booking };
		}
	}
	throw new Error('no free slot to book');
}

describe('web push', () => {
	it('gives the public key and takes a subscription only on an allowed push service', async () => {
		const key = (await (await api('GET', '/v1/push/key')).json()) as { publicKey: string };
		expect(key.publicKey).toBe(env.VAPID_PUBLIC_KEY);
		const { token, id } = await bookByPhone();
		const device = await newDevice();
		for (const endpoint of [
			'http://169.254.169.254/latest/meta-data',
			'https://fcm.googleapis.com.evil.example/push',
			'https://user:pw@fcm.googleapis.com/push',
			`${env.PUSH_SERVICE_ORIGINS.replace('127.0.0.1', 'localhost')}/push/x`,
			'file:///etc/passwd'
		]) {
			const refused = await api('POST', `/v1/bookings/${token}/push`, {
				...device.subscription,
				endpoint
			});
			expect(refused.status, endpoint).toBe(400);
			expect(((await refused.json()) as { error: { fields: object } }).error.fields).toEqual({
				endpoint: 'invalid'
			});
		}
		expect(await subscriptionsOf('booking_id', id)).toEqual([]);
		expect((await api('POST', '/v1/bookings/unknown-token/push', device.subscription)).status).toBe(
			404
		);
		expect((await api('POST', `/v1/bookings/${token}/push`, device.subscription)).status).toBe(201);
		// The same device again renews it, it does not add one.
		expect((await api('POST', `/v1/bookings/${token}/push`, device.subscription)).status).toBe(201);
		expect(await subscriptionsOf('booking_id', id)).toEqual([device.subscription.endpoint]);
		const off = await api('DELETE', `/v1/bookings/${token}/push`, {
			endpoint: device.subscription.endpoint
		});
		expect(off.status).toBe(204);
		expect(await subscriptionsOf('booking_id', id)).toEqual([]);
	});

	it('knows the browsers’ push services and nothing around them', () => {
		const allowed = DEFAULT_PUSH_SERVICE_ORIGINS;
		expect(isAllowedEndpoint('https://fcm.googleapis.com/fcm/send/abc', allowed)).toBe(true);
		expect(isAllowedEndpoint('https://wns2-par02p.notify.windows.com/w/?token=x', allowed)).toBe(
			true
		);
		expect(isAllowedEndpoint('https://notify.windows.com.evil.example/w', allowed)).toBe(false);
		expect(isAllowedEndpoint('http://fcm.googleapis.com/fcm/send/abc', allowed)).toBe(false);
		expect(isAllowedEndpoint('https://fcm.googleapis.com:8443/fcm/send/abc', allowed)).toBe(false);
	});

	it('tells the device when the wijkteam cancels: encrypted, VAPID-signed, with TTL and Urgency; a 410 ends the subscription', async () => {
		const { token, id, booking } = await bookByPhone('tr');
		const device = await newDevice();
		expect((await api('POST', `/v1/bookings/${token}/push`, device.subscription)).status).toBe(201);
		const n = notifierFor(env, db());
		await notifyCancelled(n, [booking], 'staff');
		const [delivery] = await device.deliveries();
		expect(delivery.status).toBe(201);
		expect(delivery.contentEncoding).toBe('aes128gcm');
		expect(delivery.ttl).toBe('86400');
		expect(delivery.urgency).toBe('normal');
		expect(delivery.payload).toEqual({
			title: 'Inloop – De Zuidwester',
			body: 'De Zuidwester okulundaki randevunuz iptal edildi.',
			url: `${env.PUBLIC_ORIGIN}/tr/booking/${token}`
		});
		expect(delivery.vapid).toMatchObject({
			valid: true,
			key: env.VAPID_PUBLIC_KEY,
			claims: { aud: env.PUSH_SERVICE_ORIGINS, sub: env.PUBLIC_ORIGIN }
		});
		const exp = (delivery.vapid!.claims.exp as number) * 1000;
		expect(exp - testNow()).toBeGreaterThan(0);
		expect(exp - testNow()).toBeLessThanOrEqual(24 * 3600_000);

		// The browser dropped it: the push service says 410, and the subscription goes.
		await device.gone();
		await notifyCancelled(n, [booking], 'staff');
		expect((await device.deliveries()).map((d) => d.status)).toEqual([201, 410]);
		expect(await subscriptionsOf('booking_id', id)).toEqual([]);
	});

	it('does not notify the phone of a parent who cancelled on it, and the subscription goes with the booking', async () => {
		const { token, id } = await bookByPhone();
		const device = await newDevice();
		await api('POST', `/v1/bookings/${token}/push`, device.subscription);
		expect((await api('DELETE', `/v1/bookings/${token}`)).status).toBe(200);
		expect(await device.deliveries()).toEqual([]);
		expect(await subscriptionsOf('booking_id', id)).toHaveLength(1);
		// The right to erasure: the booking page's delete takes its subscriptions along.
		await env.DB.prepare('DELETE FROM bookings WHERE id = ?').bind(id).run();
		expect(await subscriptionsOf('booking_id', id)).toEqual([]);
	});

	it('tells a question’s device that there is an answer, without the question', async () => {
		const asked = await api('POST', '/v1/schools/de-zuidwester/questions', {
			category: 'sleep_eating',
			text: 'Mijn dochter slaapt slecht sinds de scheiding',
			answerBy: 'page',
			language: 'pl',
			consent: true
		});
		const { accessToken } = (await asked.json()) as { accessToken: string };
		const device = await newDevice();
		expect(
			(await api('POST', `/v1/questions/${accessToken}/push`, device.subscription)).status
		).toBe(201);
		const question = await env.DB.prepare(
			`SELECT q.id FROM questions q JOIN push_subscriptions p ON p.question_id = q.id
			 WHERE p.endpoint = ?`
		)
			.bind(device.subscription.endpoint)
			.first<{ id: number }>();
		await notifyQuestion(notifierFor(env, db()), question!.id, 'answered');
		const [delivery] = await device.deliveries();
		expect(delivery.payload).toEqual({
			title: 'Inloop – De Zuidwester',
			body: 'Jest nowa informacja w sprawie Państwa pytania do szkoły De Zuidwester.',
			url: `${env.PUBLIC_ORIGIN}/pl/question/${accessToken}`
		});
		expect(delivery.ttl).toBe(String(7 * 86_400));
		// Deleting the question (the parent's right) takes the subscription along.
		await env.DB.prepare('DELETE FROM questions WHERE id = ?').bind(question!.id).run();
		expect(await subscriptionsOf('question_id', question!.id)).toEqual([]);
	});
});

describe('your place in line', () => {
	const samira: SessionUser = {
		id: 4,
		email: 'samira@example.org',
		role: 'staff',
		organisationId: 1,
		staffId: 1,
		name: 'Samira',
		language: 'nl',
		secondFactor: true,
		authenticatedAt: null
	};

	/** A Thursday with Samira's walk-in hour that no other test of this file uses. */
	async function walkInHour() {
		let date = addDays(amsterdamDate(testNow()), 8 * 7);
		while (isoWeekday(date) !== 4) date = addDays(date, 1);
		for (let i = 0; i < 20; i++, date = addDays(date, 7)) {
			const at = wallClockToInstant(date, '14:40')!;
			if ((await schoolToday(db(), 'de-zuidwester', at))?.open) return at;
		}
		throw new Error('no walk-in hour found');
	}

	it('gives each ticket its own link and status, and tells the phone when it is next but one and when called', async () => {
		const now = await walkInHour();
		const take = (i: number) =>
			takeTicket(
				db(),
				'de-zuidwester',
				{ language: i === 2 ? 'ar' : 'nl' },
				{ now: now + i, madeBy: 'kiosk', linkSecret: env.LINK_SECRET }
			);
		const tickets = [];
		for (let i = 0; i < 3; i++) {
			const t = await take(i);
			if (!t.ok) throw new Error(t.code);
			tickets.push(t);
		}
		const third = tickets[2];
		expect(third.ticketToken).toMatch(/^[\w-]{40,}$/);
		const status = await api('GET', `/v1/walkin/${third.ticketToken}`);
		// The API reads today's queue by the ticket itself, whatever the clock says now.
		expect(await status.json()).toMatchObject({
			number: third.number,
			status: 'waiting',
			ahead: 2
		});
		expect((await api('GET', '/v1/walkin/not-a-ticket')).status).toBe(404);

		const device = await newDevice();
		expect(
			(await api('POST', `/v1/walkin/${third.ticketToken}/push`, device.subscription)).status
		).toBe(201);
		const n = notifierFor(env, db());
		const queue = { schoolId: 1, staffId: third.staffId };
		// The first is called: the third has one before them now.
		await callNext(db(), samira, queue, now + 60_000);
		await notifyTurns(n, queue, now + 60_000);
		let got = await device.deliveries();
		expect(got.map((d) => d.payload)).toEqual([
			{
				title: 'Inloop – De Zuidwester',
				body: 'اقترب دوركم: ما زال قبلكم شخص واحد.',
				url: `${env.PUBLIC_ORIGIN}/ar/ticket/${third.ticketToken}`
			}
		]);
		expect(got[0].urgency).toBe('high');
		expect(got[0].ttl).toBe('600');
		// The second is called: no second "next but one"; then the third is called.
		await callNext(db(), samira, queue, now + 120_000);
		await notifyTurns(n, queue, now + 120_000);
		expect(await device.deliveries()).toHaveLength(1);
		await callNext(db(), samira, queue, now + 180_000);
		await notifyTurns(n, queue, now + 180_000);
		got = await device.deliveries();
		expect(got.map((d) => (d.payload as { body: string }).body)).toEqual([
			'اقترب دوركم: ما زال قبلكم شخص واحد.',
			'حان دوركم! تفضلوا بالدخول.'
		]);
		expect(await (await api('GET', `/v1/walkin/${third.ticketToken}`)).json()).toMatchObject({
			status: 'called',
			ahead: 0,
			nowCalling: third.number
		});
	});
});

describe('text messages', () => {
	it('confirm a booking made with only a phone number, in the parent’s language, with the link and nothing more', async () => {
		const { token, id } = await bookByPhone('uk', '+31 6 1111 2222');
		const rows = (
			await env.DB.prepare(
				`SELECT channel, to_address, text, event, language FROM local_messages WHERE booking_id = ?`
			)
				.bind(id)
				.all<{ text: string }>()
		).results;
		expect(rows).toEqual([
			{
				channel: 'sms',
				to_address: '+31 6 1111 2222',
				event: 'confirmed',
				language: 'uk',
				text: `Ваш запис до школи De Zuidwester підтверджено. Дивіться тут: http://localhost/uk/booking/${token}`
			}
		]);
		expect(rows[0].text).not.toMatch(/ruzie|school\b|Olena/);
	});

	it('are off unless switched on, and the stand-in only runs on a loopback origin', () => {
		const clock = () => testNow();
		expect(smsSenderFor({ SMS_PROVIDER: '' }, db(), clock)).toBeNull();
		expect(
			smsSenderFor(
				{ SMS_PROVIDER: 'local', PUBLIC_ORIGIN: 'https://inloop.example.nl' },
				db(),
				clock
			)
		).toBeNull();
		expect(
			smsSenderFor({ SMS_PROVIDER: 'local', PUBLIC_ORIGIN: 'http://localhost:8787' }, db(), clock)
		).not.toBeNull();
		expect(() => smsSenderFor({ SMS_PROVIDER: 'cm' }, db(), clock)).toThrow(/CM_PRODUCT_TOKEN/);
	});
});

describe('the local mailbox', () => {
	const open = (vars: Record<string, string>) =>
		worker.fetch!(
			new Request('http://localhost/dev/mailbox', {
				headers: { 'accept-language': 'nl' }
			}) as Request<unknown, IncomingRequestCfProperties>,
			{ ...env, ...vars },
			createExecutionContext()
		);

	it('lists every e-mail, text message and push that would have gone out, newest first, where the local server turns it on', async () => {
		await bookByPhone('ar', '0687654321');
		const res = await open({ LOCAL_MAILBOX: 'on' });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Lokale brievenbus');
		expect(html).toContain('0687654321');
		expect(html).toContain('تم حجز موعدكم في De Zuidwester.');
	});

	it('does not exist in the production configuration, nor in tests, nor turned on at a public origin', async () => {
		const production = { LOCAL_MAILBOX: 'on', PUBLIC_ORIGIN: 'https://inloop.example.nl' };
		expect((await open(production)).status).toBe(404);
		expect((await open({ LOCAL_MAILBOX: 'off' })).status).toBe(404);
		// wrangler.toml, as deployed: off.
		expect(env.LOCAL_MAILBOX).toBe('off');
		expect((await exports.default.fetch(new Request('http://localhost/dev/mailbox'))).status).toBe(
			404
		);
	});
});
