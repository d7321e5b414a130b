/** Administration of an organisation: holidays (closures) and the audit log. Admins only, own organisation only. */
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { renamed, type Db } from '../db/index.ts';
import { auditLog, closures, schools, users } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { isOwnOrganisation, type Viewer } from '../access/index.ts';
import { auditEntryColumns } from '../audit/index.ts';

/** The organisation's closures that have not ended yet, the first first. */
export function holidaysOf(db: Db, who: Viewer, today: string) {
	return db
		.select({
			id: closures.id,
			name: closures.name,
			startDate: closures.startDate,
			endDate: closures.endDate,
			schoolName: renamed<string | null>(schools.name, 'school_name')
		})
		.from(closures)
		.leftJoin(schools, eq(schools.id, closures.schoolId))
		.where(and(isOwnOrganisation(db, closures.organisationId, who), gte(closures.endDate, today)))
		.orderBy(asc(closures.startDate));
}

export async function addHoliday(
	db: Db,
	admin: SessionUser,
	input: { name: string; startDate: string; endDate: string; schoolId: number | null }
) {
	if (input.schoolId) {
		const [own] = await db
			.select({ id: schools.id })
			.from(schools)
			.where(and(eq(schools.id, input.schoolId), eq(schools.organisationId, admin.organisationId)));
		if (!own) return false;
	}
	await db.insert(closures).values({ ...input, organisationId: admin.organisationId });
	return true;
}

export async function removeHoliday(db: Db, admin: SessionUser, id: number) {
	const result = await db
		.delete(closures)
		.where(and(eq(closures.id, id), eq(closures.organisationId, admin.organisationId)));
	return result.meta.changes === 1;
}

/** The newest entries of the audit log about the organisation's people and schools. */
export function auditOf(db: Db, who: Viewer, limit = 200) {
	return db
		.select(auditEntryColumns)
		.from(auditLog)
		.where(
			// Entries made by the organisation's own people.
			inArray(
				auditLog.userId,
				db
					.select({ id: users.id })
					.from(users)
					.where(isOwnOrganisation(db, users.organisationId, who))
			)
		)
		.orderBy(desc(auditLog.at))
		.limit(limit);
}
