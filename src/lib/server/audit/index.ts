/** The audit log: who of the staff read or changed which personal record, and when. */
import {
	and,
	desc,
	eq,
	gte,
	inArray,
	notExists,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import { isIn, type Db } from '../db/index.ts';
import { auditLog, bookings, questions, staff, users } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { isSelf, visibleSchoolIds, type Viewer } from '../access/index.ts';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export';
export type AuditEntity = 'booking' | 'question' | 'ticket' | 'contact';

export async function logAccess(
	db: Db,
	user: SessionUser,
	entry: {
		action: AuditAction;
		entity: AuditEntity;
		entityId: number | null;
		schoolId: number | null;
		detail?: string;
		now: number;
	}
): Promise<void> {
	await db.insert(auditLog).values({
		at: entry.now,
		userId: user.id,
		actorName: user.name,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId,
		schoolId: entry.schoolId,
		detail: entry.detail ?? null
	});
}

/** An entry of the audit log as the organisation's audit page and a parent's privacy export show it. */
export const auditEntryColumns = {
	at: auditLog.at,
	actorName: auditLog.actorName,
	action: auditLog.action,
	entity: auditLog.entity,
	entityId: auditLog.entityId,
	detail: auditLog.detail
};

/**
 * Who opened or changed one record, newest first: what the parent sees on their own page. The
 * record is an id or a subquery that gives it (so the page can read it in the same D1 batch).
 */
export function accessesOf(db: Db, entity: AuditEntity, entityId: number | SQLWrapper) {
	return db
		.select({ at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action })
		.from(auditLog)
		.where(and(eq(auditLog.entity, entity), isIn(auditLog.entityId, entityId)))
		.orderBy(desc(auditLog.at))
		.limit(50);
}

/**
 * "This person opened this record", as one statement that writes the audit entry only when the
 * person may see the record (so it can go in a batch with the reads, before anyone knows whether
 * the record is there): the same rule as the page's own read.
 */
export function loggedRead(
	db: Db,
	who: Viewer,
	entity: 'booking' | 'question',
	id: number,
	now: number
) {
	const record = entity === 'booking' ? bookings : questions;
	return loggedReadsOf(db, who, entity, eq(record.id, id), now);
}

/**
 * "This person saw these bookings' contact details in a list" (the phone numbers on Today and
 * Week), as one statement: an entry for each booking `which` selects among those the person may
 * see, at most one a day per person and booking (`since`: the day's start), so a list opened
 * all day long does not bury the entries the parent reads.
 */
export function loggedListReads(
	db: Db,
	who: Viewer,
	which: SQL | undefined,
	since: number,
	now: number
) {
	const seenToday = db
		.select({ one: sql`1` })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.entity, 'booking'),
				eq(auditLog.entityId, bookings.id),
				eq(auditLog.userId, users.id),
				eq(auditLog.action, 'read'),
				gte(auditLog.at, since)
			)
		);
	return loggedReadsOf(db, who, 'booking', and(which, notExists(seenToday)), now);
}

function loggedReadsOf(
	db: Db,
	who: Viewer,
	entity: 'booking' | 'question',
	which: SQL | undefined,
	now: number
) {
	const record = entity === 'booking' ? bookings : questions;
	return db.insert(auditLog).select(
		db
			.select({
				id: sql<number>`null`.as('id'),
				at: sql<number>`${now}`.as('at'),
				userId: users.id,
				// As a session gives the person's name: their staff name, else their e-mail address.
				actorName: sql<string>`coalesce(${staff.name}, ${users.email})`.as('actor_name'),
				action: sql<'read'>`'read'`.as('action'),
				entity: sql<typeof entity>`${entity}`.as('entity'),
				entityId: record.id,
				schoolId: record.schoolId,
				detail: sql<null>`null`.as('detail')
			})
			.from(record)
			.innerJoin(users, isSelf(users.id, who))
			.leftJoin(staff, eq(staff.id, users.staffId))
			.where(and(which, inArray(record.schoolId, visibleSchoolIds(db, who))))
	);
}

/**
 * An 'update' entry by `user` for every booking `which` selects, as one statement: a change to
 * many bookings is logged in the same D1 batch as the change itself (put it after the change).
 */
export function loggedBookingChanges(
	db: Db,
	user: SessionUser,
	which: SQL | undefined,
	detail: string,
	now: number
) {
	return db.insert(auditLog).select(
		db
			.select({
				id: sql<number>`null`.as('id'),
				at: sql<number>`${now}`.as('at'),
				userId: sql<number>`${user.id}`.as('user_id'),
				actorName: sql<string>`${user.name}`.as('actor_name'),
				action: sql<'update'>`'update'`.as('action'),
				entity: sql<'booking'>`'booking'`.as('entity'),
				entityId: bookings.id,
				schoolId: sql<null>`null`.as('school_id'),
				detail: sql<string>`${detail}`.as('detail')
			})
			.from(bookings)
			.where(which)
	);
}
