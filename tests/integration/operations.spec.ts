import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { api } from '$lib/server/api';
import { getDb } from '$lib/server/db';
import { accountTokens, organisations, outbox, users } from '$lib/server/db/schema';
import { BOOKMARK_COOKIE, BOOKMARK_HEADER, d1Session, isBookmark } from '$lib/server/db/replica';
import { choosePassword, findSetupLink } from '$lib/server/accounts';
import {
	firstAdminCheck,
	firstAdminStatements,
	organisationSlug
} from '$lib/server/accounts/first-admin';
import { randomToken, sha256Hex } from '$lib/server/crypto';
import wranglerToml from '../../wrangler.toml?raw';
import { consoleOf, totpKeys } from './helpers';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';

type Slot = { staffId: number; start: string };
type Created = { reference: string; manageToken: string };

const worker = (path: string, init?: RequestInit) =>
	exports.default.fetch(new Request(`http://localhost${path}`, init));
const db = () => getDb(env.DB);
const today = amsterdamDate(testNow());

let phoneCounter = 500;
/** Books the first free slot of Samira at De Zuidwester through the whole worker. */
async function book(contact: { firstName: string; phone: string; email: string }) {
	const slots = (await (
		await worker(`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`)
	).json()) as Slot[];
	const slot = slots.find((s) => s.staffId === 1)!;
	return worker('/api/v1/schools/de-zuidwester/bookings', {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: 'http://localhost' },
		body: JSON.stringify({
			staffId: slot.staffId,
			start: slot.start,
			language: 'nl',
			consent: true,
			...contact
		})
	});
}

afterEach(() => vi.restoreAllMocks());

describe('health', () => {
	it('answers ok after asking D1', async () => {
		const res = await api.request('/api/health', {}, env);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok' });
	});

	it('answers 503 { status: "error" } when there is no database to ask', async () => {
		const lines = await consoleOf(async () => {
			const res = await api.request('/api/health', {}, {});
			expect(res.status).toBe(503);
			expect(await res.json()).toEqual({ status: 'error' });
		});
		expect(lines.map((l) => JSON.parse(l).event)).toContain('health_check_failed');
	});
});

describe('logs', () => {
	it("keeps Cloudflare's invocation logs off (they record each request's URL, with its token), and our own on", () => {
		/** The `key = value` lines of one [section] of wrangler.toml. */
		const section = (name: string) => {
			const start = wranglerToml.indexOf(`\n[${name}]\n`);
			expect(start, `[${name}]`).toBeGreaterThanOrEqual(0);
			const body = wranglerToml.slice(start + name.length + 4).split(/\n\[/)[0];
			return Object.fromEntries(
				[...body.matchAll(/^(\w+)\s*=\s*(\S+)/gm)].map(([, key, value]) => [key, value])
			);
		};
		expect(section('observability')).toMatchObject({ enabled: 'true' });
		expect(section('observability.logs')).toMatchObject({
			enabled: 'true',
			invocation_logs: 'false'
		});
	});

	it('hold no personal data: a booking, its page and its cancellation log route ids only', async () => {
		const parent = {
			firstName: 'Zeynepnaam',
			phone: `06 5111 0${phoneCounter++}`,
			email: 'zeynep.logtest@example.org'
		};
		let token = '';
		let reference = '';
		const lines = await consoleOf(async () => {
			const res = await book(parent);
			expect(res.status).toBe(201);
			({ manageToken: token, reference } = (await res.json()) as Created);
			expect((await worker(`/nl/booking/${token}`)).status).toBe(200);
			const cancel = await worker(`/api/v1/bookings/${token}`, {
				method: 'DELETE',
				headers: { origin: 'http://localhost' }
			});
			expect(cancel.status).toBe(200);
		});
		const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(entries).toContainEqual(
			expect.objectContaining({
				level: 'info',
				event: 'api_request',
				route: '/api/v1/schools/:slug/bookings',
				method: 'POST',
				status: 201
			})
		);
		expect(entries).toContainEqual(
			expect.objectContaining({
				event: 'request',
				route: '/[lang=lang]/booking/[token]',
				status: 200
			})
		);
		const all = lines.join('\n');
		const digits = parent.phone.replace(/\D/g, '');
		for (const secret of [
			parent.firstName,
			parent.email,
			parent.phone,
			digits,
			token,
			reference,
			'de-zuidwester',
			'Samira'
		]) {
			expect(all, secret).not.toContain(secret);
		}
		for (const entry of entries) {
			expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['at', 'event', 'level']));
			for (const key of Object.keys(entry)) {
				expect([
					'level',
					'event',
					'at',
					'requestId',
					'route',
					'method',
					'status',
					'durationMs',
					'error',
					'code',
					'count',
					'frames'
				]).toContain(key);
			}
		}
	});

	it('carry the cf-ray as the request id', async () => {
		const lines = await consoleOf(async () => {
			await worker('/nl', { headers: { 'cf-ray': '8f1e2d3c4b5a6978-AMS' } });
		});
		expect(lines.map((l) => JSON.parse(l))).toContainEqual(
			expect.objectContaining({
				event: 'request',
				route: '/[lang=lang]',
				requestId: '8f1e2d3c4b5a6978-AMS'
			})
		);
	});
});

