import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import {
	answerQuestion,
	professionalsOf,
	questionDetail,
	saveReply,
	updateQuestion
} from '$lib/server/questions';
import { notifyQuestion } from '$lib/server/notify';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { AnswerInput } from '$lib/validation/questions';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** One question for the wijkteam: read (logged), answer, assign, close. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { question, ...page } = await pageData(locals, user, reader, url);
	if (!question) error(404, 'not_found');
	return { question, ...page, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	answer: async ({ locals, params, request }) => {
		const user = requireUser(locals);
		const values = await formValues(request);
		const input = check(AnswerInput, values);
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const id = Number(params.id);
		if (!(await answerQuestion(locals.db, user, id, input.data.body, locals.now)))
			error(404, 'not_found');
		if (input.data.save && user.staffId && input.data.title) {
			await saveReply(locals.db, user.staffId, input.data.title, input.data.body);
		}
		await notifyQuestion(locals.notifier, id, 'answered');
		redirect(303, `/staff/questions/${id}?done=answered`);
	},
	take: async ({ locals, params }) => {
		const user = requireUser(locals);
		const ok = await updateQuestion(
			locals.db,
			user,
			Number(params.id),
			{ status: 'in_progress', assignedStaffId: user.staffId },
			locals.now
		);
		if (!ok) error(404, 'not_found');
		redirect(303, `/staff/questions/${params.id}?done=saved`);
	},
	assign: async ({ locals, params, request }) => {
		const user = requireUser(locals);
		const id = Number(params.id);
		const question = await questionDetail(locals.db, user, id, locals.now);
		if (!question) error(404, 'not_found');
		const staffId = Number((await formValues(request)).staffId);
		const allowed = (await professionalsOf(locals.db, question.schoolId)).some(
			(p) => p.id === staffId
		);
		if (!allowed)
			return fail(400, { errors: { staffId: 'invalid' } as Record<string, string>, values: {} });
		await updateQuestion(locals.db, user, id, { assignedStaffId: staffId }, locals.now);
		redirect(303, `/staff/questions/${id}?done=saved`);
	},
	close: async ({ locals, params }) => {
		const user = requireUser(locals);
		if (
			!(await updateQuestion(locals.db, user, Number(params.id), { status: 'closed' }, locals.now))
		)
			error(404, 'not_found');
		redirect(303, `/staff/questions/${params.id}?done=saved`);
	}
};
