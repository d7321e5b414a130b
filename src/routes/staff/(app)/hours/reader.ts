import type { BatchResponse } from 'drizzle-orm/batch';
import { assembleHours, hoursQueries } from '../../../../lib/server/hours/index.ts';
import type { PageReader } from '../../../../lib/server/staff/workspace.ts';

/** My hours (a coordinator: anyone's, `?staff=`): weekly blocks, exceptions, places, closures. */
export const reader = ((db, who, url, now) => {
	const asked = Number(url.searchParams.get('staff')) || undefined;
	const queries = hoursQueries(db, who, asked, now);
	return {
		queries,
		assemble: (rows) => assembleHours(rows as BatchResponse<typeof queries>, now)
	};
}) satisfies PageReader<unknown>;
