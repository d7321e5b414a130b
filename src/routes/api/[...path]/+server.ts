import type { RequestHandler } from './$types';
import { api } from '$lib/server/api';
import { countWith } from '$lib/server/db';

/**
 * Every /api request goes to the Hono app, with the worker's bindings; its D1 round trips count
 * as the request's own (DB_STATS, see hooks.server.ts), and its work for after the answer goes
 * to the request's queue.
 */
export const fallback: RequestHandler = ({ request, platform, locals }) =>
	api.fetch(
		request,
		platform && { ...platform.env, DB: countWith(locals.db, platform.env.DB) },
		platform &&
			({
				waitUntil: (work: Promise<unknown>) => platform.ctx.waitUntil(work),
				passThroughOnException: () => platform.ctx.passThroughOnException(),
				props: platform.ctx.props,
				// Messages for after the answer: the hooks start them once it is made (as on the pages).
				later: (work: () => Promise<void>) => void locals.afterAnswer.push(work)
			} as unknown as ExecutionContext)
	);
