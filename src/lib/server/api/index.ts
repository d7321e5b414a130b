/**
 * The JSON API under /api, a Hono app with one sub-app per resource. SvelteKit hands it every
 * /api request (src/routes/api/[...path]/+server.ts); tests call `api.request()` directly.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { cors } from 'hono/cors';
import { routePath } from 'hono/route';
import { sql } from 'drizzle-orm';
import { isLanguage, negotiateLanguage } from '../../i18n/languages.ts';
import { getDb } from '../db/index.ts';
import { BOOKMARK_HEADER, d1Session } from '../db/replica.ts';
import { clockOf } from '../clock.ts';
import { errorFrames, errorName, log, requestIdOf } from '../log.ts';
import { apiError, type ApiEnv } from './context.ts';
import { describe, documented, generateDocument } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { schoolsApi } from './schools.ts';
import { bookingsApi } from './bookings.ts';
import { calendarApi } from './calendar.ts';
import { questionsApi } from './questions.ts';
import { meetingsApi, schoolMeetingsApi, signupsApi } from './meetings.ts';
import { pushKeyApi, ticketsApi, withPushRoutes } from './push.ts';
import { waitlistApi } from './waitlist.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const api = new Hono<ApiEnv>().basePath('/api');

// One log line per request, with the route pattern (never the path: it can hold a token). The
// request's instant comes from the worker's one clock (../clock.ts), as `c.var.now`.
api.use(async (c, next) => {
	c.set('now', clockOf(c.env)());
	const started = performance.now();
	await next();
	log(c.res.status >= 500 ? 'error' : 'info', 'api_request', {
		requestId: requestIdOf(c.req.raw),
		route: routePath(c),
		method: c.req.method,
		status: c.res.status,
		durationMs: Math.round(performance.now() - started)
	});
});

// Before the other middleware, so it answers even when they cannot. It asks D1 a real question (a
// table the app needs, not just `select 1`) on the primary: a monitor should learn when the
// database itself is gone or unmigrated, not a replica's view of it.
api.get(
	'/health',
	describe({
		operationId: 'health',
		summary: 'Health check: ok once D1 answers',
		tags: ['health'],
		responses: {
			'200': documented('Healthy', RESPONSES.Health, { status: 'ok' }),
			'503': documented('D1 does not answer', RESPONSES.Health, { status: 'error' })
		}
	}),
	async (c) => {
		try {
			const db = getDb(c.env?.DB?.withSession('first-primary'));
			await db.run(sql`select count(*) from organisations where id = 0`);
			return reply(c, RESPONSES.Health, { status: 'ok' });
		} catch (error) {
			log('error', 'health_check_failed', { error: errorName(error) });
			return reply(c, RESPONSES.Health, { status: 'error' }, 503);
		}
	}
);

// Every request runs in a D1 session (read replication, ../db/replica.ts). A client that sends
// back the x-d1-bookmark it was given reads its own writes; others read from the nearest replica.
api.use(async (c, next) => {
	const asked = c.req.query('lang');
	c.set('lang', isLanguage(asked) ? asked : negotiateLanguage(c.req.header('accept-language')));
	const session = c.env?.DB ? d1Session(c.env.DB, c.req.header(BOOKMARK_HEADER)) : undefined;
	c.set('db', getDb(session));
	await next();
	const bookmark = session?.getBookmark();
	if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
});

// A state-changing request from a browser on another site is refused (CSRF); so is a body that
// is not JSON, which a cross-site HTML form could otherwise send without a preflight.
api.use(async (c, next) => {
	if (SAFE_METHODS.has(c.req.method)) return next();
	const site = c.req.header('sec-fetch-site');
	const origin = c.req.header('origin');
	if (
		(site && site !== 'same-origin' && site !== 'none') ||
		(origin && origin !== new URL(c.req.url).origin)
	) {
		return apiError(c, 403, 'forbidden_origin');
	}
	const type = c.req.header('content-type') ?? '';
	// A request without a body (DELETE, claiming an offer) has nothing that could be a form.
	const bodiless = !type && (c.req.raw.body === null || c.req.header('content-length') === '0');
	if (!bodiless && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
		return apiError(c, 415, 'unsupported_media_type');
	}
	return next();
});

// Nothing the API answers is kept in a cache unless the route says so: tokens and personal data
// must never stay behind in a browser or a proxy.
api.use(async (c, next) => {
	await next();
	if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
});

api.use('/v1/schools/*', cors({ origin: '*', allowMethods: ['GET'] }));
api.use('/v1/openapi.json', cors({ origin: '*', allowMethods: ['GET'] }));

/** What the document's own operation promises of it (the rest is OpenAPI 3.1's). */
const OpenApiDocument = v.object({
	openapi: v.string(),
	paths: v.record(v.string(), v.record(v.string(), v.unknown()))
});

api.get(
	'/v1/openapi.json',
	describe({
		operationId: 'getOpenApiDocument',
		summary: 'This document',
		tags: ['meta'],
		responses: {
			'200': documented(
				'The OpenAPI 3.1 document, generated from the routes and their validators',
				OpenApiDocument
			)
		}
	}),
	(c) => reply(c, OpenApiDocument, generateDocument(api as never, new URL(c.req.url).origin))
);
api.route('/v1/schools', schoolsApi);
api.route('/v1/schools', schoolMeetingsApi);
api.route('/v1/meetings', meetingsApi);
api.route(
	'/v1/signups',
	withPushRoutes(signupsApi, {
		record: 'signup',
		param: 'manageToken',
		notFound: 'signup_not_found',
		tag: 'meetings',
		name: 'Signup',
		what: 'meeting sign-up'
	})
);
api.route(
	'/v1/bookings',
	withPushRoutes(bookingsApi, {
		record: 'booking',
		param: 'manageToken',
		notFound: 'booking_not_found',
		tag: 'bookings',
		name: 'Booking',
		what: 'booking'
	})
);
api.route(
	'/v1/questions',
	withPushRoutes(questionsApi, {
		record: 'question',
		param: 'accessToken',
		notFound: 'question_not_found',
		tag: 'questions',
		name: 'Question',
		what: 'question'
	})
);
api.route('/v1/walkin', ticketsApi);
api.route('/v1/push', pushKeyApi);
api.route(
	'/v1/waitlist',
	withPushRoutes(waitlistApi, {
		record: 'waitlist',
		param: 'manageToken',
		notFound: 'waitlist_not_found',
		tag: 'waitlist',
		name: 'Waitlist',
		what: 'waiting-list entry'
	})
);
api.route('/calendar', calendarApi);

api.notFound((c) => apiError(c, 404, 'not_found'));
api.onError((error, c) => {
	log('error', 'api_error', {
		requestId: requestIdOf(c.req.raw),
		route: routePath(c),
		error: errorName(error),
		frames: errorFrames(error)
	});
	return apiError(c, 500, 'internal');
});
