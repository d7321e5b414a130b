import { assembleQueues, queueQuery } from '../../../../lib/server/walkin/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** Today's walk-in queues the person works (all of the organisation's for a coordinator). */
export const reader = ((db, who, _url, now) =>
	oneStatement(queueQuery(db, who, now), (rows) => ({
		queues: assembleQueues(rows)
	}))) satisfies PageReader<unknown>;
