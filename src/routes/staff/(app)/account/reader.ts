import { ownSessionsQuery } from '../../../../lib/server/auth/index.ts';
import { userIdOf } from '../../../../lib/server/access/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** My account: where I am signed in (the page marks the current session itself). */
export const reader = ((db, who, _url, now) =>
	oneStatement(
		ownSessionsQuery(db, userIdOf(who), now),
		(rows) => rows
	)) satisfies PageReader<unknown>;
