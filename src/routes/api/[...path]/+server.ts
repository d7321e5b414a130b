import type { RequestHandler } from './$types';
import { api } from '$lib/server/api';
import { countWith } from '$lib/server/db';

/**
 * Every /api request goes to the Hono app, with the worker's bindings; its D1 round trips count
 * as the request's own (DB_STATS, see hooks.server.ts).
 */
export const fallback: RequestHandler = ({ request, platform, locals }) =>
	api.fetch(
		request,
		platform && { ...platform.env, DB: countWith(locals.db, platform.env.DB) },
		platform?.ctx
	);
