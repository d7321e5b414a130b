/**
 * Invitation, account-reset and password-reset links (issue 15, point 1): each link opens only its
 * own page, shows a second-factor secret only to an account that has none enrolled, and is spent
 * by one statement, so two requests at the same moment cannot both use it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readSession } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { sha256Hex } from '$lib/server/crypto';
import { invite, requestPasswordReset, resetAccount, resetPassword } from '$lib/server/accounts';
import {
	db,
	get,
	HAAG_ADMIN,
	JEROEN,
	newClient,
	nextMoment,
	postForm,
	SAMIRA,
	signIn,
	TILBURG_ADMIN,
	totpKeys
} from './helpers';
import { testNow } from './clock';

const NEW_PASSWORD = 'een heel nieuw wachtwoord';

async function adminOf(a: typeof TILBURG_ADMIN) {
	const session = await signIn(a);
	return (await readSession(db(), session.token, session.now))!;
}

async function invited() {
	const email = `noor.${crypto.randomUUID().slice(0, 8)}@wijkteamtilburg.example.nl`;
	const result = await invite(
		db(),
		await adminOf(TILBURG_ADMIN),
		{
			email,
			name: 'Noor Bakker',
			role: 'staff',
			staffRole: 'wijkteammedewerker',
			schoolIds: [1],
			language: 'nl'
		},
		testNow()
	);
	if (!result.ok) throw new Error(result.code);
	return { email, token: result.token };
}

const choose = (page: string, token: string) =>
	postForm(
		`/staff/${page}/${token}?/password`,
		new URLSearchParams({ password: NEW_PASSWORD, repeat: NEW_PASSWORD })
	);

/** The secret the enrol step shows, as the page prints it (groups of four). */
const shownSecret = (html: string) =>
	/data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/ /g, '') ?? null;

const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

describe('a link opens only its own page', () => {
	it('a forgot-password link opened as an invitation shows no secret and changes nothing', async () => {
		const reset = (await requestPasswordReset(db(), JEROEN.email, testNow()))!;
		for (const page of ['invite', 'setup']) {
			const shown = await get(`/staff/${page}/${reset.token}`);
			expect(shown.status, page).toBe(404);
			const html = await shown.text();
			expect(html).not.toContain(JEROEN.totp);
			expect(html).not.toContain(grouped(JEROEN.totp));
			expect((await choose(page, reset.token)).status, page).toBe(404);
			const enrol = await postForm(
				`/staff/${page}/${reset.token}?/enrol`,
				new URLSearchParams({ code: await totpCode(JEROEN.totp, stepAt(testNow())) })
			);
			expect(enrol.status, page).toBe(404);
		}
		// Jeroen's password and app are untouched: he signs in as before.
		await signIn(JEROEN);
	});

	it('an invitation opens only the invitation page, an account reset only the set-up page', async () => {
		const invitation = await invited();
		expect((await get(`/staff/reset/${invitation.token}`)).status).toBe(404);
		expect((await get(`/staff/setup/${invitation.token}`)).status).toBe(404);
		expect((await get(`/staff/invite/${invitation.token}`)).status).toBe(200);

		const reset = (await resetAccount(db(), await adminOf(TILBURG_ADMIN), SAMIRA.id, testNow()))!;
		expect((await get(`/staff/reset/${reset.token}`)).status).toBe(404);
		expect((await get(`/staff/invite/${reset.token}`)).status).toBe(404);
		expect((await choose('invite', reset.token)).status).toBe(404);
		expect((await get(`/staff/setup/${reset.token}`)).status).toBe(200);
		expect((await choose('setup', reset.token)).status).toBe(200);
		const enrol = await get(`/staff/setup/${reset.token}`);
		expect(shownSecret(await enrol.text())).toMatch(/^[A-Z2-7]{32}$/);
	});

	it('never shows the secret of an account whose second factor is enrolled', async () => {
		// A leftover invitation of an account that is in use (e.g. made before it was enrolled).
		const token = crypto.randomUUID();
		await env.DB.prepare(
			"INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, 'invite', ?)"
		)
			.bind(await sha256Hex(token), HAAG_ADMIN.id, testNow() + 86_400_000)
			.run();
		const shown = await get(`/staff/invite/${token}`);
		expect(shown.status).toBe(404);
		expect(await shown.text()).not.toContain(grouped(HAAG_ADMIN.totp));
		expect((await choose('invite', token)).status).toBe(404);
		await signIn(HAAG_ADMIN);
	});
});

describe('a link is spent once', () => {
	it('two enrolments with the same code at the same moment: one gets recovery codes', async () => {
		const invitation = await invited();
		expect((await choose('invite', invitation.token)).status).toBe(200);
		const secret = shownSecret(await (await get(`/staff/invite/${invitation.token}`)).text())!;
		const code = await totpCode(secret, stepAt(testNow()));
		const answers = await Promise.all(
			[1, 2, 3].map(() =>
				postForm(`/staff/invite/${invitation.token}?/enrol`, new URLSearchParams({ code }))
			)
		);
		const pages = await Promise.all(answers.map((a) => a.text()));
		expect(pages.filter((p) => /<code>[A-Z0-9]{4}-[A-Z0-9]{4}<\/code>/.test(p))).toHaveLength(1);
		expect((await get(`/staff/invite/${invitation.token}`)).status).toBe(404);
	});

	it('two password resets with the same link at the same moment: one takes, and sessions end', async () => {
		const session = await signIn(JEROEN);
		const now = nextMoment();
		const reset = (await requestPasswordReset(db(), JEROEN.email, now))!;
		const code = await totpCode(JEROEN.totp, stepAt(now));
		const results = await Promise.all(
			['eerste nieuwe wachtwoord', 'tweede nieuwe wachtwoord'].map((password) =>
				resetPassword(db(), {
					token: reset.token,
					password,
					code,
					client: newClient(),
					now,
					keys: totpKeys()
				})
			)
		);
		expect(results.filter((r) => r === 'ok')).toHaveLength(1);
		expect(await readSession(db(), session.token, now)).toBeNull();
	});
});
