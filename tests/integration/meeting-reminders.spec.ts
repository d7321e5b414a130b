/**
 * A meeting sign-up reaches the parent like a booking does (DESIGN.md, "Reaching parents"): the
 * reminder by every channel at the cron's first run at or after its moment (never twice, none for
 * a cancelled sign-up or meeting, at night it waits until 08:00), push turned on by the sign-up's
 * own link, and the confirmation and the parent's own cancellation by text message for a parent
 * who gave only a phone number. Every meeting here is the test's own, days ahead of the test
 * clock, so the tests hold at any instant of the year.
 */
import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/server/crypto';
import { getDb } from '$lib/server/db';
import { notifierFor } from '$lib/server/notify';
import { signupToken } from '$lib/server/meetings';
import { sendMeetingReminders } from '$lib/server/meetings/reminders';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import { runtimeTimeOf, testNow } from './clock';
import { newDevice } from './push-client';
import { newClient } from './helpers';

const db = () => getDb(env.DB);
const notifier = () => notifierFor(env, db());
const MINUTE = 60_000;
const at = (date: string, time: string) => wallClockToInstant(date, time)!;
/** A day of its own for each test, far enough ahead for a two-day reminder. */
let dayOffset = 11;
const nextDay = () => addDays(amsterdamDate(testNow()), (dayOffset += 1));

/** A meeting at De Zuidwester (Wijkteam Tilburg), straight in D1. */
async function meeting(startsAt: number, status = 'planned') {
	const row = await env.DB.prepare(
		`INSERT INTO meetings (organisation_id, school_id, title, text, starts_at, ends_at, place,
			capacity, languages, status, created_at)
		 VALUES (1, 1, '{"nl":"Koffieochtend"}', '{}', ?, ?, 'Ouderkamer', 10, '["nl","ar"]', ?, ?)
		 RETURNING id`
	)
		.bind(startsAt, startsAt + 75 * MINUTE, status, testNow())
		.first<{ id: number }>();
	return row!.id;
}

type Made = { id: number; token: string; reference: string };

/** A sign-up with the parent's contact details, its token made from its link key. */
async function signUp(
	meetingId: number,
	options: { createdAt?: number; phone?: string | null; language?: string; status?: string } = {}
): Promise<Made> {
	const reference = `M${crypto.randomUUID().slice(0, 7).toUpperCase()}`;
	const linkKey = `reminder-${reference}`;
	const token = await signupToken(env.LINK_SECRET, linkKey);
	const row = await env.DB.prepare(
		`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, link_key, first_name,
			people, phone, email, language, status, made_by, created_at)
		 VALUES (?, ?, ?, ?, 'Amal', 2, ?, ?, ?, ?, 'parent', ?) RETURNING id`
	)
		.bind(
			meetingId,
			reference,
			await sha256Hex(token),
			linkKey,
			options.phone === undefined ? '0612345678' : options.phone,
			`${reference.toLowerCase()}@example.nl`,
			options.language ?? 'nl',
			options.status ?? 'signed_up',
			options.createdAt ?? testNow()
		)
		.first<{ id: number }>();
	return { id: row!.id, token, reference };
}

const sent = async (signupId: number, event = 'meeting_reminder') => ({
	mail: (
		await env.DB.prepare(
			`SELECT to_address, text, language FROM outbox WHERE signup_id = ? AND kind = ?`
		)
			.bind(signupId, `notice_${event}`)
			.all<{ to_address: string; text: string; language: string }>()
	).results,
	sms: (
		await env.DB.prepare(
			`SELECT to_address, text, language FROM local_messages
			 WHERE signup_id = ? AND channel = 'sms' AND event = ?`
		)
			.bind(signupId, event)
			.all<{ to_address: string; text: string; language: string }>()
	).results
});

const remindedAt = async (id: number) =>
	(await env.DB.prepare('SELECT reminded_at FROM meeting_signups WHERE id = ?')
		.bind(id)
		.first<{ reminded_at: number | null }>())!.reminded_at;

