/**
 * The coordinator's pages, read in one D1 batch with the session like the daily pages
 * (`PageReader`). Every read is limited in SQL to the organisation of a coordinator
 * (`isOwnOrganisation`): for anyone else it gives nothing, before the page itself says "not found".
 */
import type { BatchResponse } from 'drizzle-orm/batch';
import { peopleOf, schoolIdsByStaff, staffSchoolsQuery } from '../accounts/index.ts';
import { kiosksQuery, kiosksState } from '../kiosk/index.ts';
import { amsterdamDate } from '../scheduling/time.ts';
import { auditOf, holidaysOf } from './admin.ts';
import {
	assembleOrganisation,
	assembleSchool,
	organisationQueries,
	schoolQueries
} from './organisation.ts';
import { idInPath, oneStatement, type PageReader } from './workspace.ts';

/** The organisation: its details, schools and places outside schools. */
export const organisationPage = ((db, who) => {
	const queries = organisationQueries(db, who);
	return {
		queries,
		assemble: (rows) => assembleOrganisation(rows as BatchResponse<typeof queries>)
	};
}) satisfies PageReader<unknown>;

/** One school with its rooms and partners (null when it is not the coordinator's). */
export const schoolPage = ((db, who, url) => {
	const queries = schoolQueries(db, who, idInPath(url));
	return {
		queries,
		assemble: (rows) => assembleSchool(rows as BatchResponse<typeof queries>)
	};
}) satisfies PageReader<unknown>;

/** The people of the organisation and the schools each professional works at. */
export const peoplePage = ((db, who) => {
	const queries = [peopleOf(db, who), staffSchoolsQuery(db, who)] as const;
	return {
		queries,
		assemble: (rows) => {
			const [people, staffSchools] = rows as BatchResponse<typeof queries>;
			return { people, schoolsOfStaff: schoolIdsByStaff(staffSchools) };
		}
	};
}) satisfies PageReader<unknown>;

/** Holidays and other closures that have not ended yet. */
export const holidaysPage = ((db, who, _url, now) =>
	oneStatement(holidaysOf(db, who, amsterdamDate(now)), (holidays) => ({
		holidays
	}))) satisfies PageReader<unknown>;

/** The organisation's kiosks and their state. */
export const kiosksPage = ((db, who, _url, now) =>
	oneStatement(kiosksQuery(db, who), (rows) => ({
		kiosks: kiosksState(rows, now).map((k) => ({
			...k,
			lastSeenDate: k.lastSeenAt ? amsterdamDate(k.lastSeenAt) : null
		}))
	}))) satisfies PageReader<unknown>;

/** The newest entries of the audit log. */
export const auditPage = ((db, who) =>
	oneStatement(auditOf(db, who), (entries) => ({ entries }))) satisfies PageReader<unknown>;

export const ADMIN_PAGE_READERS = [
	['/staff/(app)/admin/organisation', organisationPage],
	['/staff/(app)/admin/schools/[id]', schoolPage],
	['/staff/(app)/admin/people', peoplePage],
	['/staff/(app)/admin/holidays', holidaysPage],
	['/staff/(app)/admin/kiosks', kiosksPage],
	['/staff/(app)/admin/audit', auditPage]
] as const;
