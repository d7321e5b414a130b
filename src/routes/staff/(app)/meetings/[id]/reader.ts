import type { BatchResponse } from 'drizzle-orm/batch';
import {
	hostsQuery,
	signupsQuery,
	staffMeetingQuery
} from '../../../../../lib/server/meetings/staff.ts';
import { idInPath, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** One meeting of the person's schools with its door list and who may host it. */
export const reader = ((db, who, url) => {
	const id = idInPath(url);
	const queries = [
		staffMeetingQuery(db, who, id),
		signupsQuery(db, who, id),
		hostsQuery(db, who)
	] as const;
	return {
		queries,
		assemble: (rows) => {
			const [[meeting], signups, hosts] = rows as BatchResponse<typeof queries>;
			return { meeting: meeting ?? null, signups, hosts };
		}
	};
}) satisfies PageReader<unknown>;
