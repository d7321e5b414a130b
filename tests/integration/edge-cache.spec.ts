import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';
import { SAMIRA, postForm, signIn } from './helpers';

/**
 * Cloudflare's cache in front of the public reads (src/lib/server/http/edge-cache.ts), through
 * the whole built worker with its real Cache API: a repeat costs no D1 round trip, the language
 * is part of the key, nothing personal is kept, and a write makes the next read fresh.
 */
type Slot = { staffId: number; start: string; remaining: number };

// The integration suites run with API_CACHE_SECONDS 0 (vitest.config.ts); here it is on.
const cached = { ...env, API_CACHE_SECONDS: '30', PAGE_CACHE_SECONDS: '60' };

async function fetchWorker(path: string, init: RequestInit = {}) {
	const ctx = createExecutionContext();
	const response = await worker.fetch!(
		new Request(`http://localhost${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
		cached,
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
			const again = await fetchWorker(path);
			expect(again.headers.get('cf-cache-status'), path).toBe('HIT');
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