const api = (path: string, init: RequestInit = {}) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			...init,
			headers: { 'cf-connecting-ip': newClient(), 'content-type': 'application/json' }
		})
	);

beforeAll(async () => {
	await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
});

afterAll(async () => {
	await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
});

describe('the reminder of a meeting sign-up', () => {
	it('goes by every channel at the first run at or after its moment, and never again', async () => {
		const day = nextDay();
		const signup = await signUp(await meeting(at(day, '08:45')), { language: 'ar' });
		const device = await newDevice();
		const subscribed = await api(`/api/v1/signups/${signup.token}/push`, {
			method: 'POST',
			body: JSON.stringify(device.subscription)
		});
		expect(subscribed.status).toBe(201);
		const moment = at(addDays(day, -2), '08:45');

		await sendMeetingReminders(notifier(), moment - 15 * MINUTE);
		expect(await remindedAt(signup.id)).toBeNull();

		expect(await sendMeetingReminders(notifier(), moment + MINUTE)).toEqual({
			meetingReminders: 1
		});
		expect(await remindedAt(signup.id)).toBe(moment + MINUTE);
		const link = `${env.PUBLIC_ORIGIN}/ar/meeting/${signup.token}`;
		const first = await sent(signup.id);
		expect(first.mail).toHaveLength(1);
		expect(first.mail[0]).toMatchObject({ language: 'ar' });
		expect(first.mail[0].text).toContain(link);
		expect(first.sms).toEqual([
			{ to_address: '0612345678', language: 'ar', text: expect.stringContaining(link) }
		]);
		const pushed = await device.deliveries();
		expect(pushed).toHaveLength(1);
		expect(pushed[0].payload).toEqual({
			title: 'Inloop – De Zuidwester',
			body: 'تذكير: اللقاء الذي سجّلتم فيه في De Zuidwester قريب.',
			url: link
		});

		await sendMeetingReminders(notifier(), moment + 16 * MINUTE);
		await sendMeetingReminders(notifier(), moment + 6 * 3600_000);
		const after = await sent(signup.id);
		expect(after.mail).toHaveLength(1);
		expect(after.sms).toHaveLength(1);
		expect(await device.deliveries()).toHaveLength(1);

		// Off again on this device: the subscription is gone.
		const off = await api(`/api/v1/signups/${signup.token}/push`, {
			method: 'DELETE',
			body: JSON.stringify({ endpoint: device.subscription.endpoint })
		});
		expect(off.status).toBe(204);
		const left = await env.DB.prepare(
			'SELECT count(*) AS n FROM push_subscriptions WHERE signup_id = ?'
		)
			.bind(signup.id)
			.first<{ n: number }>();
		expect(left!.n).toBe(0);
	});

	it('runs from the worker entry on the 15-minute schedule', async () => {
		const day = nextDay();
		const signup = await signUp(await meeting(at(day, '10:30')));
		const moment = at(addDays(day, -2), '10:30');
		const entry = exports.default as unknown as {
			scheduled(options: { scheduledTime: number; cron: string }): Promise<unknown>;
		};
		await entry.scheduled({ scheduledTime: runtimeTimeOf(moment + MINUTE), cron: '30 2 * * *' });
		expect(await remindedAt(signup.id)).toBeNull();
		await entry.scheduled({ scheduledTime: runtimeTimeOf(moment + MINUTE), cron: '*/15 * * * *' });
		expect(await remindedAt(signup.id)).toBe(moment + MINUTE);
		expect((await sent(signup.id)).sms).toHaveLength(1);
	});

	it('is not sent for a cancelled sign-up, a cancelled meeting, or a sign-up made after its moment', async () => {
		const day = nextDay();
		const planned = await meeting(at(day, '09:00'));
		const moment = at(addDays(day, -2), '09:00');
		const cancelled = await signUp(planned, { status: 'cancelled' });
		const late = await signUp(planned, { createdAt: moment + 10 * MINUTE });
		const ofCancelled = await signUp(await meeting(at(day, '09:00'), 'cancelled'));
		await sendMeetingReminders(notifier(), moment + 20 * MINUTE);
		for (const s of [cancelled, late, ofCancelled]) {
			expect(await remindedAt(s.id)).toBeNull();
			expect(await sent(s.id)).toEqual({ mail: [], sms: [] });
		}
	});

	it('waits until 08:00 for a moment at night, and follows the organisation (1 day, or off)', async () => {
		const day = nextDay();
		const early = await signUp(await meeting(at(day, '07:30')));
		await sendMeetingReminders(notifier(), at(addDays(day, -2), '07:35'));
		expect(await remindedAt(early.id)).toBeNull();
		await sendMeetingReminders(notifier(), at(addDays(day, -2), '08:00'));
		expect(await remindedAt(early.id)).toBe(at(addDays(day, -2), '08:00'));

		await env.DB.prepare('UPDATE organisations SET reminder_days = 1 WHERE id = 1').run();
		const oneDay = await signUp(await meeting(at(day, '14:00')), { phone: null });
		await sendMeetingReminders(notifier(), at(addDays(day, -2), '14:05'));
		expect(await remindedAt(oneDay.id)).toBeNull();
		await sendMeetingReminders(notifier(), at(addDays(day, -1), '14:05'));
		expect(await remindedAt(oneDay.id)).toBe(at(addDays(day, -1), '14:05'));
		expect((await sent(oneDay.id)).mail).toHaveLength(1);
		expect((await sent(oneDay.id)).sms).toEqual([]);

		await env.DB.prepare('UPDATE organisations SET reminder_days = 0 WHERE id = 1').run();
		const off = await signUp(await meeting(at(day, '15:00')));
		await sendMeetingReminders(notifier(), at(addDays(day, -1), '15:05'));
		expect(await remindedAt(off.id)).toBeNull();
		await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
	});
});

