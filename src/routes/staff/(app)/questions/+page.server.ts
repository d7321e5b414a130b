import { requireUser } from '$lib/server/auth/cookie';
import { inboxFor } from '$lib/server/questions';
import { TOPICS } from '$lib/validation/topics';
import { AGE_GROUPS, ANSWER_BY } from '$lib/validation/questions';
import type { PageServerLoad } from './$types';

const STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;

/** The questions inbox of the person's schools, the longest waiting first. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const status = STATUSES.find((s) => s === url.searchParams.get('status'));
	const category = TOPICS.find((c) => c === url.searchParams.get('category'));
	const ageGroup = AGE_GROUPS.find((a) => a === url.searchParams.get('age'));
	const answerBy = ANSWER_BY.find((a) => a === url.searchParams.get('answerBy'));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	return {
		filter: {
			status: status ?? '',
			category: category ?? '',
			ageGroup: ageGroup ?? '',
			answerBy: answerBy ?? '',
			schoolId: schoolId ?? 0
		},
		statuses: STATUSES,
		ageGroups: AGE_GROUPS,
		answerWays: ANSWER_BY,
		questions: await inboxFor(locals.db, user, { status, category, ageGroup, answerBy, schoolId })
	};
};
