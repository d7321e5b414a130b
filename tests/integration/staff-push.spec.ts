/**
 * The workspace on a professional's phone (#21): notifications without any content, for a new
 * question at their schools and a parent who checks in for their own walk-in hour. Through the
 * whole worker and the push service stand-in that decrypts (./push-service.ts): the right people
 * get one each, everyone else none; the device goes with the session (sign-out, ending it
 * elsewhere, a disabled account) and a session no longer live gets nothing.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readSession } from '$lib/server/auth';
import { setDisabled } from '$lib/server/accounts';
import { endOwnSessions } from '$lib/server/auth';
import { notifierFor } from '$lib/server/notify';
import { notifyStaff } from '$lib/server/notify/staff';
import { takeNumber } from '$lib/server/walkin/commands';
import { schoolToday } from '$lib/server/walkin';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import { sha256Hex } from '$lib/server/crypto';
import {
	cookie,
	db,
	JEROEN,
	newClient,
	postForm,
	SAMIRA,
	signIn,
	TILBURG_ADMIN,
	YUSUF
} from './helpers';
import { testNow } from './clock';
import { newDevice } from './push-client';

type Device = Awaited<ReturnType<typeof newDevice>>;

type Subscription = Device['subscription'];

/** The account page's form actions, as /push.js posts them (the browser's subscription as fields). */
const pushOn = (token: string | undefined, subscription: Subscription, headers = {}) =>
	postForm(
		'/staff/account?/pushOn',
		new URLSearchParams({
			endpoint: subscription.endpoint,
			p256dh: subscription.keys.p256dh,
			auth: subscription.keys.auth
		}),
		token,
		headers
	);
const pushOff = (token: string) =>
	postForm('/staff/account?/pushOff', new URLSearchParams(), token);

/** A person signed in on a phone of their own that has the workspace's notifications on. */
async function onPhone(a: typeof SAMIRA) {
	const { token, now } = await signIn(a);
	const device = await newDevice();
	expect((await pushOn(token, device.subscription)).status).toBe(200);
	return { token, device, user: (await readSession(db(), token, now))! };
}

const devicesOf = async (token: string) =>
	(
		await env.DB.prepare('SELECT endpoint FROM staff_push_subscriptions WHERE session_id_hash = ?')
			.bind(await sha256Hex(token))
			.all<{ endpoint: string }>()
	).results.map((r) => r.endpoint);

const payloads = async (device: Device) => (await device.deliveries()).map((d) => d.payload);