describe('read replication (D1 sessions)', () => {
	it('hands an API client the bookmark after its write, and continues from the one it sends', async () => {
		const res = await book({
			firstName: 'Bram',
			phone: `06 5222 0${phoneCounter++}`,
			email: 'bram@example.org'
		});
		expect(res.status).toBe(201);
		const bookmark = res.headers.get(BOOKMARK_HEADER);
		expect(isBookmark(bookmark)).toBe(true);
		const { manageToken } = (await res.json()) as Created;
		// The next request carries it: its session starts at that bookmark or later.
		const next = await worker(`/api/v1/bookings/${manageToken}`, {
			headers: { [BOOKMARK_HEADER]: bookmark! }
		});
		expect(next.status).toBe(200);
		const after = next.headers.get(BOOKMARK_HEADER)!;
		expect(isBookmark(after)).toBe(true);
		expect(after >= bookmark!).toBe(true);
	});

	it('sets the bookmark cookie after a form post, not for someone who only reads', async () => {
		const created = (await (
			await book({
				firstName: 'Noor',
				phone: `06 5333 0${phoneCounter++}`,
				email: 'noor@example.org'
			})
		).json()) as Created;
		const reader = await worker('/nl/de-zuidwester');
		expect(reader.status).toBe(200);
		expect(reader.headers.get('set-cookie') ?? '').not.toContain(`${BOOKMARK_COOKIE}=`);

		const post = await worker(`/nl/booking/${created.manageToken}?/cancel`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'http://localhost',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: ''
		});
		expect(post.status).toBeLessThan(400);
		const cookie = post.headers.get('set-cookie') ?? '';
		const match = new RegExp(`${BOOKMARK_COOKIE}=([^;]+)`).exec(cookie);
		expect(match, cookie).not.toBeNull();
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Max-Age=600/i);
		const bookmark = decodeURIComponent(match![1]);
		expect(isBookmark(bookmark)).toBe(true);

		// The parent's next page load runs in a session that continues from their write: they see
		// the booking cancelled.
		const page = await worker(`/nl/booking/${created.manageToken}`, {
			headers: { cookie: `${BOOKMARK_COOKIE}=${match![1]}` }
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toMatch(/geannuleerd|afgezegd/i);
	});

	it('starts a session from a valid bookmark and ignores anything else from a client', async () => {
		const first = d1Session(env.DB, null);
		await first.prepare('SELECT count(*) FROM organisations').first();
		const bookmark = first.getBookmark();
		expect(isBookmark(bookmark)).toBe(true);
		const next = d1Session(env.DB, bookmark);
		await next.prepare('SELECT count(*) FROM organisations').first();
		expect(next.getBookmark()! >= bookmark!).toBe(true);
		for (const bad of ['', 'first-primary', "x'; DROP TABLE users; --", 'a'.repeat(300), null]) {
			expect(isBookmark(bad), String(bad)).toBe(false);
			const session = d1Session(env.DB, bad);
			expect(await session.prepare('SELECT 1 AS one').first()).toEqual({ one: 1 });
		}
		// A page with a forged cookie still answers.
		const res = await worker('/nl/de-zuidwester', {
			headers: { cookie: `${BOOKMARK_COOKIE}=not-a-bookmark` }
		});
		expect(res.status).toBe(200);
	});
});

