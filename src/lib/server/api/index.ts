/**
 * The JSON API under /api, a Hono app with one sub-app per resource. SvelteKit hands it every
 * /api request (src/routes/api/[...path]/+server.ts); tests call `api.request()` directly.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { sql } from 'drizzle-orm';
import { isLanguage, negotiateLanguage } from '../../i18n/languages.ts';
import { getDb } from '../db/index.ts';
import { apiError, type ApiEnv } from './context.ts';
import { openApiDocument } from './openapi.ts';
import { schoolsApi } from './schools.ts';
import { bookingsApi } from './bookings.ts';
import { calendarApi } from './calendar.ts';
import { questionsApi } from './questions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const api = new Hono<ApiEnv>().basePath('/api');

api.use(async (c, next) => {
	const asked = c.req.query('lang');
	c.set('lang', isLanguage(asked) ? asked : negotiateLanguage(c.req.header('accept-language')));
	c.set('db', getDb(c.env?.DB));
	await next();
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
	if (c.req.method !== 'DELETE' && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
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

api.get('/health', async (c) => {
	try {
		await c.var.db.run(sql`select 1`);
		return c.json({ status: 'ok' });
	} catch {
		return apiError(c, 503, 'unavailable');
	}
});

api.get('/v1/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));
api.route('/v1/schools', schoolsApi);
api.route('/v1/bookings', bookingsApi);
api.route('/v1/questions', questionsApi);
api.route('/calendar', calendarApi);

api.notFound((c) => apiError(c, 404, 'not_found'));
api.onError((error, c) => {
	console.error(
		JSON.stringify({ level: 'error', msg: 'api_error', name: error.name, message: error.message })
	);
	return apiError(c, 500, 'internal');
});
