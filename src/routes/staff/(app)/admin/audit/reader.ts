import { auditOf } from '../../../../../lib/server/staff/admin.ts';
import { oneStatement, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** The newest entries of the audit log. */
export const reader = ((db, who) =>
	oneStatement(auditOf(db, who), (entries) => ({ entries }))) satisfies PageReader<unknown>;
