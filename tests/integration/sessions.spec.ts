/**
 * Staff sessions (issue #7, proof 4): no fixation, a new id at the second factor, idle (30 min) and
 * absolute (12 h) expiry, and sign-out and disabling end them on the server. Through the services
 * (with `now` moved) and through the whole worker over HTTP (with the timestamps in D1 moved).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	endSessionsOf,
	readSession,
	signOut
} from '$lib/server/auth';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { sha256Hex } from '$lib/server/crypto';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import {
	JEROEN,
	KROON_ADMIN,
	SAMIRA,
	TILBURG_ADMIN,
	YUSUF,
	db,
	get,
	postForm,
	signIn
} from './helpers';
import { testNow } from './clock';

/** The session cookie a response sets, with its attributes; undefined when it sets none. */
function sessionCookie(res: Response) {
	const line = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (!line) return undefined;
	const [pair, ...attributes] = line.split(';').map((s) => s.trim());
	return {
		value: pair.slice(SESSION_COOKIE.length + 1),
		attributes: attributes.map((a) => a.toLowerCase())
	};
}

const isSignedIn = async (token: string) => {
	const res = await get('/staff/today', token);
	return res.status === 200;
};

const sessionRow = async (token: string) =>
	env.DB.prepare('SELECT created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = ?')
		.bind(await sha256Hex(token))
		.first<{ created_at: number; last_seen_at: number; expires_at: number }>();

/**
 * Signs in through the sign-in pages, as a browser does, starting with the given cookie (an
 * attacker may have planted one). Uses the TOTP code of this very moment: each account signs in
 * this way once in this file, so the code is never a replay.
 */
async function signInOverHttp(a: { email: string; totp: string }, planted?: string) {
	const password = await postForm(
		'/staff/login',
		new URLSearchParams({ email: a.email, password: DEMO_PASSWORD }),
		planted
	);
	expect(password.status).toBe(303);
	expect(password.headers.get('location')).toBe('/staff/login/code');
	const half = sessionCookie(password)!;
	const code = await postForm(
		'/staff/login/code',
		new URLSearchParams({ code: await totpCode(a.totp, stepAt(testNow())) }),
		half.value
	);
	expect(code.status).toBe(303);
	expect(code.headers.get('location')).toBe('/staff/today');
	const full = sessionCookie(code)!;
	return { half, full };
}

describe('session fixation and rotation', () => {
	it('never keeps a session id chosen before sign-in, and gives a new one at the second factor', async () => {
		// An attacker plants a cookie of their own choosing, or one of their own real half sessions.
		const chosen = 'attacker-chosen-session-id-0123456789';
		const { half, full } = await signInOverHttp(KROON_ADMIN, chosen);
		expect(half.value).not.toBe(chosen);
		expect(full.value).not.toBe(chosen);
		expect(full.value).not.toBe(half.value);
		// Only the newest id works: the planted one never did, the half one ended at the second factor.
		expect(await isSignedIn(chosen)).toBe(false);
		expect(await isSignedIn(half.value)).toBe(false);
		expect(await readSession(db(), half.value, testNow())).toBeNull();
		expect(await isSignedIn(full.value)).toBe(true);
		// The id is 256 random bits, and only its hash is stored.
		expect(full.value).toMatch(/^[\w-]{43}$/);
		const stored = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE id_hash = ?')
			.bind(full.value)
			.first<{ n: number }>();
		expect(stored!.n).toBe(0);
		expect(await sessionRow(full.value)).not.toBeNull();
	});

	it('sets the cookie host-only, HTTPS-only, out of reach of scripts, and not sent from other sites', async () => {
		const { full } = await signInOverHttp(JEROEN);
		expect(full.attributes).toEqual(
			expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=lax'])
		);
		expect(full.attributes.some((a) => a.startsWith('domain='))).toBe(false);
	});

	it('an attacker’s own half sign-in, planted in a victim’s browser, gives the attacker nothing', async () => {
		// The attacker passes the password step with their own account and plants that cookie.
		const { signInWithPassword } = await import('$lib/server/auth');
		const attacker = await signInWithPassword(db(), {
			email: YUSUF.email,
			password: DEMO_PASSWORD,
			client: '192.0.2.50',
			now: testNow()
		});
		if (!attacker.ok) throw new Error(attacker.code);
		// The victim signs in on that browser: the password step replaces the planted cookie.
		const { half, full } = await signInOverHttp(TILBURG_ADMIN, attacker.token);
		expect(half.value).not.toBe(attacker.token);
		// What the attacker holds is still only their own half session, never the victim's.
		const held = await readSession(db(), attacker.token, testNow());
		expect(held?.email).toBe(YUSUF.email);
		expect(held?.secondFactor).toBe(false);
		expect((await readSession(db(), full.value, testNow()))?.email).toBe(TILBURG_ADMIN.email);
	});
});

