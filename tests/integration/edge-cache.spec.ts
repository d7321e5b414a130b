import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';
import { SAMIRA, postForm, signIn } from './helpers';
import { LANGUAGES } from '$lib/i18n/languages';
import wranglerToml from '../../wrangler.toml?raw';
import { isSharedRead } from '$lib/server/http/edge-cache';

/**
 * Cloudflare's cache in front of the public reads (src/lib/server/http/edge-cache.ts), through
 * the whole built worker with its real Cache API: a repeat costs no D1 round trip, the language
 * is part of the key, nothing personal is kept, and a write makes the next read fresh.
 */
type Slot = { staffId: number; start: string; remaining: number };

// The integration suites run with API_CACHE_SECONDS 0 (vitest.config.ts); here it is on. The
// isolate's memory in front of the cache is off for the tests of the cache itself, and held for a
// minute in those of the memory (so that no test depends on how fast the machine is).
const cached = { ...env, API_CACHE_SECONDS: '30', PAGE_CACHE_SECONDS: '60', MEMORY_CACHE_MS: '0' };
const remembered = { ...cached, MEMORY_CACHE_MS: '60000' };

async function fetchWorker(path: string, init: RequestInit = {}, vars: Env = cached) {
	const ctx = createExecutionContext();
	const response = await worker.fetch!(
		new Request(`http://localhost${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
		vars,
		ctx
	);
	// The answer is put in the cache after it is sent (waitUntil): wait for that too.
	await waitOnExecutionContext(ctx);
	return response;
}

const tripsOf = (response: Response) =>
	Number(/d1;desc="(\d+) round trips?"/.exec(response.headers.get('server-timing') ?? '')?.[1]);

// A range of its own per run: nothing of an earlier run is in the cache under these addresses.
const today = amsterdamDate(testNow());
const slotsPath = (to = 27) =>
	`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, to)}`;

let phone = 500;
const parent = (slot: Slot) => ({
	staffId: slot.staffId,
	start: slot.start,
	firstName: 'Noor',
	phone: `06 4100 0${phone++}`,
	language: 'nl',
	consent: true
});

describe('the shared cache of the public reads', () => {
	it('answers a repeat of the school, its slots and its walk-in status without D1', async () => {
		for (const path of [
			'/api/v1/schools/de-zuidwester',
			slotsPath(26),
			'/api/v1/schools/de-zuidwester/walkin',
			'/nl/de-zuidwester'
		]) {
			const first = await fetchWorker(path);
			expect(first.status, path).toBe(200);
			expect(first.headers.get('cache-control'), path).toMatch(/^public, max-age=0, s-maxage=\d+$/);
			expect(tripsOf(first), path).toBeGreaterThan(0);
			const body = await first.text();
			expect(first.headers.get('x-inloop-cache'), path).toBe('miss');
			const again = await fetchWorker(path);
			expect(again.headers.get('cf-cache-status'), path).toBe('HIT');
			expect(again.headers.get('x-inloop-cache'), path).toBe('edge');
			expect(tripsOf(again), path).toBe(0);
			expect(await again.text(), path).toBe(body);
		}
	});

	it('keeps each language apart: ?lang= and Accept-Language are part of the key', async () => {
		const path = slotsPath(25);
		const english = await fetchWorker(path, { headers: { 'accept-language': 'en' } });
		expect(english.headers.get('vary')).toBe('Accept-Language');
		expect(tripsOf(english)).toBeGreaterThan(0);
		expect(tripsOf(await fetchWorker(path, { headers: { 'accept-language': 'en' } }))).toBe(0);
		// Another language is another answer, read from D1 the first time.
		expect(
			tripsOf(await fetchWorker(path, { headers: { 'accept-language': 'ar' } }))
		).toBeGreaterThan(0);
		expect(tripsOf(await fetchWorker(`${path}&lang=tr`))).toBeGreaterThan(0);
		expect(tripsOf(await fetchWorker(`${path}&lang=tr`))).toBe(0);
	});

	it('never keeps anything personal, or an answer to a parent who has just written', async () => {
		const slots = (await (await fetchWorker(slotsPath(24))).json()) as Slot[];
		const booked = await fetchWorker('/api/v1/schools/de-zuidwester/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(parent(slots.at(-1)!))
		});
		expect(booked.status).toBe(201);
		const { manageToken } = (await booked.json()) as { manageToken: string };
		for (let i = 0; i < 2; i++) {
			const mine = await fetchWorker(`/api/v1/bookings/${manageToken}`);
			expect(mine.headers.get('cache-control')).toBe('no-store');
			expect(tripsOf(mine)).toBeGreaterThan(0);
		}
		// With the D1 bookmark of their own write, a parent reads past the cache.
		const path = slotsPath(23);
		await fetchWorker(path);
		const bookmark = booked.headers.get('x-d1-bookmark');
		if (bookmark) {
			const own = await fetchWorker(path, { headers: { 'x-d1-bookmark': bookmark } });
			expect(own.headers.get('cf-cache-status')).toBeNull();
			expect(tripsOf(own)).toBeGreaterThan(0);
		}
	});

	it('reads the slots afresh after a booking: the place taken is no longer offered', async () => {
		const path = slotsPath(22);
		const before = (await (await fetchWorker(path)).json()) as Slot[];
		const last = before.filter((s) => s.remaining === 1).at(-1)!;
		expect(last).toBeDefined();
		expect(tripsOf(await fetchWorker(path))).toBe(0);
		const school = await fetchWorker('/nl/de-zuidwester');
		expect(school.status).toBe(200);

		const booked = await fetchWorker('/api/v1/schools/de-zuidwester/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(parent(last))
		});
		expect(booked.status).toBe(201);

		const after = await fetchWorker(path);
		expect(after.headers.get('cf-cache-status')).toBeNull();
		expect(tripsOf(after)).toBeGreaterThan(0);
		const free = (await after.json()) as Slot[];
		expect(free.some((s) => s.staffId === last.staffId && s.start === last.start)).toBe(false);
		expect(free).toHaveLength(before.length - 1);
		// The school's page too: the next read after the write runs the page.
		expect(tripsOf(await fetchWorker('/nl/de-zuidwester'))).toBe(1);
	});

	it('reads afresh after a cancellation: the place is offered again', async () => {
		const path = slotsPath(21);
		const before = (await (await fetchWorker(path)).json()) as Slot[];
		const slot = before.filter((s) => s.remaining === 1).at(-2)!;
		const booked = await fetchWorker('/api/v1/schools/de-zuidwester/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(parent(slot))
		});
		const { manageToken } = (await booked.json()) as { manageToken: string };
		const without = (await (await fetchWorker(path)).json()) as Slot[];
		expect(without.some((s) => s.start === slot.start && s.staffId === slot.staffId)).toBe(false);
		expect(tripsOf(await fetchWorker(path))).toBe(0);
		const cancelled = await fetchWorker(`/api/v1/bookings/${manageToken}`, { method: 'DELETE' });
		expect(cancelled.status).toBeLessThan(400);
		const again = (await (await fetchWorker(path)).json()) as Slot[];
		expect(again.some((s) => s.start === slot.start && s.staffId === slot.staffId)).toBe(true);
	});

	it('reads the walk-in status afresh after a number is called on the queue page', async () => {
		const { token } = await signIn(SAMIRA);
		const path = '/api/v1/schools/de-zuidwester/walkin?for=queue';
		const first = await fetchWorker(path);
		expect(first.status).toBe(200);
		expect(tripsOf(await fetchWorker(path))).toBe(0);
		const called = await postForm(
			'/staff/queue?/next',
			new URLSearchParams({ schoolId: '1', staffId: '1' }),
			token
		);
		expect(called.status).toBe(200);
		const after = await fetchWorker(path);
		expect(after.headers.get('cf-cache-status')).toBeNull();
		expect(tripsOf(after)).toBeGreaterThan(0);
	});

	it('keeps no failed write from emptying the cache, and no error answer', async () => {
		const path = slotsPath(20);
		await fetchWorker(path);
		const refused = await fetchWorker('/api/v1/schools/de-zuidwester/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(refused.status).toBe(400);
		expect(tripsOf(await fetchWorker(path))).toBe(0);
		for (let i = 0; i < 2; i++) {
			const missing = await fetchWorker('/api/v1/schools/no-such-school-here');
			expect(missing.status).toBe(404);
			expect(missing.headers.get('cf-cache-status')).toBeNull();
		}
	});
});

describe("the isolate's memory in front of the cache", () => {
	const book = (slot: Slot, vars: Env) =>
		fetchWorker(
			'/api/v1/schools/de-zuidwester/bookings',
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(parent(slot))
			},
			vars
		);

	it('answers a repeat from memory: no cache lookup, no D1, the same answer', async () => {
		for (const path of [
			'/api/v1/schools/de-zuidwester?lang=pl',
			`${slotsPath(19)}&lang=pl`,
			'/api/v1/schools/de-zuidwester/walkin?lang=pl',
			'/pl/de-zuidwester'
		]) {
			// Languages no other test here reads: nothing of them is in the memory or the cache yet.
			const first = await fetchWorker(path, {}, remembered);
			expect(first.headers.get('x-inloop-cache'), path).toBe('miss');
			expect(tripsOf(first), path).toBeGreaterThan(0);
			const body = await first.text();
			const again = await fetchWorker(path, {}, remembered);
			expect(again.headers.get('x-inloop-cache'), path).toBe('memory');
			// Not from Cloudflare's cache: the header says so only when it is.
			expect(again.headers.get('cf-cache-status'), path).toBeNull();
			expect(tripsOf(again), path).toBe(0);
			expect(again.headers.get('cache-control'), path).toBe(first.headers.get('cache-control'));
			expect(await again.text(), path).toBe(body);
			// Every hit has the whole answer: the bytes held are not handed over to the first.
			const third = await fetchWorker(path, {}, remembered);
			expect(third.headers.get('x-inloop-cache'), path).toBe('memory');
			expect(await third.text(), path).toBe(body);
		}
	});

	it('fills the memory from the cache, and keeps the languages apart there too', async () => {
		const path = slotsPath(18);
		expect((await fetchWorker(path, { headers: { 'accept-language': 'uk' } })).status).toBe(200);
		// Kept in the cache with the memory off; the memory's first read of it is the cache's.
		const edge = await fetchWorker(path, { headers: { 'accept-language': 'uk' } }, remembered);
		expect(edge.headers.get('x-inloop-cache')).toBe('edge');
		expect(tripsOf(edge)).toBe(0);
		const memory = await fetchWorker(path, { headers: { 'accept-language': 'uk' } }, remembered);
		expect(memory.headers.get('x-inloop-cache')).toBe('memory');
		expect(memory.headers.get('content-language')).toBe(edge.headers.get('content-language'));
		const other = await fetchWorker(path, { headers: { 'accept-language': 'ti' } }, remembered);
		expect(other.headers.get('x-inloop-cache')).toBe('miss');
		expect(tripsOf(other)).toBeGreaterThan(0);
	});

	it('sees a write in the same isolate at once: the place taken is no longer offered', async () => {
		const path = slotsPath(17);
		const before = (await (await fetchWorker(path, {}, remembered)).json()) as Slot[];
		const last = before.filter((s) => s.remaining === 1).at(-1)!;
		expect(last).toBeDefined();
		expect((await fetchWorker(path, {}, remembered)).headers.get('x-inloop-cache')).toBe('memory');
		expect((await book(last, remembered)).status).toBe(201);
		// The memory holds a minute here, yet the next read is fresh, without waiting.
		const after = await fetchWorker(path, {}, remembered);
		expect(after.headers.get('x-inloop-cache')).toBe('miss');
		expect(tripsOf(after)).toBeGreaterThan(0);
		const free = (await after.json()) as Slot[];
		expect(free.some((s) => s.staffId === last.staffId && s.start === last.start)).toBe(false);
		expect(free).toHaveLength(before.length - 1);
	});

	it('holds nothing personal and no error answer', async () => {
		for (let i = 0; i < 2; i++) {
			const missing = await fetchWorker('/api/v1/schools/no-such-school-there', {}, remembered);
			expect(missing.status).toBe(404);
			expect(missing.headers.get('x-inloop-cache')).toBe('miss');
		}
	});
});

describe('the public reads run the worker first', () => {
	// wrangler.toml [assets] run_worker_first: a path it names goes to the worker without asking
	// the assets first whether a file of that name exists (a lookup a cached read need not pay).
	const patterns: string[] = JSON.parse(
		/^run_worker_first\s*=\s*(\[.*\])$/m.exec(wranglerToml)?.[1] ?? '[]'
	);
	const named = (path: string) =>
		patterns.some((p) => new RegExp(`^${p.replaceAll('*', '.*')}$`).test(path));

	it('names every shared read, in every language, and no static file', () => {
		const reads = [
			...LANGUAGES.map((lang) => `/${lang}/de-zuidwester`),
			'/api/v1/schools/de-zuidwester',
			'/api/v1/schools/de-zuidwester/slots',
			'/api/v1/schools/de-zuidwester/walkin'
		];
		for (const path of reads) {
			expect(
				isSharedRead(new Request(`http://localhost${path}`), new URL(`http://localhost${path}`)),
				path
			).toBe(true);
			expect(named(path), path).toBe(true);
		}
		for (const file of [
			'/favicon.svg',
			'/robots.txt',
			'/kiosk.js',
			'/read-aloud.js',
			'/_app/immutable/x.js'
		])
			expect(named(file), file).toBe(false);
	});
});
