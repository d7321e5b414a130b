/**
 * Cloudflare's cache (`caches.default`) in front of the public reads that are the same for every
 * visitor: a school's page, and the API's school, free slots and walk-in status. The worker's
 * entry (src/worker.ts) asks here before it runs SvelteKit, so a repeat costs no D1 round trip.
 *
 * Freshness: every answer is kept under a key with a version in it, and every write (a booking, a
 * cancellation, a move, a change of hours, a claimed offer, a walk-in number taken or called: any
 * POST, PUT, PATCH or DELETE that succeeds) draws a new version, so the next read after it is
 * fresh. The version lives in the same cache (a colo's). In another Cloudflare location an answer
 * lasts at most its `s-maxage` (PAGE_CACHE_SECONDS, API_CACHE_SECONDS): no parent sees a slot as
 * free for longer than that after it was taken.
 *
 * Two tiers: the isolate's memory first, then the Cache API. The memory holds the version and the
 * answers last read (a few hundred, each under MEMORY_ENTRY_BYTES) for MEMORY_CACHE_MS (a second
 * unless the var says otherwise), so a hot read costs no cache lookup at all. A write in this
 * isolate draws its new version into memory at once and drops the answers held; other isolates
 * see the new version when their memory runs out, within that second. Every shared answer says
 * which tier gave it: `x-inloop-cache: memory`, `edge` or `miss`.
 *
 * What is kept: only answers that say `public` with an `s-maxage`, and set no cookie (the hooks
 * take `public` away from anything personal). The Cache API honours no `Vary`, so the language an
 * API answer is in (`?lang=`, else Accept-Language) is part of the key. A request that carries a
 * D1 bookmark (a parent who has just written) or asks for `no-cache` goes past the cache.
 */
import { isLanguage, negotiateLanguage } from '../../i18n/languages.ts';
import { BOOKMARK_COOKIE, BOOKMARK_HEADER } from '../db/replica.ts';

/** The paths whose GET answers may be shared: school page, school JSON, slots, walk-in status. */
const SHARED_READS = [
	/^\/[a-z]{2}\/[a-z0-9-]+$/,
	/^\/api\/v1\/schools\/[^/]+(\/slots|\/walkin\/?)?$/
];

/** Where the version is kept: a key of our own that no request can reach. */
const VERSION_PATH = '/__edge/version';

/** Whether a request is one of the reads that may be shared (GET of a shared path). */
export const isSharedRead = (request: Request, url: URL): boolean =>
	request.method === 'GET' && SHARED_READS.some((path) => path.test(url.pathname));

/** Whether this request of a shared read goes past the cache: `no-cache`, or a D1 bookmark. */
const goesPast = (request: Request): boolean =>
	(request.headers.get('cache-control') ?? '').includes('no-cache') ||
	request.headers.has(BOOKMARK_HEADER) ||
	(request.headers.get('cookie') ?? '').includes(`${BOOKMARK_COOKIE}=`);

/**
 * The request as the SvelteKit worker gets it: with `no-cache`, so the adapter's own cache
 * (under the bare address, without a version, so never made fresh by a write) is passed by.
 */
function pastAdapterCache(request: Request): Request {
	const headers = new Headers(request.headers);
	headers.set('cache-control', 'no-cache');
	return new Request(request, { headers });
}

/** The cache the worker shares with the other requests of this location; none outside Workers. */
const sharedCache = (): Cache | undefined =>
	(globalThis as { caches?: { default?: Cache } }).caches?.default;

const versionKey = (url: URL) => new Request(`${url.origin}${VERSION_PATH}`);

/** How long the memory tier trusts what it holds, unless MEMORY_CACHE_MS says otherwise. */
const MEMORY_MS = 1000;
/** How many answers the memory holds at most (the least recently read go first). */
const MEMORY_ANSWERS = 300;
/** The largest answer the memory holds (a school's page is about 15 KB before gzip). */
const MEMORY_ENTRY_BYTES = 256 * 1024;

/**
 * The memory's lifetime is real time passing, not the worker's clock: a test clock may stand
 * still (TEST_CLOCK at an instant), and then nothing held would ever run out. The lag it bounds is
 * how long another isolate takes to see a write, which is measured in real time.
 */
const memoryNow = () => performance.now();

type Held = { at: number; version: string };
type HeldAnswer = { at: number; status: number; headers: [string, string][]; body: ArrayBuffer };

/** The isolate's memory: the version of each origin, and answers by their key (version inside). */
const memory = {
	versions: new Map<string, Held>(),
	answers: new Map<string, HeldAnswer>()
};

/** The memory's lifetime for a worker with these vars (MEMORY_CACHE_MS; 0 turns it off). */
export function memoryMsOf(env: { MEMORY_CACHE_MS?: string } | undefined): number {
	const ms = Number(env?.MEMORY_CACHE_MS ?? MEMORY_MS);
	return Number.isFinite(ms) && ms >= 0 ? ms : MEMORY_MS;
}

const isFresh = (at: number, ms: number) => memoryNow() - at < ms;

/** The version answers are kept under now; a new one when none is kept (nothing old then matches). */
async function currentVersion(cache: Cache, url: URL, memoryMs: number): Promise<string> {
	const held = memory.versions.get(url.origin);
	if (held && isFresh(held.at, memoryMs)) return held.version;
	const kept = await cache.match(versionKey(url));
	const version = kept ? await kept.text() : await newVersion(cache, url);
	memory.versions.set(url.origin, { at: memoryNow(), version });
	return version;
}

