import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { directionOf, isLanguage, negotiateLanguage } from '$lib/i18n/languages';
import { getDb, roundTrips } from '$lib/server/db';
import { BOOKMARK_COOKIE, BOOKMARK_MAX_AGE_SECONDS, d1Session } from '$lib/server/db/replica';
import { mailerFor } from '$lib/server/mail';
import { notifierFor, type Notifier } from '$lib/server/notify';
import { SECURITY_HEADERS, API_CSP, mayStayPublic, withTurnstile } from '$lib/server/http/headers';
import { turnstileOrigin } from '$lib/server/spam';
import { readSession } from '$lib/server/auth';
import { translator } from '$lib/i18n/resources';
import { KIOSK_COOKIE, SESSION_COOKIE, STAFF_LANGUAGE_COOKIE } from '$lib/server/auth/cookie';
import { readKiosk, readKioskPage, type KioskPageReader } from '$lib/server/kiosk';
import { readWorkspace, type PageReader } from '$lib/server/staff/workspace';
import { errorFrames, errorName, log, requestIdOf } from '$lib/server/log';
import { clockOf } from '$lib/server/clock';
import { bodyLimitOf, messagePage, withinLimit } from '$lib/server/http/body-size';
import { runAfterAnswer } from '$lib/server/outcome';

const isStaffPath = (path: string) => path === '/staff' || path.startsWith('/staff/');
const isKioskPath = (path: string) => path === '/kiosk' || path.startsWith('/kiosk/');
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The pages that read their data in one D1 batch with the session (or the kiosk's device): each
 * has a `reader.ts` beside its +page.server.ts that exports `reader`. Found here by the page's
 * route id (`./routes/staff/(app)/today/reader.ts` is the reader of `/staff/(app)/today`), so a
 * new page needs no entry in a list. Vite resolves the glob at build time.
 */
const byRoute = <T>(modules: Record<string, T>) =>
	new Map(
		Object.entries(modules).map(([path, reader]) => [
			path.slice('./routes'.length, -'/reader.ts'.length),
			reader
		])
	);
const PAGE_READERS = byRoute(
	import.meta.glob<PageReader<unknown>>('./routes/staff/**/reader.ts', {
		eager: true,
		import: 'reader'
	})
);
const KIOSK_PAGE_READERS = byRoute(
	import.meta.glob<KioskPageReader<unknown>>('./routes/kiosk/**/reader.ts', {
		eager: true,
		import: 'reader'
	})
);

/**
 * One log line per page request: the route id (never the path, which can hold a token), method,
 * status and duration. The API logs its own requests with its own route patterns.
 */
const requestLog: Handle = async ({ event, resolve }) => {
	if (isApiPath(event.url.pathname)) return resolve(event);
	const started = performance.now();
	const response = await resolve(event);
	log(response.status >= 500 ? 'error' : 'info', 'request', {
		requestId: requestIdOf(event.request),
		route: event.route.id,
		method: event.request.method,
		status: response.status,
		durationMs: Math.round(performance.now() - started)
	});
	return response;
};

/**
 * The one clock (src/lib/server/clock.ts): every page, form action and hook of this request takes
 * its `now` from here, so a test can run the worker at a chosen instant.
 */
const clock: Handle = async ({ event, resolve }) => {
	event.locals.now = clockOf(event.platform?.env)();
	return resolve(event);
};

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
 * A body larger than its limit ($lib/server/http/body-size) is refused with 413 before anything
 * reads it: the API's JSON error under /api, a translated page everywhere else.
 */
const bodySize: Handle = async ({ event, resolve }) => {
	if (!event.request.body) return resolve(event);
	const request = await withinLimit(event.request, bodyLimitOf(event.url));
	if (request) {
		event.request = request;
		return resolve(event);
	}
	const t = translator(event.locals.lang);
	if (isApiPath(event.url.pathname)) {
		const asked = event.url.searchParams.get('lang');
		const tApi = isLanguage(asked) ? translator(asked) : t;
		return Response.json(
			{
				error: {
					code: 'payload_too_large',
					message: tApi('errors.payload_too_large'),
					fields: {}
				}
			},
			{ status: 413, headers: { 'cache-control': 'no-store' } }
		);
	}
	return messagePage(
		413,
		event.locals.lang,
		event.locals.dir,
		t('errors.title'),
		t('errors.payload_too_large')
	);
};

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * Every POST outside /api goes to a form action, and every action reads `request.formData()`,
 * which throws on a body that is not a form (no browser form sends one). Refused here, once, with a
 * translated message, instead of a 500 from whichever action it reached. JSON endpoints live
 * under /api.
 */
const formBodies: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'POST' || event.url.pathname.startsWith('/api/')) {
		return resolve(event);
	}
	const isForm = FORM_TYPES.test(event.request.headers.get('content-type') ?? '');
	let readable = isForm;
	if (isForm) {
		try {
			await event.request.clone().formData();
		} catch {
			readable = false;
		}
	}
	if (readable) return resolve(event);
	return new Response(translator(event.locals.lang)('errors.bad_form'), {
		status: isForm ? 400 : 415,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};

/**
 * One drizzle client per request, in a D1 session (read replication, $lib/server/db/replica). After
 * a write (a form post) the response carries the session's bookmark in a cookie, and the next
 * requests continue from it, so the person reads their own writes; everyone else reads from the
 * nearest replica. The API does the same with a header (src/lib/server/api).
 */
const database: Handle = async ({ event, resolve }) => {
	const d1 = event.platform?.env.DB;
	const carried = event.cookies.get(BOOKMARK_COOKIE);
	const session = d1 && !isApiPath(event.url.pathname) ? d1Session(d1, carried) : undefined;
	event.locals.db = getDb(session ?? d1);
	event.locals.afterAnswer = [];
	event.locals.mailer = mailerFor(event.platform?.env, event.locals.db);
	// Made when a request first tells a parent something (it needs LINK_SECRET).
	let notifier: Notifier | undefined;
	Object.defineProperty(event.locals, 'notifier', {
		get: () => {
			const platform = event.platform;
			const waitUntil = platform && ((p: Promise<unknown>) => platform.ctx.waitUntil(p));
			return (notifier ??= notifierFor(
				platform?.env,
				event.locals.db,
				event.url.origin,
				waitUntil
			));
		}
	});
	const response = await resolve(event);
	const bookmark = session?.getBookmark();
	if (bookmark && bookmark !== carried && (!READ_METHODS.has(event.request.method) || carried)) {
		response.headers.append(
			'set-cookie',
			event.cookies.serialize(BOOKMARK_COOKIE, bookmark, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				maxAge: BOOKMARK_MAX_AGE_SECONDS
			})
		);
	}
	// With DB_STATS=on (the benchmark: `wrangler dev --var DB_STATS:on`) the response tells how
	// many times it went to D1. Off by default: a count that differs between, say, a known and an
	// unknown e-mail address on sign-in would tell an outsider too much.
	if (event.platform?.env.DB_STATS === 'on') {
		const trips = roundTrips(event.locals.db);
		response.headers.append(
			'server-timing',
			`d1;desc="${trips} round trip${trips === 1 ? '' : 's'}"`
		);
	}
	// What a command left for after the answer (its messages) starts now that the answer is made:
	// the person does not wait for it, and the count above is what they waited for.
	const later = event.locals.afterAnswer;
	if (later.length && event.platform?.ctx) event.platform.ctx.waitUntil(runAfterAnswer(later));
	return response;
};

