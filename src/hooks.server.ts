import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { directionOf, isLanguage, negotiateLanguage } from '$lib/i18n/languages';
import { getDb } from '$lib/server/db';
import { SECURITY_HEADERS, API_CSP } from '$lib/server/http/headers';
import { errorForLog } from '$lib/server/http/log';
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

/** Staff pages know who is signed in (the session is checked on every request). */
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = isStaffPath(event.url.pathname)
		? await readSession(event.locals.db, event.cookies.get(SESSION_COOKIE), Date.now())
		: null;
	const response = await resolve(event);
	if (event.locals.user) response.headers.set('cache-control', 'no-store');
	return response;
};

/** Baseline headers on every response; pages get their CSP (with nonces) from kit.csp. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (!response.headers.has('content-security-policy')) {
		response.headers.set('content-security-policy', API_CSP);
	}
	return response;
};

export const handle = sequence(securityHeaders, locale, database, session);

/**
 * Unexpected errors are logged without personal data: the route's pattern, not its URL (a manage
 * link's token is in the URL), and the error without the query's parameters.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	// An unknown address is no fault of ours.
	if (status === 404) return { message: 'Not Found' };
	console.error(
		JSON.stringify({
			level: 'error',
			msg: 'page_error',
			status,
			route: event.route.id,
			...errorForLog(error)
		})
	);
	return { message: 'Internal Error' };
};
