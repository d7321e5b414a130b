import { AGE_GROUPS, ANSWER_BY, QUESTION_STATUSES, TOPICS } from '../../../../lib/domain/lists.ts';
import { inboxQuery } from '../../../../lib/server/questions/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** The questions inbox of the person's schools, the longest waiting first. */
export const reader = ((db, who, url) => {
	const status = QUESTION_STATUSES.find((s) => s === url.searchParams.get('status'));
	const category = TOPICS.find((c) => c === url.searchParams.get('category'));
	const ageGroup = AGE_GROUPS.find((a) => a === url.searchParams.get('age'));
	const answerBy = ANSWER_BY.find((a) => a === url.searchParams.get('answerBy'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const query = inboxQuery(db, who, { status, category, ageGroup, answerBy, schoolId });
	return oneStatement(query, (questions) => ({
		filter: {
			status: status ?? ('' as const),
			category: category ?? ('' as const),
			ageGroup: ageGroup ?? ('' as const),
			answerBy: answerBy ?? ('' as const),
			schoolId: schoolId ?? 0
		},
		statuses: QUESTION_STATUSES,
		ageGroups: AGE_GROUPS,
		answerWays: ANSWER_BY,
		questions
	}));
}) satisfies PageReader<unknown>;
