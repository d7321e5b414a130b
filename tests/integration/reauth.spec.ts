/**
 * Re-authentication before sensitive changes (issue 15, point 11): signing out other devices and
 * an AVG export or erasure need the password or a fresh app code, unless the person proved who
 * they are in the last few minutes. Without JavaScript, with what was typed kept.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readSession } from '$lib/server/auth';
import { sha256Hex } from '$lib/server/crypto';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import { db, postForm, SAMIRA, signIn, TILBURG_ADMIN } from './helpers';
import { testNow } from './clock';

const contactCount = async (phone: string) =>
	(await env.DB.prepare('SELECT count(*) AS n FROM bookings WHERE phone = ?')
		.bind(phone)
		.first<{ n: number }>())!.n;

/** A session signed in an hour ago: long enough that it must prove itself again. */
async function olderSession(a: typeof SAMIRA) {
	const session = await signIn(a);
	await env.DB.prepare('UPDATE sessions SET second_factor_at = ? WHERE id_hash = ?')
		.bind(testNow() - 3_600_000, await sha256Hex(session.token))
		.run();
	return session;
}

describe('signing out other devices', () => {
	it('needs the password again, and keeps the other device signed in until it is given', async () => {
		const other = await signIn(SAMIRA);
		const current = await olderSession(SAMIRA);
		const without = await postForm('/staff/account?/others', new URLSearchParams(), current.token);
		expect(without.status).toBe(400);
		expect(await without.text()).toContain(staffNl.reauth.needed);
		const wrong = await postForm(
			'/staff/account?/others',
			new URLSearchParams({ identity: 'not my password' }),
			current.token
		);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain(staffNl.reauth.wrong);
		expect(await readSession(db(), other.token, testNow())).not.toBeNull();
		const right = await postForm(
			'/staff/account?/others',
			new URLSearchParams({ identity: DEMO_PASSWORD }),
			current.token
		);
		expect(right.status).toBe(200);
		expect(await readSession(db(), other.token, testNow())).toBeNull();
	});
});

describe('the AVG export and erasure', () => {
	it('need the password again; the contact typed stays in the form', async () => {
		const admin = await olderSession(TILBURG_ADMIN);
		// A parent of the demo data: refused, and the records stay on screen with the question.
		const parent = '+31612345001';
		const erase = await postForm(
			'/staff/admin/privacy?/erase',
			new URLSearchParams({ contact: parent, confirm: 'on' }),
			admin.token
		);
		expect(erase.status).toBe(400);
		const html = await erase.text();
		expect(html).toContain(staffNl.reauth.needed);
		expect(html).toContain(`value="${parent}"`);
		expect(await contactCount('0612345001')).toBeGreaterThan(0);

		const contact = 'niemand@example.org';

		const exported = await postForm(
			'/staff/admin/privacy/export.json',
			new URLSearchParams({ contact }),
			admin.token
		);
		// No file: back to the page, which asks for the password.
		expect(exported.status).toBe(303);
		expect(exported.headers.get('location')).toBe('/staff/admin/privacy?confirm=needed');

		const confirmed = await postForm(
			'/staff/admin/privacy?/erase',
			new URLSearchParams({ contact, confirm: 'on', identity: DEMO_PASSWORD }),
			admin.token
		);
		expect(confirmed.status).toBe(200);
		// Proven a moment ago: the export goes through without asking again.
		const now = await postForm(
			'/staff/admin/privacy/export.json',
			new URLSearchParams({ contact }),
			admin.token
		);
		expect(now.status).toBe(200);
		expect(now.headers.get('content-type')).toContain('application/json');
	});
});
