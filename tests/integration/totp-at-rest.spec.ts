/**
 * TOTP secrets encrypted at rest (issue 15, point 11; SECURITY.md V8): the column holds AES-GCM
 * ciphertext under a key from the TOTP_KEYS secret, bound to its account, and a secret under an
 * older key or a plain one from before is sealed again with the newest key at the next sign-in.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { invite } from '$lib/server/accounts';
import { completeSecondFactor, readSession, signInWithPassword } from '$lib/server/auth';
import {
	openTotpSecret,
	parseTotpKeys,
	sealTotpSecret,
	totpKeysOf,
	type TotpKeys
} from '$lib/server/auth/totp-keys';
import {
	db,
	get,
	newClient,
	nextMoment,
	postForm,
	signIn,
	TILBURG_ADMIN,
	totpKeys
} from './helpers';
import { testNow } from './clock';

const PASSWORD = 'een lang genoeg wachtwoord';

const randomKey = (id: string) =>
	`${id}:${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;

const setStoredSecret = (email: string, value: string) =>
	env.DB.prepare('UPDATE users SET totp_secret = ? WHERE email = ?').bind(value, email).run();

/** Both sign-in steps through the services, with the keys given; the second step's answer. */
async function signInWith(person: { email: string; totp: string }, keys: TotpKeys, code?: string) {
	const now = nextMoment();
	const client = newClient();
	const first = await signInWithPassword(db(), {
		email: person.email,
		password: PASSWORD,
		client,
		now
	});
	if (!first.ok) throw new Error(first.code);
	return completeSecondFactor(db(), {
		token: first.token,
		code: code ?? (await totpCode(person.totp, stepAt(now))),
		client,
		now,
		keys
	});
}

const storedSecret = async (email: string) =>
	(await env.DB.prepare('SELECT totp_secret FROM users WHERE email = ?')
		.bind(email)
		.first<{ totp_secret: string | null }>())!.totp_secret;

/** A new professional who enrols through the invitation page, as a browser would. */
async function enrolled() {
	const session = await signIn(TILBURG_ADMIN);
	const admin = (await readSession(db(), session.token, session.now))!;
	const email = `lotte.${crypto.randomUUID().slice(0, 8)}@wijkteamtilburg.example.nl`;
	const invited = await invite(
		db(),
		admin,
		{
			email,
			name: 'Lotte Smit',
			role: 'staff',
			staffRole: 'wijkteammedewerker',
			schoolIds: [1],
			language: 'nl'
		},
		testNow()
	);
	if (!invited.ok) throw new Error(invited.code);
	const page = `/staff/invite/${invited.token}`;
	const chosen = await postForm(
		`${page}?/password`,
		new URLSearchParams({ password: PASSWORD, repeat: PASSWORD })
	);
	expect(chosen.status).toBe(200);
	const html = await (await get(page)).text();
	const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)![1].replace(/ /g, '');
	const enrol = await postForm(
		`${page}?/enrol`,
		new URLSearchParams({ code: await totpCode(secret, stepAt(testNow())) })
	);
	expect(await enrol.text()).toMatch(/<code>[A-Z0-9]{4}-[A-Z0-9]{4}<\/code>/);
	const { id } = (await env.DB.prepare('SELECT id FROM users WHERE email = ?')
		.bind(email)
		.first<{ id: number }>())!;
	return { id, email, totp: secret };
}

describe('a TOTP secret at rest', () => {
	it('is not in the database in clear after enrolment, and signing in with a code works', async () => {
		const person = await enrolled();
		const stored = (await storedSecret(person.email))!;
		expect(stored).not.toBe(person.totp);
		expect(stored).not.toContain(person.totp);
		expect(stored).not.toMatch(/^[A-Z2-7]+=*$/);
		await signIn({ ...person, password: PASSWORD }, nextMoment());
	});

	it('does not verify when its ciphertext is copied to another account', async () => {
		const owner = await enrolled();
		const other = await enrolled();
		await setStoredSecret(other.email, (await storedSecret(owner.email))!);
		expect(
			await signInWith(other, totpKeys(), await totpCode(owner.totp, stepAt(nextMoment())))
		).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect(await signInWith(owner, totpKeys())).toMatchObject({ ok: true });
	});

	it('under an older key still signs in, and is sealed again with the newest key', async () => {
		const person = await enrolled();
		const old = randomKey('old');
		await setStoredSecret(
			person.email,
			await sealTotpSecret(parseTotpKeys(old), person.id, person.totp)
		);
		// Rotation: a new key first, the old one kept after it.
		const rotated = parseTotpKeys(`${env.TOTP_KEYS},${old}`);
		expect(await signInWith(person, rotated)).toMatchObject({ ok: true });
		const stored = (await storedSecret(person.email))!;
		expect(stored.startsWith(`v1:${rotated.current}:`)).toBe(true);
		expect(await openTotpSecret(totpKeys(), person.id, stored)).toEqual({
			secret: person.totp,
			stale: false
		});
		// The worker, which has only the newest key, now signs the person in.
		await signIn({ ...person, password: PASSWORD });
	});

	it('in clear from before encryption at rest still signs in once, and is then sealed', async () => {
		const person = await enrolled();
		await setStoredSecret(person.email, person.totp);
		expect(await signInWith(person, totpKeys())).toMatchObject({ ok: true });
		const stored = (await storedSecret(person.email))!;
		expect(stored).not.toContain(person.totp);
		expect(await openTotpSecret(totpKeys(), person.id, stored)).toEqual({
			secret: person.totp,
			stale: false
		});
		await signIn({ ...person, password: PASSWORD });
	});

	it('is never written without a usable key: a missing or garbage configuration throws', async () => {
		for (const config of [undefined, '', 'garbage', 'k1:dGVzdA==', `${randomKey('k1')},x`]) {
			expect(() => totpKeysOf({ TOTP_KEYS: config }), String(config)).toThrow(
				/^TOTP_KEYS (is not set|has|key)/
			);
		}
		// A key that secrets still need, removed from the configuration too early, is named.
		const person = await enrolled();
		await expect(signInWith(person, parseTotpKeys(randomKey('k9')))).rejects.toThrow(
			new RegExp(`sealed with key "${totpKeys().current}", which TOTP_KEYS no longer holds`)
		);
	});
});
