import { error, fail, redirect } from '@sveltejs/kit';
import { deleteQuestion, findQuestion, replyAsParent } from '$lib/server/questions';
import { formValues } from '$lib/server/http/forms';
import { MessageInput } from '$lib/validation/questions';
import { check } from '$lib/validation';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { honeypotFilled } from '$lib/server/spam';
import { pushKeyOf } from '$lib/server/notify/push';
import type { Actions, PageServerLoad } from './$types';

/** The parent's private page for a question: status, answers, reply, delete, who opened it. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders, platform }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const question = await findQuestion(locals.db, params.token);
	if (!question) error(404, 'question_not_found');
	const { id: _id, phone: _p, assignedStaffId: _a, ...visible } = question;
	return {
		question: visible,
		token: params.token,
		pushKey: pushKeyOf(platform?.env),
		fresh: url.searchParams.has('new'),
		replied: url.searchParams.has('replied')
	};
};

export const actions: Actions = {
	reply: async (event) => {
		const { params, locals, request } = event;
		const values = await formValues(request);
		const refuse = (status: number, code: string) =>
			fail(status, { errors: {} as Record<string, string>, values, code });
		// Filled by a script, never by a person: refused, nothing stored.
		if (honeypotFilled(values)) return refuse(400, 'refused');
		// A reply is a question asked again: the same limit per client.
		if (await formRateLimited(event, 'question', { client: requestClient(event) }))
			return refuse(429, 'rate_limited');
		const input = check(MessageInput, values);
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		const result = await replyAsParent(locals.db, params.token, input.data.body, locals.now);
		if (result === 'not_found') error(404, 'question_not_found');
		if (result === 'closed')
			return fail(409, {
				errors: { body: 'closed' } as Record<string, string>,
				values,
				code: null
			});
		redirect(303, `/${params.lang}/question/${params.token}?replied=1`);
	},
	delete: async ({ params, locals, request }) => {
		if ((await formValues(request)).confirm !== 'on')
			return fail(400, {
				errors: { confirm: 'required' } as Record<string, string>,
				values: {},
				code: null
			});
		if (!(await deleteQuestion(locals.db, params.token))) error(404, 'question_not_found');
		redirect(303, `/${params.lang}?deleted=question`);
	}
};
