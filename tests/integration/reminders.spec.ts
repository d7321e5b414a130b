/**
 * Reminders (DESIGN.md, "Reaching parents"): the cron run at or after the reminder moment sends
 * one reminder by every channel the parent has, a second run sends nothing, a cancelled booking
 * gets none, and a moment at night waits until 08:00. Every booking here is the test's own, placed
 * days ahead of the test clock, so the tests hold at any instant of the year.
 */
import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingToken } from '$lib/server/bookings';
import { sha256Hex } from '$lib/server/crypto';
import { getDb } from '$lib/server/db';
import { notifierFor } from '$lib/server/notify';
import { reminderDue, reminderMoment, sendReminders } from '$lib/server/bookings/reminders';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import { runtimeTimeOf, testNow } from './clock';
import { newDevice } from './push-client';
import { TILBURG_ADMIN, postForm, signIn } from './helpers';

const db = () => getDb(env.DB);
const notifier = () => notifierFor(env, db());
const MINUTE = 60_000;
const at = (date: string, time: string) => wallClockToInstant(date, time)!;
/** A day of its own for each test, far enough ahead for a two-day reminder. */
let dayOffset = 9;
const nextDay = () => addDays(amsterdamDate(testNow()), (dayOffset += 1));

type Made = { id: number; token: string; reference: string };

/** A booking of Samira at De Zuidwester, straight in D1, with the parent's contact details. */
async function book(
	startsAt: number,
	options: {
		createdAt?: number;
		phone?: string | null;
		email?: string | null;
		language?: string;
		status?: string;
	} = {}
): Promise<Made> {
	const reference = `R${crypto.randomUUID().slice(0, 7).toUpperCase()}`;
	const linkKey = `reminder-${reference}`;
	const token = await bookingToken(env.LINK_SECRET, linkKey);
	const row = await env.DB.prepare(
		`INSERT INTO bookings (reference, manage_token_hash, link_key, school_id, staff_id, location_id,
			starts_at, ends_at, first_name, phone, email, topic, remark, language, status, made_by, created_at)
		 VALUES (?, ?, ?, 1, 1, 1, ?, ?, 'Amal', ?, ?, 'school', 'Mijn zoon wordt gepest', ?, ?, 'parent', ?)
		 RETURNING id`
	)
		.bind(
			reference,
			await sha256Hex(token),
			linkKey,
			startsAt,
			startsAt + 20 * MINUTE,
			options.phone === undefined ? '0612345678' : options.phone,
			options.email === undefined ? `${reference.toLowerCase()}@example.nl` : options.email,
			options.language ?? 'nl',
			options.status ?? 'booked',
			options.createdAt ?? testNow()
		)
		.first<{ id: number }>();
	return { id: row!.id, token, reference };
}

const sent = async (bookingId: number) => ({
	mail: (
		await env.DB.prepare(
			`SELECT to_address, subject, text, language FROM outbox WHERE booking_id = ? AND kind = 'notice_reminder'`
		)
			.bind(bookingId)
			.all<{ to_address: string; subject: string; text: string; language: string }>()
	).results,
	sms: (
		await env.DB.prepare(
			`SELECT to_address, text, language FROM local_messages
			 WHERE booking_id = ? AND channel = 'sms' AND event = 'reminder'`
		)
			.bind(bookingId)
			.all<{ to_address: string; text: string; language: string }>()
	).results
});

const remindedAt = async (id: number) =>
	(await env.DB.prepare('SELECT reminded_at FROM bookings WHERE id = ?')
		.bind(id)
		.first<{ reminded_at: number | null }>())!.reminded_at;

// Another suite may have changed Wijkteam Tilburg's setting (the fuzz tests post its form).
beforeAll(async () => {
	await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
});

afterAll(async () => {
	await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
});

