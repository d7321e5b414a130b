import type { BatchResponse } from 'drizzle-orm/batch';
import {
	assembleOrganisation,
	organisationQueries
} from '../../../../../lib/server/staff/organisation.ts';
import type { PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** The organisation: its details, schools and places outside schools. */
export const reader = ((db, who) => {
	const queries = organisationQueries(db, who);
	return {
		queries,
		assemble: (rows) => assembleOrganisation(rows as BatchResponse<typeof queries>)
	};
}) satisfies PageReader<unknown>;
