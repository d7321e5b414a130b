import type { RequestHandler } from './$types';
import { api } from '$lib/server/api';

/**
 * Every /api request goes to the Hono app, with the worker's bindings. Its D1 is the request's
 * own (counted for DB_STATS, see hooks.server.ts).
 */
export const fallback: RequestHandler = ({ request, platform, locals }) =>
	api.fetch(request, platform && { ...platform.env, DB: locals.db.$client }, platform?.ctx);
