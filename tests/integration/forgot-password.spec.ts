/**
 * "Forgot password" and its reset page are steps someone can guess at (issue 15, point 2): the
 * code check counts failures and locks like sign-in, and asking for links is limited per client
 * and per address, so nobody can flood a professional's mailbox.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LOCK_AFTER, signInWithPassword } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { requestPasswordReset } from '$lib/server/accounts';
import { LIMITS } from '$lib/server/ratelimit';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import { db, HAAG_ADMIN, KROON_ADMIN, newClient, postForm } from './helpers';
import { testNow } from './clock';

const NEW_PASSWORD = 'een heel nieuw wachtwoord';
const SCALE = Number(env.RATE_LIMIT_SCALE);

const resetPage = (token: string, code: string, client: string) =>
	postForm(
		`/staff/reset/${token}`,
		new URLSearchParams({ password: NEW_PASSWORD, repeat: NEW_PASSWORD, code }),
		undefined,
		{ 'cf-connecting-ip': client }
	);

const forgot = (email: string, client: string) =>
	postForm('/staff/login/forgot', new URLSearchParams({ email }), undefined, {
		'cf-connecting-ip': client
	});

const mailsTo = async (email: string) =>
	(await env.DB.prepare(
		"SELECT count(*) AS n FROM outbox WHERE to_address = ? AND kind = 'staff_password_reset'"
	)
		.bind(email)
		.first<{ n: number }>())!.n;

describe('the reset page', () => {
	it('locks the account after repeated wrong codes, like sign-in; then even the right code does nothing', async () => {
		const reset = (await requestPasswordReset(db(), KROON_ADMIN.email, testNow()))!;
		const right = await totpCode(KROON_ADMIN.totp, stepAt(testNow()));
		const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
		for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
			const res = await resetPage(reset.token, wrong, newClient());
			expect(res.status).toBe(400);
		}
		const locked = await resetPage(reset.token, right, newClient());
		expect(locked.status).toBe(400);
		expect(await locked.text()).toContain(staffNl.login.locked);
		// The password did not change.
		const half = await signInWithPassword(db(), {
			email: KROON_ADMIN.email,
			password: DEMO_PASSWORD,
			client: newClient(),
			now: testNow(),
			delay: false
		});
		expect(half.ok).toBe(true);
	});
});

describe('asking for a reset link', () => {
	it('sends an address at most a few links, however many clients ask', async () => {
		const before = await mailsTo(HAAG_ADMIN.email);
		for (let i = 0; i < 10; i++) {
			expect((await forgot(HAAG_ADMIN.email, newClient())).status).toBe(200);
		}
		expect((await mailsTo(HAAG_ADMIN.email)) - before).toBeLessThanOrEqual(3);
	});

	it('stops a client that asks for many addresses', async () => {
		const client = newClient();
		const limit = LIMITS.forgot.limit * SCALE;
		for (let i = 0; i < limit; i++) {
			expect((await forgot(`someone${i}@example.org`, client)).status).toBe(200);
		}
		const refused = await forgot('one-more@example.org', client);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeTruthy();
	});
});
