import { error, redirect } from '@sveltejs/kit';
import { deleteQuestion, findQuestion } from '$lib/server/questions';
import { reply } from '$lib/server/questions/commands';
import { formValues } from '$lib/server/http/forms';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { MessageInput } from '$lib/validation/questions';
import { check } from '$lib/validation';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { honeypotFilled } from '$lib/server/spam';
import type { Actions, PageServerLoad } from './$types';

/** The parent's private page for a question: status, answers, reply, delete, who opened it. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const question = await findQuestion(locals.db, params.token);
	if (!question) error(404, 'question_not_found');
	const { id: _id, phone: _p, assignedStaffId: _a, ...visible } = question;
	return {
		question: visible,
		token: params.token,
		fresh: url.searchParams.has('new'),
		replied: url.searchParams.has('replied')
	};
};

export const actions: Actions = {
	reply: async (event) => {
		const { params, request } = event;
		const values = await formValues(request);
		// Filled by a script, never by a person: refused, nothing stored.
		if (honeypotFilled(values)) return formRefusal('refused', { values });
		// A reply is a question asked again: the same limit per client.
		if (await formRateLimited(event, 'question', { client: requestClient(event) }))
			return formRefusal('rate_limited', { values });
		const input = check(MessageInput, values);
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		const replied = await reply(formCtx(event), params.token, input.data.body);
		if (!replied.ok) return formFailure(replied.problem, { values });
		redirect(303, `/${params.lang}/question/${params.token}?replied=1`);
	},
	delete: async ({ params, locals, request }) => {
		if ((await formValues(request)).confirm !== 'on')
			return formFailure(invalid({ confirm: 'required' }).problem, { values: {} });
		if (!(await deleteQuestion(locals.db, params.token))) error(404, 'question_not_found');
		redirect(303, `/${params.lang}?deleted=question`);
	}
};