describe('the first admin (npm run admin:create)', () => {
	async function run(organisation: string, email: string) {
		const token = randomToken();
		const tokenHash = await sha256Hex(token);
		const statements = firstAdminStatements({
			organisation,
			email,
			tokenHash,
			expiresAt: testNow() + 7 * 86_400_000
		});
		await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
		const check = await env.DB.prepare(firstAdminCheck(tokenHash)).first<{ invited: number }>();
		return { token, invited: check!.invited };
	}

	it('creates the organisation and an admin with an invitation that works', async () => {
		const { token, invited } = await run("Wijkteam 's-Hertogenbosch", 'Eerste@Example.org');
		expect(invited).toBe(1);
		const [org] = await db()
			.select()
			.from(organisations)
			.where(eq(organisations.slug, 'wijkteam-s-hertogenbosch'));
		expect(org.name).toBe("Wijkteam 's-Hertogenbosch");
		const [user] = await db().select().from(users).where(eq(users.email, 'eerste@example.org'));
		expect(user).toMatchObject({ role: 'admin', organisationId: org.id, passwordHash: null });
		const invitation = await findSetupLink(db(), 'invite', token, testNow(), totpKeys());
		expect(invitation).toMatchObject({ email: 'eerste@example.org', hasPassword: false });
		// The token itself is never stored, only its hash.
		const stored = await db().select().from(accountTokens).where(eq(accountTokens.userId, user.id));
		expect(stored.map((t) => t.tokenHash)).not.toContain(token);

		// Once the password is chosen, running the command again makes no new invitation.
		expect(
			await choosePassword(db(), 'invite', token, 'a long enough password 1', testNow(), totpKeys())
		).toBeTruthy();
		expect((await run("Wijkteam 's-Hertogenbosch", 'eerste@example.org')).invited).toBe(0);
	});

	it('joins an existing organisation and never takes over an account of another one', async () => {
		expect(organisationSlug('Wijkteam Tilburg')).toBe('wijkteam-tilburg');
		const { invited } = await run('Wijkteam Tilburg', 'tweede@example.org');
		expect(invited).toBe(1);
		const [user] = await db().select().from(users).where(eq(users.email, 'tweede@example.org'));
		expect(user.organisationId).toBe(1);
		expect(
			(await db().select().from(organisations).where(eq(organisations.slug, 'wijkteam-tilburg')))
				.length
		).toBe(1);
		// Samira's address, given for another organisation: nothing changes.
		expect((await run('Jeugdhulp Den Haag', 'samira@wijkteamtilburg.example.nl')).invited).toBe(0);
		const [samira] = await db()
			.select()
			.from(users)
			.where(eq(users.email, 'samira@wijkteamtilburg.example.nl'));
		expect(samira).toMatchObject({ role: 'staff', organisationId: 1 });
	});

	it('refuses an input that is not an organisation name or an e-mail address', () => {
		const base = { tokenHash: 'a'.repeat(64), expiresAt: testNow() };
		expect(() => firstAdminStatements({ ...base, organisation: '  ', email: 'a@b.nl' })).toThrow();
		expect(() =>
			firstAdminStatements({ ...base, organisation: 'X', email: "a'@b.nl; DROP TABLE users" })
		).toThrow();
		expect(() =>
			firstAdminStatements({ ...base, organisation: 'X', email: 'a@b.nl', tokenHash: 'nope' })
		).toThrow();
	});
});

describe('outbox stays the local mailer', () => {
	it('puts a booking confirmation in the outbox when no Email Service is bound', async () => {
		const before = (await db().select().from(outbox)).length;
		const res = await book({
			firstName: 'Outbox',
			phone: `06 5444 0${phoneCounter++}`,
			email: 'outbox.test@example.org'
		});
		expect(res.status).toBe(201);
		const rows = await db()
			.select()
			.from(outbox)
			.where(eq(outbox.toAddress, 'outbox.test@example.org'));
		expect(rows.length).toBe(1);
		expect((await db().select().from(outbox)).length).toBe(before + 1);
	});
});
