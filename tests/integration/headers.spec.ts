import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/server/crypto';
import { BOOKMARK_COOKIE, d1Session } from '$lib/server/db/replica';
import { publicPageCache } from '$lib/server/http/headers';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';

/**
 * The security headers over the routes that matter, through the whole built worker: a CSP with
 * nonces and no inline scripts on pages, `Cache-Control: no-store` wherever personal data or a
 * secret link is answered, and Clear-Site-Data when staff sign out.
 */
const SESSION = 'headers-spec-session-token';
const CALENDAR = 'headers-spec-calendar-secret';

const worker = (path: string, init: RequestInit = {}, signedIn = false) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			redirect: 'manual',
			...init,
			headers: {
				'cf-connecting-ip': '192.0.2.77',
				...(signedIn ? { cookie: `__Host-inloop_session=${SESSION}` } : {}),
				...(init.headers as Record<string, string> | undefined)
			}
		})
	);
const apiPost = (path: string, body: unknown) =>
	worker(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

let manageToken = '';
let accessToken = '';
let created: Response[] = [];

beforeAll(async () => {
	const now = testNow();
	const user = (await env.DB.prepare(
		`SELECT id FROM users WHERE email = 'samira@wijkteamtilburg.example.nl'`
	).first<{ id: number }>())!.id;
	// A signed-in session (both factors passed) and a calendar feed secret, straight into D1.
	await env.DB.batch([
		env.DB.prepare(
			`INSERT OR REPLACE INTO sessions (id_hash, user_id, second_factor_at, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`
		).bind(await sha256Hex(SESSION), user, now, now, now, now + 3_600_000),
		env.DB.prepare('UPDATE users SET calendar_token_hash = ? WHERE id = ?').bind(
			await sha256Hex(CALENDAR),
			user
		)
	]);

	const today = amsterdamDate(now);
	const slots = (await (
		await worker(`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`)
	).json()) as { staffId: number; start: string }[];
	const booked = await apiPost('/api/v1/schools/de-zuidwester/bookings', {
		staffId: slots[0].staffId,
		start: slots[0].start,
		firstName: 'Hanna',
		phone: '06 98765432',
		language: 'nl',
		consent: true
	});
	const asked = await apiPost('/api/v1/schools/de-zuidwester/questions', {
		category: 'school',
		text: 'Een vraag over huiswerk.',
		answerBy: 'page',
		language: 'nl',
		consent: true
	});
	created = [booked, asked];
	manageToken = ((await booked.clone().json()) as { manageToken: string }).manageToken;
	accessToken = ((await asked.clone().json()) as { accessToken: string }).accessToken;
});

const scriptSrc = (csp: string) =>
	csp
		.split(';')
		.map((d) => d.trim())
		.find((d) => d.startsWith('script-src'));

describe('Content-Security-Policy', () => {
	it('gives every page a nonce for its scripts and never allows inline scripts', async () => {
		for (const path of [
			'/nl',
			'/ar/de-zuidwester',
			'/nl/de-zuidwester/book',
			'/nl/de-zuidwester/ask',
			`/nl/booking/${manageToken}`,
			`/nl/question/${accessToken}`,
			'/staff/login'
		]) {
			const res = await worker(path);
			expect(res.status, path).toBe(200);
			const csp = res.headers.get('content-security-policy')!;
			const scripts = scriptSrc(csp)!;
			// Pages without JavaScript need no nonce at all; the others get one per response.
			expect(scripts, path).toMatch(/^script-src 'self'( 'nonce-[\w+/=]+')?$/);
			expect(csp, path).not.toContain('unsafe-inline');
			expect(csp, path).not.toContain('unsafe-eval');
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("object-src 'none'");
			// Every inline script on the page carries that nonce; a script file of our own (the parent
			// pages' /push.js, /read-aloud.js) comes from this origin, which 'self' allows.
			const nonce = scripts.match(/'nonce-([^']+)'/)?.[1];
			const html = await res.text();
			for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
				if (/\ssrc="\/[\w.-]+\.js"/.test(tag)) continue;
				expect(nonce, path).toBeDefined();
				expect(tag, path).toContain(`nonce="${nonce}"`);
			}
		}
	});

	it('locks everything that is not a page to nothing at all', async () => {
		for (const path of ['/api/health', `/api/v1/bookings/${manageToken}`]) {
			const csp = (await worker(path)).headers.get('content-security-policy');
			expect(csp, path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
		}
	});
});

