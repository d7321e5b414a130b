import type { BatchResponse } from 'drizzle-orm/batch';
import {
	questionDetailQueries,
	questionToolsQueries
} from '../../../../../lib/server/questions/index.ts';
import { idInPath, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/**
 * One question with its messages (the opening is in the audit log), the person's saved replies
 * (`?reply=` puts one in the answer) and the professionals to assign it to.
 */
export const reader = ((db, who, url, now) => {
	const id = idInPath(url);
	const queries = [
		...questionDetailQueries(db, who, id, now),
		...questionToolsQueries(db, who, id)
	] as const;
	return {
		queries,
		assemble: (rows) => {
			const [[question], , messages, replies, professionals] = rows as BatchResponse<
				typeof queries
			>;
			const chosen = replies.find((r) => r.id === Number(url.searchParams.get('reply')));
			return {
				question: question ? { ...question, messages } : null,
				replies,
				professionals,
				draft: chosen?.body ?? ''
			};
		}
	};
}) satisfies PageReader<unknown>;
