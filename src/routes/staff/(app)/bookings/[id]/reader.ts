import type { BatchResponse } from 'drizzle-orm/batch';
import { bookingDetailQueries } from '../../../../../lib/server/bookings/staff.ts';
import { idInPath, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** One appointment with the parent's contact details; the opening is in the audit log. */
export const reader = ((db, who, url, now) => {
	const queries = bookingDetailQueries(db, who, idInPath(url), now);
	return {
		queries,
		assemble: (rows) => (rows as BatchResponse<typeof queries>)[0][0] ?? null
	};
}) satisfies PageReader<unknown>;