describe('session expiry', () => {
	it('ends after 30 idle minutes and after 12 hours, however busy (services, with the clock moved)', async () => {
		const a = await signIn(SAMIRA);
		expect(await readSession(db(), a.token, a.now + SESSION_IDLE_MS - 1000)).not.toBeNull();
		expect(await readSession(db(), a.token, a.now + 2 * SESSION_IDLE_MS + 1000)).toBeNull();

		const b = await signIn(SAMIRA);
		let t = b.now;
		// Used every 20 minutes, it still ends at the absolute lifetime.
		while (t + 20 * 60_000 < b.now + SESSION_ABSOLUTE_MS) {
			t += 20 * 60_000;
			expect(await readSession(db(), b.token, t)).not.toBeNull();
		}
		expect(await readSession(db(), b.token, b.now + SESSION_ABSOLUTE_MS)).toBeNull();
	});

	it('ends over HTTP once idle for 30 minutes (timestamps moved in D1), and the row is gone', async () => {
		const { token } = await signIn(SAMIRA);
		const now = testNow();
		const move = (lastSeen: number) =>
			sha256Hex(token).then((hash) =>
				env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?')
					.bind(lastSeen, hash)
					.run()
			);
		await move(now - SESSION_IDLE_MS + 60_000);
		expect(await isSignedIn(token)).toBe(true);
		// Using it recorded the use: the idle clock starts again.
		expect((await sessionRow(token))!.last_seen_at).toBeGreaterThan(now - 60_000);
		await move(now - SESSION_IDLE_MS - 1000);
		const res = await get('/staff/today', token);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/staff/login');
		expect(await sessionRow(token)).toBeNull();
	});

	it('ends over HTTP after 12 hours even when used all the time (timestamps moved in D1)', async () => {
		const { token } = await signIn(SAMIRA);
		const row = (await sessionRow(token))!;
		expect(row.expires_at - row.created_at).toBe(SESSION_ABSOLUTE_MS);
		const hash = await sha256Hex(token);
		const now = testNow();
		// Signed in 12 hours ago, last used a minute ago.
		await env.DB.prepare(
			'UPDATE sessions SET created_at = ?, last_seen_at = ?, expires_at = ? WHERE id_hash = ?'
		)
			.bind(now - SESSION_ABSOLUTE_MS, now - 60_000, now, hash)
			.run();
		expect(await isSignedIn(token)).toBe(false);
		expect(await sessionRow(token)).toBeNull();
	});

	it('gives a half sign-in (password only) five minutes for the code', async () => {
		const { signInWithPassword } = await import('$lib/server/auth');
		const now = testNow();
		const half = await signInWithPassword(db(), {
			email: SAMIRA.email,
			password: DEMO_PASSWORD,
			client: '192.0.2.51',
			now
		});
		if (!half.ok) throw new Error(half.code);
		expect(await readSession(db(), half.token, now + 4 * 60_000)).not.toBeNull();
		expect(await readSession(db(), half.token, now + 5 * 60_000)).toBeNull();
	});
});

