import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { professionalsOf, questionDetail } from '$lib/server/questions';
import { answer, changeQuestion } from '$lib/server/questions/commands';
import { formCtx, formFailure } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { formValues } from '$lib/server/http/forms';
import { linkSecret } from '$lib/server/http/env';
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

export const actions = {
	answer: async (event) => {
		const { locals, params, request, platform } = event;
		const user = requireUser(locals);
		const values = await formValues(request);
		const input = check(AnswerInput, values);
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		const id = Number(params.id);
		const answered = await answer(formCtx(event), linkSecret(platform), user, id, input.data);
		if (!answered.ok) return formFailure(answered.problem, { values });
		redirect(303, `/staff/questions/${id}?done=answered`);
	},
	take: async ({ locals, params }) => {
		const user = requireUser(locals);
		const taken = await changeQuestion(locals, user, Number(params.id), {
			status: 'in_progress',
			assignedStaffId: user.staffId
		});
		if (!taken.ok) return formFailure(taken.problem, { values: {} });
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
		if (!allowed) return formFailure(invalid({ staffId: 'invalid' }).problem, { values: {} });
		await changeQuestion(locals, user, id, { assignedStaffId: staffId });
		redirect(303, `/staff/questions/${id}?done=saved`);
	},
	close: async ({ locals, params }) => {
		const user = requireUser(locals);
		const closed = await changeQuestion(locals, user, Number(params.id), { status: 'closed' });
		if (!closed.ok) return formFailure(closed.problem, { values: {} });
		redirect(303, `/staff/questions/${params.id}?done=saved`);
	}
} satisfies Actions;
