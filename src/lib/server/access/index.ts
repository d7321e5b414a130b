/**
 * Who may see what: the one place for the access rules every service asks. A rule is a condition
 * in SQL, so it scopes the query itself (no row the person may not see ever leaves D1). Each rule
 * takes a `Viewer`: the signed-in person, or (for reads in one batch with the session, before the
 * person is known) the session's subquery that gives their user id. Staff see the schools they
 * work at; a coordinator (admin) the schools of their organisation.
 *
 * This room imports only the database and the session's type: services import it, never the
 * reverse (eslint.config.js, scripts/rooms.ts).
 */
import { and, asc, eq, exists, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { isIn, type Db } from '../db/index.ts';
import { schools, staffSchools, users } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';

/**
 * Who is asking: the signed-in person, or (for reads in one batch with the session, before the
 * person is known) a subquery that gives their user id (`signedInUserId`).
 */
export type Viewer = SessionUser | SQLWrapper;

const isPerson = (who: Viewer): who is SessionUser => 'secondFactor' in who;

/** The person's user id, or the subquery that gives it. */
export const userIdOf = (who: Viewer): number | SQLWrapper => (isPerson(who) ? who.id : who);

/** The person's own rows, by a column that holds a user id. */
export function isSelf(column: SQLiteColumn, who: Viewer) {
	return isIn(column, userIdOf(who));
}

/** The person's own staff record, by a column that holds a staff id (nothing for a person without one). */
export function isOwnStaff(db: Db, column: SQLiteColumn, who: Viewer) {
	return isPerson(who)
		? eq(column, who.staffId ?? -1)
		: inArray(column, db.select({ id: users.staffId }).from(users).where(inArray(users.id, who)));
}

const admins = (db: Db, who: SQLWrapper) =>
	db
		.select({ organisationId: users.organisationId })
		.from(users)
		.where(and(inArray(users.id, who), eq(users.role, 'admin')));

/** Whether the person is a coordinator, as a condition. */
export function isAdmin(db: Db, who: Viewer): SQL {
	return isPerson(who) ? sql`${who.role === 'admin' ? 1 : 0}` : exists(admins(db, who));
}

/**
 * A coordinator's own organisation, by a column that holds an organisation id: nothing for anyone
 * else, so an admin page's reads give nothing to a professional even before the role is known.
 */
export function isOwnOrganisation(db: Db, column: SQLiteColumn, who: Viewer) {
	return isPerson(who)
		? eq(column, who.role === 'admin' ? who.organisationId : -1)
		: inArray(column, admins(db, who));
}

/** The ids of the schools a person may see, as a subquery. */
export function visibleSchoolIds(db: Db, who: Viewer) {
	if (!isPerson(who)) {
		// The same rule in SQL, for a person known only by a subquery.
		return db
			.select({ id: schools.id })
			.from(users)
			.innerJoin(schools, eq(schools.organisationId, users.organisationId))
			.where(
				and(
					inArray(users.id, who),
					or(
						eq(users.role, 'admin'),
						inArray(
							schools.id,
							db
								.select({ id: staffSchools.schoolId })
								.from(staffSchools)
								.where(eq(staffSchools.staffId, users.staffId))
						)
					)
				)
			);
	}
	return who.role === 'admin'
		? organisationSchoolIds(db, who)
		: db
				.select({ id: staffSchools.schoolId })
				.from(staffSchools)
				.where(eq(staffSchools.staffId, who.staffId ?? -1));
}

/**
 * The ids of the schools of the person's organisation, as a subquery: what a coordinator sees, and
 * the records an admin action (revoking a kiosk, an AVG look-up) may touch.
 */
export function organisationSchoolIds(db: Db, who: SessionUser) {
	return db
		.select({ id: schools.id })
		.from(schools)
		.where(eq(schools.organisationId, who.organisationId));
}

/** The schools a person may see, in name order. */
export async function schoolsOf(db: Db, user: SessionUser) {
	return schoolsQuery(db, user);
}

/** The same as one statement, for a batch (the workspace reads it with the session). */
export function schoolsQuery(db: Db, who: Viewer) {
	return db
		.select({ id: schools.id, slug: schools.slug, name: schools.name })
		.from(schools)
		.where(inArray(schools.id, visibleSchoolIds(db, who)))
		.orderBy(asc(schools.name));
}

/**
 * Whose walk-in queue a person may work, by a ticket's school and professional: their own at the
 * schools they may see; a coordinator any of the organisation.
 */
export function queueScope(
	db: Db,
	who: Viewer,
	ticket: { schoolId: SQLiteColumn; staffId: SQLiteColumn }
) {
	return and(
		inArray(ticket.schoolId, visibleSchoolIds(db, who)),
		or(isAdmin(db, who), isOwnStaff(db, ticket.staffId, who))
	);
}

/**
 * Whose figures a person asks for: one school, the schools they work at, or all they may see (a
 * professional's schools; for a coordinator the whole organisation).
 */
export type FigureScope = { kind: 'school'; schoolId: number } | { kind: 'mine' } | { kind: 'all' };

/**
 * The schools of a scope that the person may see the figures of, as a subquery: always within
 * the schools they may see (`visibleSchoolIds`), so never another organisation's; 'mine' only the
 * schools their own staff record is linked to.
 */
export function figureSchoolIds(db: Db, who: Viewer, scope: FigureScope) {
	const visible = inArray(schools.id, visibleSchoolIds(db, who));
	const which =
		scope.kind === 'school'
			? eq(schools.id, scope.schoolId)
			: scope.kind === 'mine'
				? inArray(
						schools.id,
						db
							.select({ id: staffSchools.schoolId })
							.from(staffSchools)
							.where(isOwnStaff(db, staffSchools.staffId, who))
					)
				: undefined;
	return db.select({ id: schools.id }).from(schools).where(and(visible, which));
}
