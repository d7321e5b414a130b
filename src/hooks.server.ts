import { sequence } from '@sveltejs/kit/hooks';
import type { Handle } from '@sveltejs/kit';
import { directionOf, isLanguage, negotiateLanguage } from '$lib/i18n/languages';
import { getDb } from '$lib/server/db';
import { SECURITY_HEADERS, API_CSP, withTurnstile } from '$lib/server/http/headers';
import { TURNSTILE_ORIGIN } from '$lib/spam';
import { readSession } from '$lib/server/auth';
import { SESSION_COOKIE, STAFF_LANGUAGE_COOKIE } from '$lib/server/auth/cookie';

const isStaffPath = (path: string) => path === '/staff' || path.startsWith('/staff/');

/**
 * The language comes from the URL (/nl/…); pages without one fall back to Accept-Language. Staff
 * pages speak Dutch or English: the person's choice (a cookie), else the browser's.
 */
const locale: Handle = async ({ event, resolve }) => {
	const first = event.url.pathname.split('/')[1];
	const accepted = negotiateLanguage(event.request.headers.get('accept-language'));
	const staffChoice = event.cookies.get(STAFF_LANGUAGE_COOKIE);
	const lang = isStaffPath(event.url.pathname)
		? staffChoice === 'en' || staffChoice === 'nl'
			? staffChoice
			: accepted === 'en'
				? 'en'
				: 'nl'
		: isLanguage(first)
			? first
			: accepted;
	event.locals.lang = lang;
	event.locals.dir = directionOf(lang);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%lang%', lang).replace('%dir%', event.locals.dir)
	});
};

/** One drizzle client per request, on the request's own D1 binding. */
const database: Handle = async ({ event, resolve }) => {
	event.locals.db = getDb(event.platform?.env.DB);
	return resolve(event);
};

/**
 * Staff pages know who is signed in (the session is checked on every request). No staff page is
 * ever kept in a cache: most show personal data, the rest lead to it.
 */
const session: Handle = async ({ event, resolve }) => {
	const staffPath = isStaffPath(event.url.pathname);
	event.locals.user = staffPath
		? await readSession(event.locals.db, event.cookies.get(SESSION_COOKIE), Date.now())
		: null;
	const response = await resolve(event);
	if (staffPath) response.headers.set('cache-control', 'no-store');
	return response;
};

/** Baseline headers on every response; pages get their CSP (with nonces) from kit.csp. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	const csp = response.headers.get('content-security-policy');
	if (!csp) response.headers.set('content-security-policy', API_CSP);
	else if (event.locals.turnstile) {
		response.headers.set('content-security-policy', withTurnstile(csp, TURNSTILE_ORIGIN));
	}
	return response;
};

export const handle = sequence(securityHeaders, locale, database, session);
