import { users } from '../../../../lib/server/db/schema.ts';
import { isSelf } from '../../../../lib/server/access/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** My calendar feed: whether it is on. */
export const reader = ((db, who) =>
	oneStatement(
		db.select({ hash: users.calendarTokenHash }).from(users).where(isSelf(users.id, who)),
		([row]) => ({ active: Boolean(row?.hash) })
	)) satisfies PageReader<unknown>;
