import { sequence } from '@sveltejs/kit/hooks';
import type { Handle } from '@sveltejs/kit';
import { directionOf, isLanguage, negotiateLanguage } from '$lib/i18n/languages';
import { getDb, roundTrips } from '$lib/server/db';
import { SECURITY_HEADERS, API_CSP } from '$lib/server/http/headers';
import { readSession } from '$lib/server/auth';
import { KIOSK_COOKIE, SESSION_COOKIE, STAFF_LANGUAGE_COOKIE } from '$lib/server/auth/cookie';
import { readKiosk } from '$lib/server/kiosk';

const isStaffPath = (path: string) => path === '/staff' || path.startsWith('/staff/');
const isKioskPath = (path: string) => path === '/kiosk' || path.startsWith('/kiosk/');

/**
 * The language comes from the URL (/nl/…); pages without one fall back to Accept-Language. Staff
 * pages speak Dutch or English: the person's choice (a cookie), else the browser's.
 */
const locale: Handle = async ({ event, resolve }) => {
	const segments = event.url.pathname.split('/');
	// Kiosk pages carry the language second: /kiosk/ar/book.
	const first = isKioskPath(event.url.pathname) ? segments[2] : segments[1];
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

/**
 * One drizzle client per request, on the request's own D1 binding. With DB_STATS=on (the
 * benchmark: `wrangler dev --var DB_STATS:on`) the response tells how many times it went to D1, as
 * `Server-Timing: d1;desc="N round trips"`. Off by default: a count that differs between, say, a
 * known and an unknown e-mail address on sign-in would tell an outsider too much.
 */
const database: Handle = async ({ event, resolve }) => {
	event.locals.db = getDb(event.platform?.env.DB);
	const response = await resolve(event);
	if (event.platform?.env.DB_STATS === 'on') {
		const trips = roundTrips(event.locals.db);
		response.headers.append(
			'server-timing',
			`d1;desc="${trips} round trip${trips === 1 ? '' : 's'}"`
		);
	}
	return response;
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

/**
 * Kiosk pages know which school's tablet this is (the device cookie, checked on every request).
 * A kiosk cookie opens nothing else: staff pages only look at the staff session.
 */
const kiosk: Handle = async ({ event, resolve }) => {
	if (!isKioskPath(event.url.pathname)) {
		event.locals.kiosk = null;
		return resolve(event);
	}
	event.locals.kiosk = await readKiosk(
		event.locals.db,
		event.cookies.get(KIOSK_COOKIE),
		Date.now()
	);
	const response = await resolve(event);
	if (!event.url.pathname.endsWith('.webmanifest'))
		response.headers.set('cache-control', 'no-store');
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

export const handle = sequence(securityHeaders, locale, database, session, kiosk);
