/**
 * Helpers shared by the integration tests that go through the whole built worker: signing a demo
 * account in (through the services, at a moment of its own so a TOTP code is never used twice),
 * requests with a session cookie, and the row count of every table (to prove nothing was written).
 */
import { env, exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import { getDb } from '$lib/server/db';
import { completeSecondFactor, readSession, signInWithPassword } from '$lib/server/auth';
import { totpKeysOf } from '$lib/server/auth/totp-keys';
import { KIOSK_COOKIE, SESSION_COOKIE } from '$lib/server/auth/cookie';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { createPairing, pairKiosk } from '$lib/server/kiosk';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { amsterdamDate } from '$lib/server/scheduling/time';
import { notifierFor } from '$lib/server/notify';
import type { Ctx } from '$lib/server/outcome';
import { testNow } from './clock';

export const db = () => getDb(env.DB);
/** The keys that seal TOTP secrets, as the worker under test has them (wrangler.toml). */
export const totpKeys = () => totpKeysOf(env);
export const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
export const SAMIRA = account('samira@wijkteamtilburg.example.nl'); // staff of De Zuidwester
export const JEROEN = account('jeroen@wijkteamtilburg.example.nl'); // staff of De Zuidwester
export const YUSUF = account('yusuf@jeugdhulpdenhaag.example.nl'); // staff of De Vlinderboom (Den Haag)
export const TILBURG_ADMIN = account('coordinator@wijkteamtilburg.example.nl');
export const KROON_ADMIN = account('coordinator@hollandskroon.example.nl');
export const HAAG_ADMIN = account('coordinator@jeugdhulpdenhaag.example.nl');

// Every sign-in uses a moment of its own: a TOTP code is never accepted twice.
let clock = testNow();
export const nextMoment = () => (clock += 2 * 60_000);
let clientCounter = 0;
export const newClient = () => `203.0.113.${++clientCounter % 250}`;

export async function signIn(
	a: { email: string; totp: string; password?: string },
	now = nextMoment(),
	device: string | null = null
) {
	const client = newClient();
	const first = await signInWithPassword(db(), {
		email: a.email,
		password: a.password ?? DEMO_PASSWORD,
		client,
		now
	});
	if (!first.ok) throw new Error(`${a.email}: ${first.code}`);
	const second = await completeSecondFactor(db(), {
		keys: totpKeys(),
		token: first.token,
		code: await totpCode(a.totp, stepAt(now)),
		client,
		now,
		device
	});
	if (!second.ok) throw new Error(`${a.email}: ${second.code}`);
	return { token: second.token, halfToken: first.token, now };
}

/** A signed-in session for the account that stays usable: signs in again when it has ended. */
export function sessionOf(a: { email: string; totp: string }) {
	let token: string | undefined;
	return async () => {
		if (!token || !(await readSession(db(), token, testNow()))) token = (await signIn(a)).token;
		return token;
	};
}

/** The session cookie for a token; `kiosk:<token>` is a kiosk tablet's device cookie instead. */
export const cookie = (token?: string): Record<string, string> =>
	!token
		? {}
		: token.startsWith('kiosk:')
			? { cookie: `${KIOSK_COOKIE}=${token.slice('kiosk:'.length)}` }
			: { cookie: `${SESSION_COOKIE}=${token}` };

/** A GET through the whole worker, as a browser without redirects followed. */
export const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			redirect: 'manual',
			headers: { ...cookie(token), ...headers }
		})
	);

/** A form post through the whole worker, as a browser without JavaScript sends it. */
export const postForm = (
	path: string,
	body: URLSearchParams | FormData | string,
	token?: string,
	headers: Record<string, string> = {}
) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'http://localhost',
				accept: 'text/html',
				...((body instanceof URLSearchParams
					? { 'content-type': 'application/x-www-form-urlencoded' }
					: {}) as Record<string, string>),
				...cookie(token),
				...headers
			},
			body
		})
	);

let tables: string[] | undefined;

/**
 * The number of rows in every table of the database (found through sqlite_master), except the
 * rate-limit counters: counting an attempt is what they are for, refused or not.
 */
export async function rowCounts(): Promise<Record<string, number>> {
	tables ??= (
		await env.DB.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'rate_limits') ORDER BY name"
		).all<{ name: string }>()
	).results.map((r) => r.name);
	const results = await env.DB.batch<{ n: number }>(
		tables.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM "${t}"`))
	);
	return Object.fromEntries(tables.map((t, i) => [t, results[i].results[0].n]));
}

/** Everything the worker writes to the console while `run` runs. */
export async function consoleOf(run: () => Promise<void>): Promise<string[]> {
	const lines: string[] = [];
	const capture = (...args: unknown[]) => {
		lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
	};
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
		vi.spyOn(console, level).mockImplementation(capture)
	);
	try {
		await run();
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
	return lines;
}

/** A kiosk tablet of the school, paired by its coordinator: its device token. */
export async function pairedKiosk(schoolId: number) {
	const admin = await signIn(TILBURG_ADMIN);
	const adminUser = (await readSession(db(), admin.token, admin.now))!;
	const pairing = await createPairing(db(), adminUser, { schoolId, name: 'Hal' }, testNow());
	if (!pairing.ok) throw new Error(pairing.code);
	const paired = await pairKiosk(db(), pairing.code, testNow());
	if (!paired.ok) throw new Error(paired.code);
	return paired.token;
}

/** A waiting walk-in ticket of today in Samira's queue at De Zuidwester, written straight into D1. */
export async function waitingTicket(now: number): Promise<number> {
	const row = await env.DB.prepare(
		`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, language, status, made_by)
		SELECT 1, 1, ?1, COALESCE(MAX(number), 0) + 1, ?2, 'nl', 'waiting', 'kiosk'
		FROM walk_in_tickets WHERE school_id = 1 AND staff_id = 1 AND date = ?1 RETURNING id`
	)
		.bind(amsterdamDate(now), now)
		.first<{ id: number }>();
	return row!.id;
}

/** What a command needs (src/lib/server/outcome.ts), as a request at the test clock hands it over. */
export function commandCtx(): Ctx {
	const notifier = notifierFor(env, getDb(env.DB), 'http://localhost');
	return {
		db: getDb(env.DB),
		mailer: notifier.mailer,
		now: testNow(),
		origin: 'http://localhost',
		notifier
	};
}