async function newVersion(cache: Cache, url: URL): Promise<string> {
	const version = crypto.randomUUID();
	// This isolate sees its own write at once: the new version, and none of the answers held.
	memory.versions.set(url.origin, { at: memoryNow(), version });
	memory.answers.clear();
	await cache.put(
		versionKey(url),
		new Response(version, { headers: { 'cache-control': 'public, s-maxage=86400' } })
	);
	return version;
}

/**
 * An answer held in memory and still fresh, as a new Response (the LRU order moves it last). The
 * Response copies the bytes it is made of, and its headers already say `x-inloop-cache: memory`:
 * a hit builds one object and nothing else.
 */
function fromMemory(key: string, memoryMs: number): Response | undefined {
	const held = memory.answers.get(key);
	if (!held) return undefined;
	memory.answers.delete(key);
	if (!isFresh(held.at, memoryMs)) return undefined;
	memory.answers.set(key, held);
	return new Response(held.body, { status: held.status, headers: held.headers });
}

/** Holds an answer's bytes and headers in memory, when it is small enough; the oldest go first. */
async function hold(key: string, response: Response): Promise<void> {
	const body = await response.arrayBuffer();
	if (body.byteLength > MEMORY_ENTRY_BYTES) return;
	const headers: [string, string][] = [
		...[...response.headers].filter(
			([name]) => name !== 'cf-cache-status' && name !== 'x-inloop-cache'
		),
		['x-inloop-cache', 'memory']
	];
	memory.answers.delete(key);
	memory.answers.set(key, { at: memoryNow(), status: response.status, headers, body });
	while (memory.answers.size > MEMORY_ANSWERS) {
		memory.answers.delete(memory.answers.keys().next().value!);
	}
}

/** Says which tier gave an answer (a new Response when the kept one's headers cannot change). */
function saying(response: Response, tier: 'edge' | 'miss'): Response {
	const told = new Response(response.body, response);
	told.headers.set('x-inloop-cache', tier);
	return told;
}

/**
 * Something changed: answers kept before are never handed out again (here; elsewhere they run
 * out within their s-maxage).
 */
export async function freshenSharedReads(origin: string): Promise<void> {
	const cache = sharedCache();
	if (cache) await newVersion(cache, new URL(origin));
}

/**
 * The key of an answer: the address, the language it is in, and the version. A string: the
 * memory looks it up as it is, and only the Cache API needs a Request made of it.
 */
function keyOf(request: Request, url: URL, version: string): string {
	const asked = url.searchParams.get('lang');
	const lang = url.pathname.startsWith('/api/')
		? isLanguage(asked)
			? asked
			: negotiateLanguage(request.headers.get('accept-language'))
		: '';
	const key = new URL(url);
	key.searchParams.set('__edge', `${lang}.${version}`);
	return key.href;
}

/** An answer that may be kept for everyone: public, with a shared lifetime, no cookie. */
function mayKeep(response: Response): boolean {
	const caching = response.headers.get('cache-control') ?? '';
	return (
		response.status === 200 &&
		/\bpublic\b/.test(caching) &&
		/\bs-maxage=[1-9]/.test(caching) &&
		!response.headers.has('set-cookie')
	);
}

/**
 * Answers a shared read from the cache, or runs `respond` and keeps what it answers when it may.
 * A kept answer says it cost no D1 round trip (when DB_STATS is on: it was measured when made).
 */
export async function sharedRead(
	request: Request,
	url: URL,
	env: { MEMORY_CACHE_MS?: string } | undefined,
	ctx: { waitUntil(promise: Promise<unknown>): void },
	respond: (request: Request) => Promise<Response>
): Promise<Response> {
	const cache = sharedCache();
	if (!cache) return respond(request);
	if (goesPast(request)) return respond(pastAdapterCache(request));
	const memoryMs = memoryMsOf(env);
	const key = keyOf(request, url, await currentVersion(cache, url, memoryMs));
	const held = memoryMs > 0 ? fromMemory(key, memoryMs) : undefined;
	if (held) return held;
	const kept = await cache.match(new Request(key));
	if (kept) {
		const hit = saying(kept, 'edge');
		if (hit.headers.has('server-timing'))
			hit.headers.set('server-timing', 'd1;desc="0 round trips"');
		if (memoryMs > 0) await hold(key, hit.clone());
		return hit;
	}
	const response = saying(await respond(pastAdapterCache(request)), 'miss');
	if (mayKeep(response)) {
		// What the memory and the cache hand out later cost no D1 round trip.
		const kept = new Response(response.clone().body, response);
		if (kept.headers.has('server-timing'))
			kept.headers.set('server-timing', 'd1;desc="0 round trips"');
		kept.headers.set('x-inloop-cache', 'edge');
		const stored = kept.clone();
		if (memoryMs > 0) await hold(key, kept);
		ctx.waitUntil(cache.put(new Request(key), stored));
	}
	return response;
}

/** Whether a request may have changed what the shared reads show (a write that succeeded). */
export const changedSharedReads = (request: Request, response: Response) =>
	!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && response.status < 400;
