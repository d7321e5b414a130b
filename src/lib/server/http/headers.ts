/**
 * Security headers for every response. Pages get a CSP with nonces from kit.csp
 * (svelte.config.js); everything else (JSON, ICS, redirects) gets API_CSP. The static files get
 * the same headers from the _headers file at the top of the repository.
 */
export const SECURITY_HEADERS: Record<string, string> = {
	'strict-transport-security': 'max-age=31536000; includeSubDomains',
	'x-content-type-options': 'nosniff',
	// Manage and question links carry a secret: never send the URL to another site. (Not
	// 'no-referrer': Chromium then sends 'Origin: null' with form posts, which fail the CSRF check.)
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy':
		'accelerometer=(), autoplay=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()'
};

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * A page's CSP (from kit.csp) widened for Cloudflare Turnstile: its script and its frame, and
 * nothing else. Only the book and ask pages of organisations that use Turnstile get this.
 */
export function withTurnstile(csp: string, origin: string): string {
	const directives = csp
		.split(';')
		.map((d) => d.trim())
		.filter(Boolean);
	const add = (name: string) => {
		const i = directives.findIndex((d) => d.split(/\s+/)[0] === name);
		if (i >= 0) directives[i] = `${directives[i]} ${origin}`;
		else directives.push(`${name} ${origin}`);
	};
	add('script-src');
	add('frame-src');
	return directives.join('; ');
}

/**
 * Public pages that are the same for every visitor (a school's page, the one on the poster) may
 * be kept in Cloudflare's cache for a while (PAGE_CACHE_SECONDS, a minute by default): the
 * adapter's worker answers a repeat from caches.default without running the page. Browsers ask
 * again each time (max-age=0), so a parent sees a change of the wijkteam within that time. Never
 * for a response that sets a cookie or carries a CSP nonce (hooks.server.ts takes it away then).
 */
export function publicPageCache(env: { PAGE_CACHE_SECONDS?: string } | undefined): string {
	return sharedFor(env?.PAGE_CACHE_SECONDS ?? '60');
}

/**
 * The same for the API's public reads (a school, its free slots, its walk-in status), which
 * schools' websites and display screens poll: API_CACHE_SECONDS (30 by default; 0 never). A write
 * makes the next read fresh (./edge-cache.ts).
 */
export function publicApiCache(env: { API_CACHE_SECONDS?: string } | undefined): string {
	return sharedFor(env?.API_CACHE_SECONDS ?? '30');
}

function sharedFor(value: string): string {
	const seconds = Math.floor(Number(value));
	return Number.isFinite(seconds) && seconds > 0
		? `public, max-age=0, s-maxage=${Math.min(seconds, 3600)}`
		: 'no-cache';
}

/** Whether a response may stay shared-cacheable: no cookie of its own, no nonce in its CSP. */
export function mayStayPublic(headers: Headers): boolean {
	return (
		!headers.has('set-cookie') &&
		!(headers.get('content-security-policy') ?? '').includes("'nonce-")
	);
}