describe('the reminder moment', () => {
	it('is the same wall-clock time days before, over a DST night too', () => {
		// Summer time starts on Sunday 28 March 2027: the appointment on Tuesday 30th at 08:30 is
		// reminded on Sunday 28th at 08:30, summer time, not an hour off.
		expect(reminderMoment(at('2027-03-30', '08:30'), 2)).toBe(at('2027-03-28', '08:30'));
		expect(reminderMoment(at('2026-10-26', '09:00'), 1)).toBe(at('2026-10-25', '09:00'));
	});

	it('moves a moment at night to 08:00 (after 20:00 to the next morning)', () => {
		expect(reminderMoment(at('2027-04-08', '07:15'), 2)).toBe(at('2027-04-06', '08:00'));
		expect(reminderMoment(at('2027-04-08', '21:30'), 1)).toBe(at('2027-04-08', '08:00'));
		expect(reminderMoment(at('2027-04-08', '19:59'), 1)).toBe(at('2027-04-07', '19:59'));
		expect(reminderMoment(at('2027-04-08', '20:00'), 2)).toBe(at('2027-04-07', '08:00'));
	});

	it('is not due for a booking made after it, one starting within 3 hours, at night, or when off', () => {
		const start = at('2027-04-08', '10:00');
		const moment = at('2027-04-06', '10:00');
		const made = moment - 86_400_000;
		expect(reminderDue({ startsAt: start, createdAt: made }, 2, moment - MINUTE)).toBe(false);
		expect(reminderDue({ startsAt: start, createdAt: made }, 2, moment)).toBe(true);
		expect(
			reminderDue({ startsAt: start, createdAt: moment + MINUTE }, 2, moment + 2 * MINUTE)
		).toBe(false);
		expect(reminderDue({ startsAt: start, createdAt: made }, 0, moment)).toBe(false);
		// Made the evening before a 10:00 appointment with a one-day reminder: the moment has
		// passed, and at 08:00 the next day the appointment is still more than 3 hours off — but
		// the booking came after its moment, so it gets none.
		expect(
			reminderDue(
				{ startsAt: start, createdAt: at('2027-04-07', '21:00') },
				1,
				at('2027-04-08', '08:00')
			)
		).toBe(false);
		const soon = at('2027-04-08', '12:00');
		expect(reminderDue({ startsAt: soon, createdAt: made }, 2, soon - 3 * 3600_000)).toBe(false);
		expect(reminderDue({ startsAt: soon, createdAt: made }, 2, at('2027-04-07', '21:00'))).toBe(
			false
		);
	});
});

