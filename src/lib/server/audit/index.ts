/** The audit log: who of the staff read or changed which personal record, and when. */
import { and, desc, eq, type SQLWrapper } from 'drizzle-orm';
import { isIn, type Db } from '../db/index.ts';
import { auditLog } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';

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
