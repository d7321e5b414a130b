/**
 * Rate limits and the honeypot for SvelteKit form actions (the API has its own in api/context.ts).
 * Over the limit: 429 with Retry-After, and the page shows errors.rate_limited above the form,
 * with everything that was typed still in it.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { checkRateLimit, type LimitKind } from '../ratelimit/index.ts';
import { clientAddress } from '../auth/cookie.ts';

/** The client's address (Cloudflare's CF-Connecting-IP), 'unknown' when there is none. */
export function requestClient(event: Pick<RequestEvent, 'request' | 'getClientAddress'>): string {
	return clientAddress(event.request, event.getClientAddress) ?? 'unknown';
}

/**
 * Counts one attempt of `kind` for the client and/or contact. True when it is over the limit:
 * Retry-After is set, and the action answers `fail(429, { …, code: 'rate_limited' })`.
 */
export async function formRateLimited(
	event: Pick<RequestEvent, 'platform' | 'setHeaders'>,
	kind: LimitKind,
	who: { client?: string | null; contact?: string | null; device?: number | null }
): Promise<boolean> {
	const result = await checkRateLimit(event.platform?.env, kind, who);
	if (!result.ok) event.setHeaders({ 'retry-after': String(result.retryAfter) });
	return !result.ok;
}