/** Pages that stand on a token of their own (a link in an e-mail): who is signed in plays no part. */
const OWN_TOKEN_PAGES = new Set([
	'/staff/invite/[token]',
	'/staff/setup/[token]',
	'/staff/reset/[token]'
]);
/** The workspace's manifest: the same for everyone, fetched without cookies, kept for an hour. */
const STAFF_MANIFEST = '/staff/manifest.webmanifest';

/**
 * Staff pages know who is signed in (the session is checked on every request). A workspace page
 * read (GET) takes the session, the person's schools for its layout and the page's own reads in
 * one D1 batch (`readWorkspace`, with the `reader.ts` beside the page). No staff page is ever
 * kept in a cache: most show personal data, the rest lead to it.
 */
const session: Handle = async ({ event, resolve }) => {
	const staffPath = isStaffPath(event.url.pathname);
	const token = event.cookies.get(SESSION_COOKIE);
	const now = event.locals.now;
	const route = event.route.id ?? '';
	event.locals.user = null;
	// After a form action the layout and the page read afresh: the action may have changed things.
	if (route.startsWith('/staff/(app)/') && event.request.method === 'GET') {
		const reader = PAGE_READERS.get(route);
		const { user, ...workspace } = await readWorkspace(
			event.locals.db,
			token,
			now,
			reader && { reader, url: event.url }
		);
		event.locals.user = user;
		event.locals.workspace = workspace;
	} else if (staffPath && !OWN_TOKEN_PAGES.has(route) && route !== STAFF_MANIFEST) {
		event.locals.user = await readSession(event.locals.db, token, now);
	}
	const response = await resolve(event);
	if (staffPath && route !== STAFF_MANIFEST) response.headers.set('cache-control', 'no-store');
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
	const token = event.cookies.get(KIOSK_COOKIE);
	const now = event.locals.now;
	const reader =
		event.request.method === 'GET' ? KIOSK_PAGE_READERS.get(event.route.id ?? '') : undefined;
	if (reader) {
		// The pages that read their school: the device and the page's reads in one batch.
		const { kiosk, page } = await readKioskPage(event.locals.db, token, now, reader);
		event.locals.kiosk = kiosk;
		event.locals.kioskPage = page;
	} else {
		event.locals.kiosk = await readKiosk(event.locals.db, token, now);
	}
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
	const csp = response.headers.get('content-security-policy');
	if (!csp) response.headers.set('content-security-policy', API_CSP);
	else if (event.locals.turnstile) {
		response.headers.set(
			'content-security-policy',
			withTurnstile(csp, turnstileOrigin(event.platform?.env))
		);
	}
	// A shared cache must never hand one visitor's cookie or nonce to the next.
	const caching = response.headers.get('cache-control') ?? '';
	if (caching.includes('public') && !mayStayPublic(response.headers)) {
		response.headers.set('cache-control', 'no-cache');
	}
	return response;
};

export const handle = sequence(
	clock,
	securityHeaders,
	requestLog,
	locale,
	bodySize,
	formBodies,
	database,
	session,
	kiosk
);

/** Unexpected errors: logged without their message (it can quote input), shown as a plain 500. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// 404s and other expected answers are in the request log already.
	if (status < 500) return { message };
	log('error', 'server_error', {
		requestId: requestIdOf(event.request),
		route: event.route.id,
		method: event.request.method,
		status,
		error: errorName(error),
		frames: errorFrames(error)
	});
	return { message };
};
