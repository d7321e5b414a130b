/**
 * Names the spam defences share between the pages and the server (src/lib/server/spam).
 * Turnstile's addresses are configuration (TURNSTILE_SCRIPT_URL, TURNSTILE_VERIFY_URL in
 * wrangler.toml): the widget is loaded only on the book and ask pages of organisations that
 * switched Turnstile on, and only there does the CSP allow its origin.
 */

/** The honeypot's field name: a word form-filling scripts cannot resist. */
export const HONEYPOT_FIELD = 'website';

/** The form field the widget fills with its token. */
export const TURNSTILE_FIELD = 'cf-turnstile-response';