describe('Cache-Control: no-store on personal data', () => {
	it('is on the parent pages with a secret link, their calendar file, and the API answers', async () => {
		for (const path of [
			`/nl/booking/${manageToken}`,
			`/nl/booking/${manageToken}/calendar.ics`,
			`/ar/question/${accessToken}`,
			'/nl/de-zuidwester/book',
			'/nl/de-zuidwester/ask',
			`/api/v1/bookings/${manageToken}`,
			`/api/v1/questions/${accessToken}`,
			`/api/calendar/${CALENDAR}.ics`
		]) {
			const res = await worker(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('cache-control'), path).toBe('no-store');
		}
		// The answers that hand out a manage or access token.
		for (const res of created) {
			expect(res.status).toBe(201);
			expect(res.headers.get('cache-control')).toBe('no-store');
		}
		const cancelled = await worker(`/api/v1/bookings/${manageToken}`, { method: 'DELETE' });
		expect(cancelled.status).toBe(200);
		expect(cancelled.headers.get('cache-control')).toBe('no-store');
	});

	it('is on every staff page, signed in or not', async () => {
		for (const path of [
			'/staff/login',
			'/staff/login/forgot',
			'/staff/today',
			'/staff/week',
			'/staff/bookings',
			'/staff/questions',
			'/staff/profile'
		]) {
			const res = await worker(path, {}, path !== '/staff/login' && path !== '/staff/login/forgot');
			expect(res.status, path).toBe(200);
			expect(res.headers.get('cache-control'), path).toBe('no-store');
		}
		const export_ = await worker('/staff/bookings/export.csv', {}, true);
		expect(export_.headers.get('cache-control')).toBe('no-store');
		// Redirects to sign-in, too.
		const away = await worker('/staff/today');
		expect(away.status).toBe(303);
		expect(away.headers.get('cache-control')).toBe('no-store');
	});
});

describe('the shared cache for public pages', () => {
	it("keeps a school's page a minute, and answers the next visitor from the cache", async () => {
		const path = `/pl/de-zuidwester?run=${testNow()}`;
		const first = await worker(path);
		expect(first.headers.get('cf-cache-status')).toBeNull();
		expect(first.status).toBe(200);
		expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
		expect(first.headers.get('set-cookie')).toBeNull();
		const html = await first.text();
		expect(first.headers.get('x-inloop-cache')).toBe('miss');
		const again = await worker(path);
		// From the isolate's memory within MEMORY_CACHE_MS of the first, from Cloudflare's cache after.
		const tier = again.headers.get('x-inloop-cache');
		expect(['memory', 'edge']).toContain(tier);
		expect(again.headers.get('cf-cache-status')).toBe(tier === 'edge' ? 'HIT' : null);
		expect(await again.text()).toBe(html);
		// The security headers were kept with it.
		expect(again.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});

	it('lasts as long as PAGE_CACHE_SECONDS says, and 0 (or nonsense) turns it off', () => {
		expect(publicPageCache(undefined)).toBe('public, max-age=0, s-maxage=60');
		expect(publicPageCache({ PAGE_CACHE_SECONDS: '300' })).toBe('public, max-age=0, s-maxage=300');
		expect(publicPageCache({ PAGE_CACHE_SECONDS: '999999' })).toBe(
			'public, max-age=0, s-maxage=3600'
		);
		for (const off of ['0', '-5', 'soon', ''])
			expect(publicPageCache({ PAGE_CACHE_SECONDS: off }), off).toBe('no-cache');
	});

	it('is never used for a page that sets a cookie, or for the booking steps', async () => {
		// A parent who wrote something carries a D1 bookmark; after newer writes their next page
		// renews it (a Set-Cookie), and that answer is theirs alone.
		const session = d1Session(env.DB, null);
		await session.prepare('SELECT 1').first();
		const bookmark = session.getBookmark()!;
		await env.DB.prepare('UPDATE organisations SET name = name WHERE id = 1').run();
		// (A fresh address: nothing of an earlier run is in the cache under it.)
		const path = `/uk/de-zuidwester?run=${testNow()}`;
		const res = await worker(path, {
			headers: {
				cookie: `${BOOKMARK_COOKIE}=${encodeURIComponent(bookmark)}`,
				'cache-control': 'no-cache'
			}
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toContain(`${BOOKMARK_COOKIE}=`);
		expect(res.headers.get('cache-control')).toBe('no-cache');
		expect((await worker(path)).headers.get('cf-cache-status')).toBeNull();
		for (const path of ['/nl/de-zuidwester/book', '/nl/de-zuidwester/ask']) {
			expect((await worker(path)).headers.get('cache-control'), path).toBe('no-store');
		}
	});
});

describe('signing out', () => {
	it('ends the session and tells the browser to clear the site data', async () => {
		expect((await worker('/staff/today', {}, true)).status).toBe(200);
		const res = await worker(
			'/staff/logout',
			{
				method: 'POST',
				headers: {
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: ''
			},
			true
		);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/staff/login?notice=signedOut');
		expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies", "storage"');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('set-cookie')).toMatch(/__Host-inloop_session=;.*Max-Age=0/i);
		expect((await worker('/staff/today', {}, true)).status).toBe(303);
	});
});
