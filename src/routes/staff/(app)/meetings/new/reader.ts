import { hostsQuery } from '../../../../../lib/server/meetings/staff.ts';
import { oneStatement, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** Who of the person's schools may host a meeting. */
export const reader = ((db, who) =>
	oneStatement(hostsQuery(db, who), (hosts) => ({ hosts }))) satisfies PageReader<unknown>;
