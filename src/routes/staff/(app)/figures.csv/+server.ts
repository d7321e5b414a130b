import { requireUser } from '$lib/server/auth/cookie';
import { figuresExport } from '$lib/server/figures/export';
import { figureQueries, scopeOf } from '$lib/server/figures';
import { periodOf } from '$lib/server/figures/period';
import { toCsv } from '$lib/server/staff/csv';
import type { RequestHandler } from './$types';

/**
 * The figures of a period and scope for the municipality: one row per school per month, small
 * counts hidden (`figuresExport`). No personal data, so no audit entry.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { period } = periodOf(url.searchParams, locals.now);
	const rows = await locals.db.batch(
		figureQueries(locals.db, user, scopeOf(url.searchParams), period, locals.now)
	);
	const { header, lines } = figuresExport(rows, period, locals.lang === 'en' ? 'en' : 'nl');
	return new Response(toCsv(header, lines), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="inloop-figures-${period.current.from}-${period.current.to}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
