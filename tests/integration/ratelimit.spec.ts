import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import {
	LIMITS,
	LIMIT_KINDS,
	bindingRateLimiter,
	checkRateLimit,
	d1RateLimiter,
	rateLimitRowKey,
	type LimitKind
} from '$lib/server/ratelimit';
import { translator, staffTranslator } from '$lib/i18n/resources';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { consoleOf } from './helpers';
import { testNow } from './clock';

type ApiError = { error: { code: string; message: string } };

// The test setup raises every limit by RATE_LIMIT_SCALE (vitest.config.ts), so the other suites,
// which book many times a minute from one client, never meet them. These tests go past them.
const SCALE = Number(env.RATE_LIMIT_SCALE);
const allowed = (kind: keyof typeof LIMITS) => LIMITS[kind].limit * SCALE;

const worker = (path: string, init?: RequestInit) =>
	exports.default.fetch(new Request(`http://localhost${path}`, init));

/** A client of its own per test (TEST-NET addresses), so counts never mix. */
let address = 10;
const newClient = () => `203.0.113.${address++}`;

const apiPost = (path: string, client: string, body: unknown, lang = 'nl') =>
	worker(`${path}?lang=${lang}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'cf-connecting-ip': client },
		body: JSON.stringify(body)
	});
const formPost = (path: string, client: string, fields: Record<string, string>, lang?: string) =>
	worker(path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: 'http://localhost',
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'cf-connecting-ip': client,
			...(lang ? { 'accept-language': lang } : {})
		},
		body: new URLSearchParams(fields).toString()
	});

/**
 * Brings a client (or contact) to its limit as if it had just made every allowed attempt: the
 * window starts now and lasts its whole period, so the next attempt is the one too many.
 */
async function atLimit(kind: LimitKind, key: string) {
	const now = testNow();
	await env.DB.prepare(
		'INSERT OR REPLACE INTO rate_limits (key, window_start, hits, expires_at) VALUES (?, ?, ?, ?)'
	)
		.bind(await rateLimitRowKey(kind, key), now, allowed(kind), now + LIMITS[kind].period * 1000)
		.run();
}

/** Sends `count` requests, 25 at a time, and gives their statuses. */
async function burst(count: number, send: () => Promise<Response>): Promise<number[]> {
	const statuses: number[] = [];
	for (let done = 0; done < count; done += 25) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(25, count - done) }, async () => {
				const res = await send();
				await res.body?.cancel();
				return res.status;
			})
		);
		statuses.push(...batch);
	}
	return statuses;
}

function expectRetryAfter(res: Response, period = 60) {
	const seconds = Number(res.headers.get('retry-after'));
	expect(seconds).toBeGreaterThanOrEqual(1);
	expect(seconds).toBeLessThanOrEqual(period);
}

describe('the D1 rate limiter', () => {
	it('allows the limit per window, then refuses with the time left, then starts again', async () => {
		let now = 1_800_000_000_000;
		const limiter = d1RateLimiter(env.DB, { now: () => now });
		const key = `client:${newClient()}`;
		for (let i = 0; i < LIMITS.booking.limit; i++) {
			expect(await limiter.limit('booking', key)).toEqual({ ok: true, retryAfter: 0 });
		}
		expect(await limiter.limit('booking', key)).toEqual({ ok: false, retryAfter: 60 });
		now += 45_000;
		expect(await limiter.limit('booking', key)).toEqual({ ok: false, retryAfter: 15 });
		// Another kind and another key count apart.
		expect((await limiter.limit('question', key)).ok).toBe(true);
		expect((await limiter.limit('booking', `client:${newClient()}`)).ok).toBe(true);
		now += 15_000;
		expect(await limiter.limit('booking', key)).toEqual({ ok: true, retryAfter: 0 });
	});

	it('counts attempts at the same moment exactly once each', async () => {
		const limiter = d1RateLimiter(env.DB);
		const key = `client:${newClient()}`;
		const results = await Promise.all(
			Array.from({ length: 3 * LIMITS.pairing.limit }, () => limiter.limit('pairing', key))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.pairing.limit);
	});

	it('stores no address or contact in clear', async () => {
		await d1RateLimiter(env.DB).limit('booking', 'contact:fatima@example.nl');
		const keys = await env.DB.prepare('SELECT key FROM rate_limits').all<{ key: string }>();
		for (const { key } of keys.results) expect(key).toMatch(/^[a-z]+:[0-9a-f]{64}$/);
	});

	it('refuses when either the client or the contact is over the limit', async () => {
		const client = newClient();
		const contact = `+3161234${address}`;
		for (let i = 0; i < allowed('question'); i++) {
			expect((await checkRateLimit(env, 'question', { contact })).ok).toBe(true);
		}
		expect((await checkRateLimit(env, 'question', { client })).ok).toBe(true);
		expect(await checkRateLimit(env, 'question', { client, contact })).toMatchObject({
			ok: false
		});
	});
});

describe('the rate-limit configuration', () => {
	it('has a [[ratelimits]] binding in wrangler.toml for every kind, with the same numbers', () => {
		for (const kind of LIMIT_KINDS) {
			const { binding, limit, period } = LIMITS[kind];
			expect(wranglerToml, kind).toMatch(
				new RegExp(
					`name = "${binding}"\\s*\\nnamespace_id = "\\d+"\\s*\\nsimple = \\{ limit = ${limit}, period = ${period} \\}`
				)
			);
		}
		expect(wranglerToml).toMatch(/^RATE_LIMITS = "d1"$/m);
	});

	it('uses the Workers binding when RATE_LIMITS is "binding"', async () => {
		const limiter = bindingRateLimiter(env);
		expect(await limiter.limit('signin', `client:${newClient()}`)).toEqual({
			ok: true,
			retryAfter: 0
		});
		await expect(bindingRateLimiter({}).limit('signin', 'x')).rejects.toThrow(/RATE_LIMIT_SIGNIN/);
	});
});

const freeSlot = async () => {
	const today = amsterdamDate(testNow());
	const res = await worker(
		`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`
	);
	return ((await res.json()) as { staffId: number; start: string }[]).find((s) => s.staffId === 1)!;
};

describe('429 on the API', () => {
	it('counts every attempt of a client, and refuses the one past the limit', async () => {
		const client = newClient();
		const path = '/api/v1/schools/de-zuidwester/questions';
		const statuses = await burst(allowed('question'), () => apiPost(path, client, {}));
		expect(new Set(statuses)).toEqual(new Set([400]));
		let refused = new Response();
		const lines = await consoleOf(async () => {
			refused = await apiPost(path, client, {}, 'ar');
		});
		expect(refused.status).toBe(429);
		// A security event that names the limit, not the client.
		expect(lines.map((line) => JSON.parse(line))).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				event: 'security',
				code: 'rate_limited',
				kind: 'question'
			})
		);
		expect(lines.join('\n')).not.toContain(client);
		expectRetryAfter(refused);
		expect(((await refused.json()) as ApiError).error).toEqual({
			code: 'rate_limited',
			message: translator('ar')('errors.rate_limited'),
			fields: {}
		});
		// Another client is not held back by this one.
		expect((await apiPost(path, newClient(), {})).status).toBe(400);
	}, 60_000);

	it("refuses a booking past the limit per client, with Retry-After, in the caller's language", async () => {
		const client = newClient();
		const path = '/api/v1/schools/de-zuidwester/bookings';
		expect((await apiPost(path, client, {})).status).toBe(400);
		await atLimit('booking', `client:${client}`);
		const refused = await apiPost(path, client, {}, 'tr');
		expect(refused.status).toBe(429);
		expectRetryAfter(refused);
		expect(((await refused.json()) as ApiError).error).toEqual({
			code: 'rate_limited',
			message: translator('tr')('errors.rate_limited'),
			fields: {}
		});
		const dutch = await apiPost(path, client, {});
		expect(((await dutch.json()) as ApiError).error.message).toBe(
			translator('nl')('errors.rate_limited')
		);
		expect((await apiPost(path, newClient(), {})).status).toBe(400);
	});

	it('refuses a booking past the limit per contact, from whatever address, and stores nothing', async () => {
		const slot = await freeSlot();
		const email = `noor${address}@example.nl`;
		const body = {
			staffId: 1,
			start: slot.start,
			firstName: 'Noor',
			email,
			language: 'nl',
			consent: true
		};
		await atLimit('booking', `contact:${email}`);
		const refused = await apiPost(
			'/api/v1/schools/de-zuidwester/bookings',
			newClient(),
			body,
			'uk'
		);
		expect(refused.status).toBe(429);
		expectRetryAfter(refused);
		expect(((await refused.json()) as ApiError).error.message).toBe(
			translator('uk')('errors.rate_limited')
		);
		const stored = await env.DB.prepare('SELECT count(*) AS n FROM bookings WHERE email = ?')
			.bind(email)
			.first<{ n: number }>();
		expect(stored!.n).toBe(0);
	});

	it('lets a parent below the limit book as before', async () => {
		const slot = await freeSlot();
		const res = await apiPost('/api/v1/schools/de-zuidwester/bookings', newClient(), {
			staffId: 1,
			start: slot.start,
			firstName: 'Lina',
			phone: `06 7000 ${1000 + address}`,
			language: 'nl',
			consent: true
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('retry-after')).toBeNull();
	});
});

describe('429 in the OpenAPI document', () => {
	type Doc = {
		paths: Record<
			string,
			Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>
		>;
	};
	// Every write of the API that counts attempts: the limit it counts against.
	const limited = [
		['/v1/schools/{slug}/bookings', 'booking'],
		['/v1/schools/{slug}/questions', 'question'],
		['/v1/schools/{slug}/walkin', 'checkin'],
		['/v1/schools/{slug}/walkin/checkin', 'checkin'],
		['/v1/schools/{slug}/suggestions', 'meeting']
	] as const;

	it.each(limited)(
		'POST %s answers 429 past its limit, as the document says',
		async (path, kind) => {
			const client = newClient();
			await atLimit(kind, `client:${client}`);
			const refused = await apiPost(`/api${path.replace('{slug}', 'de-zuidwester')}`, client, {});
			expect(refused.status).toBe(429);
			expectRetryAfter(refused, LIMITS[kind].period);
			const doc = (await (await worker('/api/v1/openapi.json')).json()) as Doc;
			const documented = doc.paths[path].post.responses['429'];
			expect(documented).toBeDefined();
			expect(Object.keys(documented.headers ?? {})).toContain('Retry-After');
		}
	);
});

describe('429 on the forms', () => {
	it('the book form shows the message in the page language and keeps what was typed', async () => {
		const slot = await freeSlot();
		const step = `/tr/de-zuidwester/book?staff=1&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}&/book`;
		const client = newClient();
		const typed = {
			staffId: '1',
			start: slot.start,
			firstName: 'Ayşe',
			remark: 'Sabah olursa iyi'
		};
		const below = await formPost(step, client, typed);
		expect(below.status).toBe(400);
		// (The page carries all its texts for the browser; the summary is what the parent reads.)
		expect(await below.text()).not.toContain(
			`<strong>${translator('tr')('errors.rate_limited')}</strong>`
		);

		await atLimit('booking', `client:${client}`);
		const refused = await formPost(step, client, { ...typed, phone: '06 12345678', consent: 'on' });
		expect(refused.status).toBe(429);
		expectRetryAfter(refused);
		const html = await refused.text();
		expect(html).toContain(`<strong>${translator('tr')('errors.rate_limited')}</strong>`);
		expect(html).toContain('value="Ayşe"');
		expect(html).toContain('value="06 12345678"');
		expect(html).toContain('Sabah olursa iyi');
		const stored = await env.DB.prepare(
			`SELECT count(*) AS n FROM bookings WHERE first_name = 'Ayşe'`
		).first<{ n: number }>();
		expect(stored!.n).toBe(0);
	});

	it('the ask form shows the message and keeps the question', async () => {
		const client = newClient();
		const typed = { category: 'sleep_eating', text: 'Mijn dochter slaapt slecht.', consent: 'on' };
		await atLimit('question', `client:${client}`);
		const refused = await formPost('/pl/de-zuidwester/ask', client, typed);
		expect(refused.status).toBe(429);
		expectRetryAfter(refused);
		const html = await refused.text();
		expect(html).toContain(translator('pl')('errors.rate_limited'));
		expect(html).toContain('Mijn dochter slaapt slecht.');
		const stored = await env.DB.prepare(
			`SELECT count(*) AS n FROM questions WHERE text = 'Mijn dochter slaapt slecht.'`
		).first<{ n: number }>();
		expect(stored!.n).toBe(0);
	});

	it('staff sign-in stops a client past the limit, in the staff language, keeping the e-mail', async () => {
		const client = newClient();
		const fields = { email: 'nobody@example.nl', password: 'wrong password' };
		const below = await formPost('/staff/login', client, fields, 'en');
		// Below the brake the existing answer stands.
		expect(below.status).toBe(400);
		expect(await below.text()).toContain(staffTranslator('en')('staff.login.invalid_credentials'));

		await atLimit('signin', `client:${client}`);
		const refused = await formPost('/staff/login', client, fields, 'en');
		expect(refused.status).toBe(429);
		expectRetryAfter(refused);
		const html = await refused.text();
		expect(html).toContain(staffTranslator('en')('staff.login.rate_limited'));
		expect(html).toContain('value="nobody@example.nl"');
		const dutch = await formPost('/staff/login', client, fields, 'nl');
		expect(await dutch.text()).toContain(staffTranslator('nl')('staff.login.rate_limited'));
		// Another client signs in as before.
		expect((await formPost('/staff/login', newClient(), fields, 'en')).status).toBe(400);
	});
});
