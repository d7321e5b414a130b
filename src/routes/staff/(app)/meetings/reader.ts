import type { BatchResponse } from 'drizzle-orm/batch';
import {
	staffMeetingsQuery,
	suggestionCountsQuery,
	suggestionLinesQuery
} from '../../../../lib/server/meetings/staff.ts';
import type { PageReader } from '../../../../lib/server/staff/workspace.ts';

/** The meetings of the person's schools from today on, and what parents suggested. */
export const reader = ((db, who, _url, now) => {
	const queries = [
		staffMeetingsQuery(db, who, now),
		suggestionCountsQuery(db, who),
		suggestionLinesQuery(db, who)
	] as const;
	return {
		queries,
		assemble: (rows) => {
			const [meetings, suggestions, lines] = rows as BatchResponse<typeof queries>;
			return { meetings, suggestions, lines };
		}
	};
}) satisfies PageReader<unknown>;
