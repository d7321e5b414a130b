/**
 * Cloudflare's cache (`caches.default`) in front of the public reads that are the same for every
 * visitor: a school's page, and the API's school, free slots and walk-in status. The worker's
 * entry (src/worker.ts) asks here before it runs SvelteKit, so a repeat costs no D1 round trip.
 *
 * Freshness: every answer is kept under a key with a version in it, and every write (a booking, a
 * cancellation, a move, a change of hours, a claimed offer, a walk-in number taken or called: any
 * POST, PUT, PATCH or DELETE that succeeds) draws a new version, so the next read after it is
 * fresh. The version lives in the same cache (a colo's), so a read is two cache lookups and no
 * D1. In another Cloudflare location an answer lasts at most its `s-maxage` (PAGE_CACHE_SECONDS,
 * API_CACHE_SECONDS): no parent sees a slot as free for longer than that after it was taken.
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

/** The version answers are kept under now; a new one when none is kept (nothing old then matches). */
async function currentVersion(cache: Cache, url: URL): Promise<string> {
	const kept = await cache.match(versionKey(url));
	if (kept) return kept.text();
	return newVersion(cache, url);
}

async function newVersion(cache: Cache, url: URL): Promise<string> {
	const version = crypto.randomUUID();
	await cache.put(
		versionKey(url),
		new Response(version, { headers: { 'cache-control': 'public, s-maxage=86400' } })
	);
	return version;
}

/**
 * Something changed: answers kept before are never handed out again (here; elsewhere they run
 * out within their s-maxage).
 */
export async function freshenSharedReads(origin: string): Promise<void> {
	const cache = sharedCache();
	if (cache) await newVersion(cache, new URL(origin));
}

/** The key of an answer: the address, the language it is in, and the version. */
function keyOf(request: Request, url: URL, version: string): Request {
	const key = new URL(url);
	const asked = url.searchParams.get('lang');
	const lang = url.pathname.startsWith('/api/')
		? isLanguage(asked)
			? asked
			: negotiateLanguage(request.headers.get('accept-language'))
		: '';
	key.searchParams.set('__edge', `${lang}.${version}`);
	return new Request(key);
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
	ctx: { waitUntil(promise: Promise<unknown>): void },
	respond: (request: Request) => Promise<Response>
): Promise<Response> {
	const cache = sharedCache();
	if (!cache) return respond(request);
	if (goesPast(request)) return respond(pastAdapterCache(request));
	const key = keyOf(request, url, await currentVersion(cache, url));
	const kept = await cache.match(key);
	if (kept) {
		if (!kept.headers.has('server-timing')) return kept;
		const hit = new Response(kept.body, kept);
		hit.headers.set('server-timing', 'd1;desc="0 round trips"');
		return hit;
	}
	const response = await respond(pastAdapterCache(request));
	if (mayKeep(response)) ctx.waitUntil(cache.put(key, response.clone()));
	return response;
}

/** Whether a request may have changed what the shared reads show (a write that succeeded). */
export const changedSharedReads = (request: Request, response: Response) =>
	!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && response.status < 400;
