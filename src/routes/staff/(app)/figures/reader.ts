import { figureQueries, pageFigures, scopeOf } from '../../../../lib/server/figures/index.ts';
import { periodOf } from '../../../../lib/server/figures/period.ts';
import type { PageReader } from '../../../../lib/server/staff/workspace.ts';

/**
 * The figures of a period and scope, with the period before and the months of the trend: ten
 * counting statements in the batch with the session (one D1 round trip for the whole page).
 */
export const reader = ((db, who, url, now) => {
	const { period, problem } = periodOf(url.searchParams, now);
	const scope = scopeOf(url.searchParams);
	return {
		queries: figureQueries(db, who, scope, period, now),
		assemble: (rows: readonly unknown[]) => ({
			period: {
				kind: period.kind,
				current: period.current,
				previous: period.previous,
				asked: period.asked
			},
			problem: problem ?? null,
			scope,
			...pageFigures(rows, period)
		})
	};
}) satisfies PageReader<unknown>;