describe('the reminder cron', () => {
	it('sends one reminder by every channel at the first run at or after the moment, and never again', async () => {
		const day = nextDay();
		const booking = await book(at(day, '10:00'), { language: 'ar' });
		const device = await newDevice();
		const subscribed = await exports.default.fetch(
			new Request(`http://localhost/api/v1/bookings/${booking.token}/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(device.subscription)
			})
		);
		expect(subscribed.status).toBe(201);
		const moment = at(addDays(day, -2), '10:00');

		await sendReminders(notifier(), moment - 15 * MINUTE);
		expect(await remindedAt(booking.id)).toBeNull();
		expect((await sent(booking.id)).sms).toEqual([]);

		await sendReminders(notifier(), moment + 2 * MINUTE);
		expect(await remindedAt(booking.id)).toBe(moment + 2 * MINUTE);
		const first = await sent(booking.id);
		const link = `${env.PUBLIC_ORIGIN}/ar/booking/${booking.token}`;
		expect(first.mail).toHaveLength(1);
		expect(first.mail[0]).toMatchObject({
			to_address: `${booking.reference.toLowerCase()}@example.nl`,
			language: 'ar'
		});
		expect(first.mail[0].text).toContain(link);
		expect(first.sms).toEqual([
			{ to_address: '0612345678', language: 'ar', text: expect.stringContaining(link) }
		]);
		expect(first.sms[0].text).toContain('تذكير');
		const pushed = await device.deliveries();
		expect(pushed).toHaveLength(1);
		expect(pushed[0].payload).toEqual({
			title: 'Inloop – De Zuidwester',
			body: 'تذكير: لديكم موعد قريب في De Zuidwester.',
			url: link
		});
		// Nothing a lock screen should not show: no topic, no remark, no name, no time.
		for (const text of [first.mail[0].text, first.sms[0].text, JSON.stringify(pushed[0].payload)]) {
			expect(text).not.toMatch(/gepest|school\b|10:00|Samira/);
		}

		await sendReminders(notifier(), moment + 17 * MINUTE);
		await sendReminders(notifier(), moment + 6 * 3600_000);
		const after = await sent(booking.id);
		expect(after.mail).toHaveLength(1);
		expect(after.sms).toHaveLength(1);
		expect(await device.deliveries()).toHaveLength(1);
	});

	it('runs from the worker entry on the 15-minute schedule; the nightly schedule sends none', async () => {
		const day = nextDay();
		const booking = await book(at(day, '09:15'));
		const moment = at(addDays(day, -2), '09:15');
		const entry = exports.default as unknown as {
			scheduled(options: { scheduledTime: number; cron: string }): Promise<unknown>;
		};
		await entry.scheduled({ scheduledTime: runtimeTimeOf(moment + MINUTE), cron: '30 2 * * *' });
		expect(await remindedAt(booking.id)).toBeNull();
		await entry.scheduled({ scheduledTime: runtimeTimeOf(moment + MINUTE), cron: '*/15 * * * *' });
		expect(await remindedAt(booking.id)).toBe(moment + MINUTE);
		expect((await sent(booking.id)).sms).toHaveLength(1);
	});

	it('sends nothing for a cancelled booking, one made after its moment, or one without channels beyond the page', async () => {
		const day = nextDay();
		const cancelled = await book(at(day, '10:00'), { status: 'cancelled' });
		const moment = at(addDays(day, -2), '10:00');
		const late = await book(at(day, '10:20'), { createdAt: moment + 25 * MINUTE });
		await sendReminders(notifier(), moment + 30 * MINUTE);
		expect(await remindedAt(cancelled.id)).toBeNull();
		expect(await sent(cancelled.id)).toEqual({ mail: [], sms: [] });
		expect(await remindedAt(late.id)).toBeNull();
		expect(await sent(late.id)).toEqual({ mail: [], sms: [] });
	});

	it('waits until 08:00 for a moment at night', async () => {
		const day = nextDay();
		const early = await book(at(day, '07:00'));
		const nightMoment = at(addDays(day, -2), '07:00');
		await sendReminders(notifier(), nightMoment + 5 * MINUTE);
		await sendReminders(notifier(), at(addDays(day, -2), '07:45'));
		expect(await remindedAt(early.id)).toBeNull();
		await sendReminders(notifier(), at(addDays(day, -2), '08:00'));
		expect(await remindedAt(early.id)).toBe(at(addDays(day, -2), '08:00'));
		expect((await sent(early.id)).sms).toHaveLength(1);
	});

	it('follows the organisation: one day before, or none at all', async () => {
		const day = nextDay();
		await env.DB.prepare('UPDATE organisations SET reminder_days = 1 WHERE id = 1').run();
		const oneDay = await book(at(day, '11:00'), { phone: null });
		await sendReminders(notifier(), at(addDays(day, -2), '11:05'));
		expect(await remindedAt(oneDay.id)).toBeNull();
		await sendReminders(notifier(), at(addDays(day, -1), '11:05'));
		expect(await remindedAt(oneDay.id)).toBe(at(addDays(day, -1), '11:05'));
		expect((await sent(oneDay.id)).mail).toHaveLength(1);
		expect((await sent(oneDay.id)).sms).toEqual([]);

		await env.DB.prepare('UPDATE organisations SET reminder_days = 0 WHERE id = 1').run();
		const off = await book(at(day, '11:40'));
		await sendReminders(notifier(), at(addDays(day, -1), '11:45'));
		await sendReminders(notifier(), at(addDays(day, -1), '19:45'));
		expect(await remindedAt(off.id)).toBeNull();
		await env.DB.prepare('UPDATE organisations SET reminder_days = 2 WHERE id = 1').run();
	});
});

describe('the organisation setting', () => {
	it('is chosen by a coordinator: off, 1 or 2 days; anything else is refused and changes nothing', async () => {
		const { token } = await signIn(TILBURG_ADMIN);
		const form = (reminderDays: string) =>
			postForm(
				'/staff/admin/organisation?/organisation',
				new URLSearchParams({
					name: 'Wijkteam Tilburg',
					phone: '013 000 0000',
					bookingRetentionDays: '90',
					questionRetentionDays: '180',
					reminderDays
				}),
				token
			);
		const setting = async () =>
			(await env.DB.prepare('SELECT reminder_days AS d FROM organisations WHERE id = 1').first<{
				d: number;
			}>())!.d;
		expect((await form('1')).status).toBe(200);
		expect(await setting()).toBe(1);
		expect((await form('0')).status).toBe(200);
		expect(await setting()).toBe(0);
		const refused = await form('3');
		expect(refused.status).toBe(400);
		expect(await setting()).toBe(0);
		expect((await form('2')).status).toBe(200);
		expect(await setting()).toBe(2);
		const page = await (
			await exports.default.fetch(
				new Request('http://localhost/staff/admin/organisation', {
					headers: { cookie: `__Host-inloop_session=${token}` }
				})
			)
		).text();
		expect(page).toContain('2 dagen voor de afspraak');
	});
});
