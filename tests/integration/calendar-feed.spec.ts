/**
 * Calendar feeds are narrow and revocable (issue 15, point 10): only a professional with their own
 * appointments has one, and a coordinator's reset or disabling of the account ends it.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readSession } from '$lib/server/auth';
import { resetAccount, setDisabled } from '$lib/server/accounts';
import { renewFeed } from '$lib/server/staff/calendar';
import { sha256Hex } from '$lib/server/crypto';
import { db, get, JEROEN, postForm, SAMIRA, signIn, TILBURG_ADMIN, YUSUF } from './helpers';
import { testNow } from './clock';

const feedStatus = async (secret: string) =>
	(await exports.default.fetch(new Request(`http://localhost/api/calendar/${secret}.ics`))).status;

async function userOf(a: typeof SAMIRA) {
	const session = await signIn(a);
	return { ...session, user: (await readSession(db(), session.token, session.now))! };
}

describe('a calendar feed', () => {
	it('is not for a coordinator without appointments of their own (no organisation-wide feed)', async () => {
		const admin = await userOf(TILBURG_ADMIN);
		expect((await get('/staff/calendar', admin.token)).status).toBe(404);
		const renew = await postForm('/staff/calendar?/renew', new URLSearchParams(), admin.token);
		expect(renew.status).toBe(404);
		expect(await renew.text()).not.toContain('/api/calendar/');
		const { hash } = (await env.DB.prepare(
			'SELECT calendar_token_hash AS hash FROM users WHERE id = ?'
		)
			.bind(TILBURG_ADMIN.id)
			.first<{ hash: string | null }>())!;
		expect(hash).toBeNull();
		// A feed a coordinator made before gives nothing.
		const old = crypto.randomUUID();
		await env.DB.prepare('UPDATE users SET calendar_token_hash = ? WHERE id = ?')
			.bind(await sha256Hex(old), TILBURG_ADMIN.id)
			.run();
		expect(await feedStatus(old)).toBe(404);
	});

	it('ends when a coordinator disables the account, and stays ended when it is enabled again', async () => {
		const admin = await userOf(TILBURG_ADMIN);
		const samira = await userOf(SAMIRA);
		const secret = (await renewFeed(db(), samira.user))!;
		expect(await feedStatus(secret)).toBe(200);
		expect(await setDisabled(db(), admin.user, SAMIRA.id, true, testNow())).toBe(true);
		expect(await setDisabled(db(), admin.user, SAMIRA.id, false, testNow())).toBe(true);
		expect(await feedStatus(secret)).toBe(404);
	});

	it("ends with a coordinator's account reset", async () => {
		const admin = await userOf(TILBURG_ADMIN);
		const jeroen = await userOf(JEROEN);
		const secret = (await renewFeed(db(), jeroen.user))!;
		expect(await feedStatus(secret)).toBe(200);
		expect(await resetAccount(db(), admin.user, JEROEN.id, testNow())).not.toBeNull();
		expect(await feedStatus(secret)).toBe(404);
	});

	it('still works for a professional', async () => {
		const yusuf = await userOf(YUSUF);
		expect((await get('/staff/calendar', yusuf.token)).status).toBe(200);
		const renew = await postForm('/staff/calendar?/renew', new URLSearchParams(), yusuf.token);
		expect(renew.status).toBe(200);
		const secret = /\/api\/calendar\/([\w-]+)\.ics/.exec(await renew.text())![1];
		expect(await feedStatus(secret)).toBe(200);
	});
});
