import type { BatchResponse } from 'drizzle-orm/batch';
import { assembleSchool, schoolQueries } from '../../../../../../lib/server/staff/organisation.ts';
import { idInPath, type PageReader } from '../../../../../../lib/server/staff/workspace.ts';

/** One school with its rooms and partners (null when it is not the coordinator's). */
export const reader = ((db, who, url) => {
	const queries = schoolQueries(db, who, idInPath(url));
	return {
		queries,
		assemble: (rows) => assembleSchool(rows as BatchResponse<typeof queries>)
	};
}) satisfies PageReader<unknown>;
