import type { BatchResponse } from 'drizzle-orm/batch';
import {
	peopleOf,
	schoolIdsByStaff,
	staffSchoolsQuery
} from '../../../../../lib/server/accounts/index.ts';
import type { PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** The people of the organisation and the schools each professional works at. */
export const reader = ((db, who) => {
	const queries = [peopleOf(db, who), staffSchoolsQuery(db, who)] as const;
	return {
		queries,
		assemble: (rows) => {
			const [people, staffSchools] = rows as BatchResponse<typeof queries>;
			return { people, schoolsOfStaff: schoolIdsByStaff(staffSchools) };
		}
	};
}) satisfies PageReader<unknown>;
