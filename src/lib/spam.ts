/**
 * Names the spam defences share between the pages and the server (src/lib/server/spam).
 * Turnstile's address is the only outside address the app knows: the widget is loaded only on the
 * book and ask pages of organisations that switched Turnstile on, and only there does the CSP allow it.
 */

/** The honeypot's field name: a word form-filling scripts cannot resist. */
export const HONEYPOT_FIELD = 'website';

export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
export const TURNSTILE_SCRIPT = `${TURNSTILE_ORIGIN}/turnstile/v0/api.js`;
/** The form field the widget fills with its token. */
export const TURNSTILE_FIELD = 'cf-turnstile-response';

/**
 * A token is good for one check only: after a refused form that was sent without a page load
 * (use:enhance), the widget needs a fresh one. Does nothing where Turnstile is not on the page.
 */
export function resetTurnstile() {
	(globalThis as { turnstile?: { reset(): void } }).turnstile?.reset();
}