describe('a run for many parents', () => {
	it("reminds every one of them (the local copies stay under D1's 100 bound parameters)", async () => {
		const day = nextDay();
		const id = await meeting(at(day, '10:00'));
		const made = [];
		for (let i = 0; i < 14; i++) made.push(await signUp(id));
		const moment = at(addDays(day, -2), '10:00');
		// (An earlier test's sign-up may fall due in the same run.)
		const { meetingReminders } = await sendMeetingReminders(notifier(), moment + MINUTE);
		expect(meetingReminders).toBeGreaterThanOrEqual(14);
		for (const s of made) expect((await sent(s.id)).sms).toHaveLength(1);
	});
});

describe('a parent who gave only a phone number', () => {
	it('gets the confirmation and their own cancellation by text message, with the link', async () => {
		const id = await meeting(at(nextDay(), '19:00'));
		const res = await api(`/api/v1/meetings/${id}/signups`, {
			method: 'POST',
			body: JSON.stringify({
				firstName: 'Olena',
				people: 1,
				phone: '0611122233',
				language: 'uk',
				consent: true
			})
		});
		expect(res.status).toBe(201);
		const { manageToken } = (await res.json()) as { manageToken: string };
		const [row] = (
			await env.DB.prepare('SELECT id FROM meeting_signups WHERE meeting_id = ?')
				.bind(id)
				.all<{ id: number }>()
		).results;
		const link = `/uk/meeting/${manageToken}`;
		const confirmed = await sent(row.id, 'meeting_confirmed');
		expect(confirmed.mail).toEqual([]);
		expect(confirmed.sms).toEqual([
			{ to_address: '0611122233', language: 'uk', text: expect.stringContaining(link) }
		]);
		expect(confirmed.sms[0].text).toContain('Ви записалися на зустріч');

		const cancel = await api(`/api/v1/signups/${manageToken}`, { method: 'DELETE' });
		expect(cancel.status).toBe(204);
		const cancelled = await sent(row.id, 'signup_cancelled');
		expect(cancelled.sms).toHaveLength(1);
		expect(cancelled.sms[0].text).toContain('скасовано');
		// A text message only: no e-mail without an address, no push to the device that cancelled.
		expect(cancelled.mail).toEqual([]);
	});
});