describe('ending sessions', () => {
	it('sign-out ends the session on the server: the old cookie no longer works', async () => {
		const { token } = await signIn(SAMIRA);
		expect(await isSignedIn(token)).toBe(true);
		const out = await postForm('/staff/logout', new URLSearchParams(), token);
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/staff/login?notice=signedOut');
		expect(out.headers.get('clear-site-data')).toContain('"cookies"');
		// The browser is told to forget it …
		const cleared = sessionCookie(out);
		expect(cleared?.value ?? '').toBe('');
		// … and a copy kept anyway is worth nothing.
		expect(await sessionRow(token)).toBeNull();
		expect(await isSignedIn(token)).toBe(false);
		// Through the service, too.
		const again = await signIn(SAMIRA);
		await signOut(db(), again.token);
		expect(await readSession(db(), again.token, again.now)).toBeNull();
	});

	it('disabling an account on the people page ends all its sessions at once, and keeps it out', async () => {
		const admin = await signIn(TILBURG_ADMIN);
		const laptop = await signIn(JEROEN);
		const phone = await signIn(JEROEN);
		expect(await isSignedIn(laptop.token)).toBe(true);
		const disable = await postForm(
			'/staff/admin/people?/disable',
			new URLSearchParams({ id: String(JEROEN.id) }),
			admin.token
		);
		expect(disable.status).toBe(200);
		try {
			expect(await isSignedIn(laptop.token)).toBe(false);
			expect(await isSignedIn(phone.token)).toBe(false);
			const left = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?')
				.bind(JEROEN.id)
				.first<{ n: number }>();
			expect(left!.n).toBe(0);
			await expect(signIn(JEROEN)).rejects.toThrow('invalid_credentials');
			// Not across organisations: the Tilburg coordinator cannot disable a Den Haag professional.
			const yusuf = await signIn(YUSUF);
			const refused = await postForm(
				'/staff/admin/people?/disable',
				new URLSearchParams({ id: String(YUSUF.id) }),
				admin.token
			);
			expect(refused.status).toBe(400);
			expect(await isSignedIn(yusuf.token)).toBe(true);
		} finally {
			await postForm(
				'/staff/admin/people?/enable',
				new URLSearchParams({ id: String(JEROEN.id) }),
				admin.token
			);
		}
		expect(await isSignedIn((await signIn(JEROEN)).token)).toBe(true);
	});

	it('a session of a disabled account ends even when it was disabled behind the app’s back', async () => {
		const d = await signIn(YUSUF);
		await env.DB.prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
			.bind(d.now, YUSUF.id)
			.run();
		try {
			expect(await readSession(db(), d.token, d.now)).toBeNull();
		} finally {
			await env.DB.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').bind(YUSUF.id).run();
		}
	});

	it('"end sessions" by a coordinator ends every session of the person', async () => {
		const admin = await signIn(TILBURG_ADMIN);
		const s = await signIn(SAMIRA);
		const res = await postForm(
			'/staff/admin/people?/endSessions',
			new URLSearchParams({ id: String(SAMIRA.id) }),
			admin.token
		);
		expect(res.status).toBe(200);
		expect(await isSignedIn(s.token)).toBe(false);
		const e = await signIn(SAMIRA);
		await endSessionsOf(db(), SAMIRA.id);
		expect(await readSession(db(), e.token, e.now)).toBeNull();
	});

	it('a person sees where they are signed in, and signs out one other device or all of them', async () => {
		const here = await signIn(YUSUF, undefined, 'Firefox · Windows');
		const phone = await signIn(YUSUF, undefined, 'Chrome · Android');
		const tablet = await signIn(YUSUF, undefined, 'Safari · iOS');
		const someoneElse = await signIn(SAMIRA);

		const page = await get('/staff/account', here.token);
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const device of ['Firefox · Windows', 'Chrome · Android', 'Safari · iOS']) {
			expect(html).toContain(device);
		}
		expect(html.match(new RegExp(staffNl.account.thisDevice, 'g'))).toHaveLength(1);
		// The page names sessions by a handle, never by their secret or its hash.
		for (const token of [here.token, phone.token, await sha256Hex(phone.token)]) {
			expect(html).not.toContain(token);
		}
		const handleOf = async (token: string) => (await sha256Hex(token)).slice(0, 16);
		expect(html).toContain(`value="${await handleOf(phone.token)}"`);
		expect(html).not.toContain(`value="${await handleOf(here.token)}"`);

		const end = (handle: string) =>
			postForm('/staff/account?/end', new URLSearchParams({ handle }), here.token);

		// One other device.
		const ended = await end(await handleOf(phone.token));
		expect(ended.status).toBe(200);
		expect(await ended.text()).toContain(staffNl.account.sessionEnded);
		expect(await isSignedIn(phone.token)).toBe(false);
		expect(await isSignedIn(tablet.token)).toBe(true);

		// Someone else's session is out of reach: "gone", and it goes on working.
		const theirs = await end(await handleOf(someoneElse.token));
		expect(theirs.status).toBe(404);
		expect(await theirs.text()).toContain(staffNl.account.sessionGone);
		expect(await isSignedIn(someoneElse.token)).toBe(true);
		const nonsense = await end("' OR 1=1 --");
		expect(nonsense.status).toBe(400);

		// All the others; this one stays.
		const others = await postForm('/staff/account?/others', new URLSearchParams(), here.token);
		expect(others.status).toBe(200);
		expect(await isSignedIn(tablet.token)).toBe(false);
		expect(await isSignedIn(here.token)).toBe(true);
		expect(await isSignedIn(someoneElse.token)).toBe(true);
		const after = await (await get('/staff/account', here.token)).text();
		expect(after).toContain(staffNl.account.thisDeviceOnly);
	});
});
