/**
 * The waiting list through the API and the real D1: joining, an offer when a place frees up, the
 * hold (the slots hide it, a booking gets 409), an offer that runs out going to the next parent
 * (the cron at the test clock), a claim race that exactly one wins, and leaving.
 */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/worker';
import { api } from '$lib/server/api';
import { HOLD_MS } from '$lib/server/waitlist';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { sha256Hex } from '$lib/server/crypto';
import { newClient, postForm } from './helpers';
import { newDevice } from './push-client';
import { runtimeTimeOf, testNow } from './clock';

type Slot = { staffId: number; start: string; end: string; remaining: number };
type Entry = {
	reference: string;
	status: string;
	offer?: { staffId: number; start: string; end: string; holdUntil: string };
};
type Joined = { reference: string; manageToken: string };
type Booked = { reference: string; manageToken: string; start: string; staffId: number };
type ApiError = { error: { code: string; message: string; fields: Record<string, string> } };

const call = (path: string, init: RequestInit = {}) =>
	api.request(
		path,
		{ ...init, headers: { 'cf-connecting-ip': newClient(), ...(init.headers ?? {}) } },
		env
	);
const post = (path: string, body?: unknown) =>
	call(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

const today = amsterdamDate(testNow());
let serial = 0;
const phone = () => `06 3${String(++serial).padStart(3, '0')} 7777`;

async function freeSlots(): Promise<Slot[]> {
	const res = await call(
		`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`
	);
	expect(res.status).toBe(200);
	return (await res.json()) as Slot[];
}

/** A free place far enough ahead that a hold of two hours, and another after it, fit before it. */
async function farSlot(skip = 0): Promise<Slot> {
	const slots = (await freeSlots()).filter((s) => s.remaining === 1);
	const slot = slots.at(-1 - skip);
	expect(slot).toBeDefined();
	return slot!;
}

async function book(slot: Slot, firstName = 'Noor'): Promise<Booked> {
	const res = await post('/api/v1/schools/de-zuidwester/bookings', {
		staffId: slot.staffId,
		start: slot.start,
		firstName,
		phone: phone(),
		language: 'nl',
		consent: true
	});
	expect(res.status).toBe(201);
	return (await res.json()) as Booked;
}

async function join(slot: Slot, extra: Record<string, unknown> = {}): Promise<Joined> {
	const res = await post('/api/v1/schools/de-zuidwester/waitlist', {
		staffId: slot.staffId,
		from: slot.start.slice(0, 10),
		to: slot.start.slice(0, 10),
		firstName: 'Hawa',
		phone: phone(),
		language: 'ti',
		consent: true,
		...extra
	});
	expect(res.status).toBe(201);
	return (await res.json()) as Joined;
}

const entry = async (token: string) => {
	const res = await call(`/api/v1/waitlist/${token}`);
	expect(res.status).toBe(200);
	return (await res.json()) as Entry;
};
const cancel = async (booking: Booked) =>
	expect((await call(`/api/v1/bookings/${booking.manageToken}`, { method: 'DELETE' })).status).toBe(
		200
	);
const listed = async (slot: Slot) =>
	(await freeSlots()).some((s) => s.staffId === slot.staffId && s.start === slot.start);

/** A full slot with a parent waiting for it: the state every offer starts from. */
async function fullSlotWithWaiter(skip = 0, extra: Record<string, unknown> = {}) {
	const slot = await farSlot(skip);
	const booking = await book(slot);
	const waiter = await join(slot, extra);
	return { slot, booking, waiter };
}

afterEach(async () => {
	// The places these tests took are free again for the other files' tests (phone() marks them).
	await env.DB.prepare(
		"UPDATE bookings SET status = 'cancelled' WHERE phone LIKE '06 3___ 7777' AND status = 'booked'"
	).run();
});

beforeEach(async () => {
	// Every test starts with nobody waiting: other tests' parents never take its places.
	await env.DB.prepare(
		"UPDATE waitlist_entries SET status = 'left' WHERE status IN ('waiting', 'offered')"
	).run();
});

describe('joining the waiting list', () => {
	it('stores the parent with only a hash of the link, tells them by e-mail in their language, and shows them waiting', async () => {
		const slot = await farSlot();
		const joined = await join(slot, { email: 'hawa@example.org', phone: undefined });
		expect(joined.reference).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
		expect(await entry(joined.manageToken)).toMatchObject({
			reference: joined.reference,
			status: 'waiting',
			staffId: slot.staffId,
			from: slot.start.slice(0, 10)
		});
		const row = await env.DB.prepare('SELECT * FROM waitlist_entries WHERE reference = ?')
			.bind(joined.reference)
			.first<Record<string, unknown>>();
		expect(row!.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(joined.manageToken);
		const mail = await env.DB.prepare(
			"SELECT * FROM outbox WHERE kind = 'waitlist_joined' AND to_address = 'hawa@example.org'"
		).first<{ text: string; language: string; waitlist_entry_id: number }>();
		expect(mail!.language).toBe('ti');
		expect(mail!.waitlist_entry_id).toBe(row!.id);
		expect(mail!.text).toContain(`/ti/waitlist/${joined.manageToken}`);
		expect(mail!.text).toMatch(/\p{Script=Ethiopic}/u);
		expect(mail!.text).not.toContain('Hawa');
	});

	it('refuses bad input with translated reasons by the fields and writes nothing', async () => {
		const count = async () =>
			(await env.DB.prepare('SELECT count(*) AS n FROM waitlist_entries').first<{ n: number }>())!
				.n;
		const before = await count();
		const base = {
			from: addDays(today, 2),
			to: addDays(today, 5),
			firstName: 'Hawa',
			phone: phone(),
			language: 'nl',
			consent: true
		};
		const refused = async (body: Record<string, unknown>) => {
			const res = await post('/api/v1/schools/de-zuidwester/waitlist?lang=ar', body);
			expect(res.status).toBe(400);
			return ((await res.json()) as ApiError).error;
		};
		expect((await refused({ ...base, to: addDays(today, 1) })).fields).toEqual({
			to: 'before_from'
		});
		expect((await refused({ ...base, to: addDays(today, 400) })).fields).toEqual({
			to: 'out_of_range'
		});
		expect((await refused({ ...base, from: addDays(today, -1) })).fields).toEqual({
			from: 'out_of_range'
		});
		expect((await refused({ ...base, phone: undefined })).fields).toEqual({
			phone: 'contact_required'
		});
		expect((await refused({ ...base, staffId: 999 })).fields).toEqual({ staffId: 'invalid' });
		const error = await refused({ ...base, consent: false });
		expect(error.fields).toEqual({ consent: 'required' });
		expect(error.message).toMatch(/\p{Script=Arabic}/u);
		expect(await count()).toBe(before);
		const unknown = await post('/api/v1/schools/nope/waitlist', base);
		expect(unknown.status).toBe(404);
	});
});

describe('a place that frees up', () => {
	it('is offered to the first parent waiting and held: the slots hide it, a booking gets 409', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		// Waiting for anyone in a window around it, but later than the first parent.
		const second = await join(slot, { staffId: undefined, from: today });
		expect(await listed(slot)).toBe(false);

		const before = testNow();
		await cancel(booking);
		const after = testNow();

		const offered = await entry(waiter.manageToken);
		expect(offered.status).toBe('offered');
		expect(offered.offer).toMatchObject({ staffId: slot.staffId, start: slot.start });
		const held = Date.parse(offered.offer!.holdUntil) - HOLD_MS;
		expect(held).toBeGreaterThanOrEqual(before - 1000);
		expect(held).toBeLessThanOrEqual(after + 1000);
		expect((await entry(second.manageToken)).status).toBe('waiting');

		// Held: not in the free slots, and nobody else can book it.
		expect(await listed(slot)).toBe(false);
		const res = await post('/api/v1/schools/de-zuidwester/bookings', {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Eva',
			phone: phone(),
			language: 'nl',
			consent: true
		});
		expect(res.status).toBe(409);
		expect(((await res.json()) as ApiError).error.code).toBe('slot_taken');

		// The offer went out, in the parent's language, with the link to their page.
		const mail = await env.DB.prepare(
			`SELECT o.* FROM outbox o JOIN waitlist_entries w ON w.id = o.waitlist_entry_id
			 WHERE w.reference = ? AND o.kind = 'waitlist_offer'`
		)
			.bind(waiter.reference)
			.all();
		// This parent gave a phone number only: no e-mail to send (the text message is the channel).
		expect(mail.results).toHaveLength(0);
	});

	it('sends the offer by e-mail with the link to the private page and nothing personal', async () => {
		const { booking, waiter } = await fullSlotWithWaiter(0, { email: 'amira@example.org' });
		await cancel(booking);
		const mail = await env.DB.prepare(
			"SELECT * FROM outbox WHERE kind = 'waitlist_offer' AND to_address = 'amira@example.org'"
		).first<{ text: string; subject: string; language: string }>();
		expect(mail!.language).toBe('ti');
		expect(mail!.text).toContain(`/ti/waitlist/${waiter.manageToken}`);
		expect(mail!.text).not.toMatch(/Hawa|Samira|06 3/);
	});

	it('sends the offer by text message to a parent who gave only a phone number, with the link and nothing personal', async () => {
		// Before, a parent without an e-mail address heard nothing of the place held for them.
		const number = '+31 6 5555 0101';
		const { booking, waiter } = await fullSlotWithWaiter(0, { phone: number, language: 'ar' });
		await cancel(booking);
		const rows = (
			await env.DB.prepare(
				"SELECT channel, event, language, text FROM local_messages WHERE to_address = ? AND event = 'offer'"
			)
				.bind(number)
				.all<{ channel: string; event: string; language: string; text: string }>()
		).results;
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ channel: 'sms', event: 'offer', language: 'ar' });
		expect(rows[0].text).toContain(`/ar/waitlist/${waiter.manageToken}`);
		expect(rows[0].text).not.toMatch(/Hawa|Samira|Noor/);
	});

	it('is booked by the parent with one claim; a second claim is refused', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		await cancel(booking);
		const res = await post(`/api/v1/waitlist/${waiter.manageToken}/claim`);
		expect(res.status).toBe(201);
		const claimed = (await res.json()) as Booked;
		expect(claimed).toMatchObject({ start: slot.start, staffId: slot.staffId });
		const own = await call(`/api/v1/bookings/${claimed.manageToken}`);
		expect(await own.json()).toMatchObject({ status: 'booked', firstName: 'Hawa', language: 'ti' });
		expect((await entry(waiter.manageToken)).status).toBe('booked');
		// A claim needs no body; a form's body is refused as everywhere in the API.
		const form = await call(`/api/v1/waitlist/${waiter.manageToken}/claim`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'claim=1'
		});
		expect(form.status).toBe(415);
		const again = await post(`/api/v1/waitlist/${waiter.manageToken}/claim`);
		expect(again.status).toBe(409);
		expect(((await again.json()) as ApiError).error.code).toBe('offer_expired');
		expect(await listed(slot)).toBe(false);
	});

	it('confirms a claimed place as any booking: by text message to a parent who gave only a phone number, on the API and the page', async () => {
		// Before, a claim confirmed by e-mail only: a phone-only parent heard nothing of their booking.
		const texts = async (bookingToken: string) =>
			(
				await env.DB.prepare(
					`SELECT m.channel, m.event, m.language, m.to_address, m.text FROM local_messages m
					 JOIN bookings b ON b.id = m.booking_id WHERE b.manage_token_hash = ?`
				)
					.bind(await sha256Hex(bookingToken))
					.all<{ channel: string; event: string; text: string }>()
			).results;
		const number = '+31 6 5555 0202';
		const viaApi = await fullSlotWithWaiter(0, { phone: number, language: 'uk' });
		await cancel(viaApi.booking);
		const res = await post(`/api/v1/waitlist/${viaApi.waiter.manageToken}/claim`);
		expect(res.status).toBe(201);
		const claimed = (await res.json()) as Booked;
		const [text] = await texts(claimed.manageToken);
		expect(text).toMatchObject({
			channel: 'sms',
			event: 'confirmed',
			language: 'uk',
			to_address: number
		});
		expect(text.text).toContain(`/uk/booking/${claimed.manageToken}`);
		expect(text.text).not.toMatch(/Hawa|Samira|Noor/);

		const viaPage = await fullSlotWithWaiter(1, { phone: number, language: 'ar' });
		await cancel(viaPage.booking);
		const page = await postForm(
			`/ar/waitlist/${viaPage.waiter.manageToken}?/claim`,
			new URLSearchParams()
		);
		expect(page.status).toBe(303);
		const bookingToken = /\/ar\/booking\/([^?]+)/.exec(page.headers.get('location') ?? '')![1];
		expect(await texts(bookingToken)).toEqual([
			expect.objectContaining({ channel: 'sms', event: 'confirmed', language: 'ar' })
		]);
	});

	it('goes to the next parent when the first does not claim it in time (the cron, at the test clock)', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		const next = await join(slot, { email: 'next@example.org', phone: undefined });
		await cancel(booking);
		const first = await entry(waiter.manageToken);
		expect(first.status).toBe('offered');

		// The cron a minute after the hold ends.
		const later = Date.parse(first.offer!.holdUntil) + 60_000;
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		await worker.scheduled(
			createScheduledController({ scheduledTime: runtimeTimeOf(later), cron: '*/15 * * * *' }),
			env
		);
		const lines = log.mock.calls.map((args) => args.join(' '));
		log.mockRestore();
		expect(JSON.parse(lines.find((l) => l.includes('"waitlist"'))!)).toMatchObject({
			offersMade: 1
		});

		expect((await entry(waiter.manageToken)).status).toBe('expired');
		const second = await entry(next.manageToken);
		expect(second.status).toBe('offered');
		expect(second.offer).toMatchObject({ start: slot.start, staffId: slot.staffId });
		expect(Date.parse(second.offer!.holdUntil)).toBe(later + HOLD_MS);
		const refused = await post(`/api/v1/waitlist/${waiter.manageToken}/claim`);
		expect(((await refused.json()) as ApiError).error.code).toBe('offer_expired');
		expect(
			await env.DB.prepare(
				"SELECT count(*) AS n FROM outbox WHERE kind = 'waitlist_offer' AND to_address = 'next@example.org'"
			).first('n')
		).toBe(1);
	});

	it('is claimed by exactly one of 50 requests at once: 25 claims of the holder and 25 other parents booking it', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		await cancel(booking);
		expect((await entry(waiter.manageToken)).status).toBe('offered');

		const responses = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				i % 2 === 0
					? post(`/api/v1/waitlist/${waiter.manageToken}/claim`)
					: post('/api/v1/schools/de-zuidwester/bookings', {
							staffId: slot.staffId,
							start: slot.start,
							firstName: `Ouder ${i}`,
							phone: phone(),
							language: 'nl',
							consent: true
						})
			)
		);
		const claims = responses.filter((_, i) => i % 2 === 0).map((r) => r.status);
		const bookings = responses.filter((_, i) => i % 2 === 1).map((r) => r.status);
		expect(claims.filter((s) => s === 201)).toHaveLength(1);
		expect(claims.filter((s) => s === 409)).toHaveLength(24);
		expect(bookings.every((s) => s === 409)).toBe(true);
		const held = await env.DB.prepare(
			"SELECT count(*) AS n FROM bookings WHERE staff_id = ? AND starts_at = ? AND status <> 'cancelled'"
		)
			.bind(slot.staffId, Date.parse(slot.start))
			.first('n');
		expect(held).toBe(1);
	});

	it('is offered again when the parent leaves the list while it is held', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		const next = await join(slot);
		await cancel(booking);
		expect((await entry(waiter.manageToken)).status).toBe('offered');

		const left = await call(`/api/v1/waitlist/${waiter.manageToken}`, { method: 'DELETE' });
		expect(left.status).toBe(204);
		expect((await entry(waiter.manageToken)).status).toBe('left');
		expect((await entry(next.manageToken)).status).toBe('offered');
		// Leaving twice changes nothing; an unknown link is not found.
		expect(
			(await call(`/api/v1/waitlist/${waiter.manageToken}`, { method: 'DELETE' })).status
		).toBe(204);
		expect((await call('/api/v1/waitlist/unknown', { method: 'DELETE' })).status).toBe(404);
		expect((await post(`/api/v1/waitlist/${waiter.manageToken}/claim`)).status).toBe(409);
	});

	it('is not offered to a parent waiting for another professional or other dates', async () => {
		const slot = await farSlot();
		const booking = await book(slot);
		// Two other days inside the booking horizon: the two before the place's day, or (when the
		// place is at most two days out) the two after it. The last free place can lie at the end
		// of the horizon (on a holiday Monday and on a leap day the two after were past it).
		const day = slot.start.slice(0, 10);
		const before = addDays(day, -2) >= today;
		const otherDay = await join(slot, {
			from: before ? addDays(day, -2) : addDays(day, 1),
			to: before ? addDays(day, -1) : addDays(day, 2)
		});
		const otherPerson = await join(slot, { staffId: slot.staffId === 1 ? 2 : 1 });
		await cancel(booking);
		expect((await entry(otherDay.manageToken)).status).toBe('waiting');
		expect((await entry(otherPerson.manageToken)).status).toBe('waiting');
		expect(await listed(slot)).toBe(true);
	});

	it('is offered when the parent moves their booking away from it on their page', async () => {
		const slots = (await freeSlots()).filter((s) => s.remaining === 1 && s.staffId === 1);
		const [from, to] = [slots.at(-1)!, slots.at(-2)!];
		const booking = await book(from);
		const waiter = await join(from);
		const moved = await postForm(
			`/nl/booking/${booking.manageToken}?/move`,
			new URLSearchParams({ start: to.start })
		);
		expect(moved.status).toBe(303);
		const offered = await entry(waiter.manageToken);
		expect(offered.status).toBe('offered');
		expect(offered.offer).toMatchObject({ start: from.start, staffId: from.staffId });
	});
});

