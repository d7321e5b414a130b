/**
 * Sign-in tells no one who has an account, and a stranger cannot keep a professional out
 * (issue 15, point 3): failures count per account and client together, and per client.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LOCK_AFTER, CLIENT_LOCK_AFTER, signInWithPassword } from '$lib/server/auth';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import { db, JEROEN, newClient, nextMoment, postForm, SAMIRA, YUSUF } from './helpers';

const signInPage = (email: string, password: string, client: string) =>
	postForm('/staff/login', new URLSearchParams({ email, password }), undefined, {
		'cf-connecting-ip': client
	});

/** What the page says about a refused sign-in: its status and its message. */
async function answer(res: Response) {
	const html = await res.text();
	return {
		status: res.status,
		message: /<p class="error-notice"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? null
	};
}

const attempt = (email: string, password: string, client: string, now: number) =>
	signInWithPassword(db(), { email, password, client, now, delay: false });

describe('no account enumeration', () => {
	it('answers an unknown address, a wrong password and a locked account alike', async () => {
		// Jeroen's account is locked (e.g. after wrong codes at the second step).
		await env.DB.prepare('UPDATE users SET locked_until = ? WHERE id = ?')
			.bind(Date.UTC(2100, 0, 1), JEROEN.id)
			.run();
		const unknown = await answer(await signInPage('nobody@example.org', 'wrong', newClient()));
		const wrong = await answer(await signInPage(SAMIRA.email, 'wrong', newClient()));
		const locked = await answer(await signInPage(JEROEN.email, 'wrong', newClient()));
		expect(unknown.status).toBe(400);
		expect(unknown.message).toBeTruthy();
		expect(wrong).toEqual(unknown);
		expect(locked).toEqual(unknown);
		await env.DB.prepare('UPDATE users SET locked_until = NULL WHERE id = ?').bind(JEROEN.id).run();
	});

	it('answers alike once a client has tried too often, whether or not the address exists', async () => {
		const now = nextMoment();
		const client = newClient();
		for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
			await attempt('nobody@example.org', `wrong-${i}`, client, now);
			await attempt(YUSUF.email, `wrong-${i}`, client, now);
		}
		const unknown = await attempt('nobody@example.org', 'wrong', client, now);
		const known = await attempt(YUSUF.email, DEMO_PASSWORD, client, now);
		expect(unknown).toEqual({ ok: false, code: 'invalid_credentials' });
		expect(known).toEqual(unknown);
	});
});

describe('no lock-out by strangers', () => {
	it('a stranger guessing from elsewhere does not keep the professional out', async () => {
		const now = nextMoment();
		const stranger = newClient();
		for (let i = 0; i < CLIENT_LOCK_AFTER; i++) {
			expect(await attempt(SAMIRA.email, `guess-${i}`, stranger, now)).toEqual({
				ok: false,
				code: 'invalid_credentials'
			});
		}
		// The stranger is stopped, even with the right password …
		expect((await attempt(SAMIRA.email, DEMO_PASSWORD, stranger, now)).ok).toBe(false);
		// … while Samira, on her own laptop, signs in as always.
		expect((await attempt(SAMIRA.email, DEMO_PASSWORD, newClient(), now)).ok).toBe(true);
	});
});
