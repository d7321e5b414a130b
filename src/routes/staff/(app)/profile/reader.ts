import { staff } from '../../../../lib/server/db/schema.ts';
import { isOwnStaff } from '../../../../lib/server/access/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** My profile: my staff record, as parents see it on the school page. */
export const reader = ((db, who) =>
	oneStatement(
		db
			.select()
			.from(staff)
			.where(isOwnStaff(db, staff.id, who)),
		([row]) => row ?? null
	)) satisfies PageReader<unknown>;