describe('notifications on a professional’s phone', () => {
	it('are turned on only by a signed-in person, from our own pages, on an allowed push service', async () => {
		const { token } = await signIn(SAMIRA);
		const device = await newDevice();
		const signedOut = await pushOn(undefined, device.subscription);
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toBe('/staff/login');
		expect(
			(await pushOn(token, device.subscription, { origin: 'https://evil.example' })).status
		).toBe(403);
		const json = await exports.default.fetch(
			new Request('http://localhost/staff/account?/pushOn', {
				method: 'POST',
				headers: {
					origin: 'http://localhost',
					'content-type': 'application/json',
					...cookie(token)
				},
				body: JSON.stringify(device.subscription)
			})
		);
		expect(json.status).toBe(415);
		for (const endpoint of ['http://169.254.169.254/latest/meta-data', 'file:///etc/passwd']) {
			const refused = await pushOn(token, { ...device.subscription, endpoint });
			expect(refused.status, endpoint).toBe(400);
		}
		expect(await devicesOf(token)).toEqual([]);
		expect((await pushOn(token, device.subscription)).status).toBe(200);
		// Again from the same session: renewed, not doubled; a session is one device.
		expect((await pushOn(token, device.subscription)).status).toBe(200);
		expect(await devicesOf(token)).toEqual([device.subscription.endpoint]);
		// "My account" shows it on, for this device.
		const page = await (
			await exports.default.fetch(
				new Request('http://localhost/staff/account', { headers: cookie(token) })
			)
		).text();
		expect(page).toContain('data-on="1"');
		expect((await pushOff(token)).status).toBe(200);
		expect(await devicesOf(token)).toEqual([]);
	});

	it('tell the professionals of the school that there is a new question, once each, and nobody else, without the question', async () => {
		const [samira, jeroen, yusuf, coordinator] = [
			await onPhone(SAMIRA),
			await onPhone(JEROEN),
			await onPhone(YUSUF),
			await onPhone(TILBURG_ADMIN)
		];
		const asked = await exports.default.fetch(
			new Request('http://localhost/api/v1/schools/de-zuidwester/questions', {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'cf-connecting-ip': newClient() },
				body: JSON.stringify({
					category: 'sleep_eating',
					text: 'Mijn zoon slaapt slecht sinds de verhuizing',
					firstName: 'Fatma',
					answerBy: 'page',
					language: 'tr',
					consent: true
				})
			})
		);
		expect(asked.status).toBe(201);
		const [delivery] = await samira.device.deliveries();
		expect(await samira.device.deliveries()).toHaveLength(1);
		expect(delivery.status).toBe(201);
		expect(delivery.vapid?.valid).toBe(true);
		expect(delivery.ttl).toBe('86400');
		expect(delivery.payload).toEqual({
			title: 'Inloop – werkruimte',
			body: 'Er is een nieuwe vraag bij De Zuidwester.',
			url: 'http://localhost/staff/questions'
		});
		expect(await payloads(jeroen.device)).toHaveLength(1);
		expect(JSON.stringify(await payloads(jeroen.device))).not.toMatch(/slaapt|Fatma|sleep/);
		// Den Haag's professional and the coordinator without hours at the school: nothing.
		expect(await yusuf.device.deliveries()).toEqual([]);
		expect(await coordinator.device.deliveries()).toEqual([]);
	});

	it('tell the professional whose walk-in hour it is that a parent checked in, and nobody else', async () => {
		// A Thursday with Samira's walk-in hour that no other test of this file uses.
		let date = addDays(amsterdamDate(testNow()), 12 * 7);
		while (isoWeekday(date) !== 4) date = addDays(date, 1);
		let at = 0;
		for (let i = 0; i < 20 && !at; i++, date = addDays(date, 7)) {
			const moment = wallClockToInstant(date, '14:40')!;
			if ((await schoolToday(db(), 'de-zuidwester', moment))?.open) at = moment;
		}
		expect(at).toBeGreaterThan(0);
		const [samira, jeroen] = [await onPhone(SAMIRA), await onPhone(JEROEN)];
		const ctx = { db: db(), now: at, notifier: notifierFor(env, db()) };
		const ticket = await takeNumber(ctx, 'de-zuidwester', { language: 'ar' }, 'kiosk');
		expect(ticket.ok).toBe(true);
		expect(await payloads(samira.device)).toEqual([
			{
				title: 'Inloop – werkruimte',
				body: 'Er is een ouder ingecheckt voor het inloopspreekuur bij De Zuidwester.',
				url: `${env.PUBLIC_ORIGIN}/staff/queue`
			}
		]);
		expect((await samira.device.deliveries())[0].urgency).toBe('high');
		expect(await jeroen.device.deliveries()).toEqual([]);
	});

	it('go with the session: signing out, ending it from another device, a disabled account, and a session no longer live gets nothing', async () => {
		const signedOut = await onPhone(SAMIRA);
		const out = await postForm('/staff/logout', new URLSearchParams(), signedOut.token);
		expect(out.status).toBe(303);
		expect(await devicesOf(signedOut.token)).toEqual([]);

		const ended = await onPhone(SAMIRA);
		const other = await signIn(SAMIRA);
		expect(await endOwnSessions(db(), SAMIRA.id, other.token, 'others')).toBeGreaterThan(0);
		expect(await devicesOf(ended.token)).toEqual([]);

		const disabled = await onPhone(JEROEN);
		const admin = await signIn(TILBURG_ADMIN);
		const coordinator = (await readSession(db(), admin.token, admin.now))!;
		expect(await setDisabled(db(), coordinator, JEROEN.id, true, testNow())).toBe(true);
		expect(await setDisabled(db(), coordinator, JEROEN.id, false, testNow())).toBe(true);
		expect(await devicesOf(disabled.token)).toEqual([]);

		// Idle for longer than the session allows: the nightly purge has not come yet, no push.
		const idle = await onPhone(SAMIRA);
		const notifier = notifierFor(env, db());
		const later = { ...notifier, clock: () => testNow() + 24 * 3_600_000 };
		expect(await notifyStaff(later, { event: 'new_question', schoolId: 1 })).toBe(0);
		expect(await idle.device.deliveries()).toEqual([]);
		expect(await notifyStaff(notifier, { event: 'new_question', schoolId: 1 })).toBe(1);
	});
});