describe('push for a place on the waiting list', () => {
	const devices = async (waiter: Joined) =>
		(
			await env.DB.prepare(
				`SELECT p.endpoint FROM push_subscriptions p
				 JOIN waitlist_entries w ON w.id = p.waitlist_entry_id WHERE w.manage_token_hash = ?`
			)
				.bind(await sha256Hex(waiter.manageToken))
				.all<{ endpoint: string }>()
		).results.map((r) => r.endpoint);
	const subscribe = (waiter: Joined, subscription: unknown) =>
		post(`/api/v1/waitlist/${waiter.manageToken}/push`, subscription);

	it('is turned on for the entry, brings the offer to the device without anything personal, and goes when the place is claimed', async () => {
		const { booking, waiter } = await fullSlotWithWaiter(0, { language: 'ti' });
		const device = await newDevice();
		const refused = await subscribe(waiter, {
			...device.subscription,
			endpoint: 'http://169.254.169.254/latest/meta-data'
		});
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as ApiError).error.fields).toEqual({ endpoint: 'invalid' });
		expect((await post('/api/v1/waitlist/unknown-token/push', device.subscription)).status).toBe(
			404
		);
		expect((await subscribe(waiter, device.subscription)).status).toBe(201);
		expect(await devices(waiter)).toEqual([device.subscription.endpoint]);

		await cancel(booking);
		const [delivery] = await device.deliveries();
		expect(delivery.status).toBe(201);
		expect(delivery.ttl).toBe(String(2 * 3600));
		expect(delivery.vapid?.valid).toBe(true);
		expect(delivery.payload).toEqual({
			title: 'Inloop – De Zuidwester',
			body: 'ኣብ De Zuidwester ባዶ ቦታ ተረኺቡ ኣሎ። ንሓጺር ግዜ ንዓኹም ሒዝናዮ ኣለና።',
			url: `http://localhost/ti/waitlist/${waiter.manageToken}`
		});

		// Booked: the booking's own page has its own notifications; the entry keeps no device.
		expect((await post(`/api/v1/waitlist/${waiter.manageToken}/claim`)).status).toBe(201);
		expect(await devices(waiter)).toEqual([]);
		// A done entry takes no new device.
		expect((await subscribe(waiter, device.subscription)).status).toBe(404);
	});

	it('is turned off by the device, and goes when the parent leaves, when the offer runs out and with the entry', async () => {
		const { slot, booking, waiter } = await fullSlotWithWaiter();
		const leaving = await join(slot);
		const kept = await join(slot);
		const [a, b, c] = [await newDevice(), await newDevice(), await newDevice()];
		for (const [who, device] of [
			[waiter, a],
			[leaving, b],
			[kept, c]
		] as const) {
			expect((await subscribe(who, device.subscription)).status).toBe(201);
		}
		const off = await call(`/api/v1/waitlist/${kept.manageToken}/push`, {
			method: 'DELETE',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ endpoint: c.subscription.endpoint })
		});
		expect(off.status).toBe(204);
		expect(await devices(kept)).toEqual([]);

		expect(
			(await call(`/api/v1/waitlist/${leaving.manageToken}`, { method: 'DELETE' })).status
		).toBe(204);
		expect(await devices(leaving)).toEqual([]);

		// The offer runs out (the cron after the hold): the entry is expired and keeps no device.
		await cancel(booking);
		const offered = await entry(waiter.manageToken);
		expect(offered.status).toBe('offered');
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		await worker.scheduled(
			createScheduledController({
				scheduledTime: runtimeTimeOf(Date.parse(offered.offer!.holdUntil) + 60_000),
				cron: '*/15 * * * *'
			}),
			env
		);
		log.mockRestore();
		expect((await entry(waiter.manageToken)).status).toBe('expired');
		expect(await devices(waiter)).toEqual([]);

		// Retention (or an erasure) deletes the entry: its devices go with it.
		expect((await subscribe(kept, c.subscription)).status).toBe(201);
		await env.DB.prepare('DELETE FROM waitlist_entries WHERE manage_token_hash = ?')
			.bind(await sha256Hex(kept.manageToken))
			.run();
		expect(
			await env.DB.prepare('SELECT count(*) AS n FROM push_subscriptions WHERE endpoint = ?')
				.bind(c.subscription.endpoint)
				.first('n')
		).toBe(0);
	});
});
