import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import { askQuestion } from '$lib/server/questions';
import { sendQuestionMail } from '$lib/server/questions/messages';
import { schools } from '$lib/server/db/schema';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { QuestionInput } from '$lib/validation/questions';
import { Slug } from '$lib/validation/schools';
import { linkSecret } from '$lib/server/http/env';
import type { Actions, PageServerLoad } from './$types';

/** Ask a question: one form, without an account, anonymous if the parent likes. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const [school] = v.is(Slug, params.slug)
		? await locals.db
				.select({ slug: schools.slug, name: schools.name })
				.from(schools)
				.where(eq(schools.slug, params.slug))
		: [];
	if (!school) error(404, 'school_not_found');
	return { school };
};

export const actions: Actions = {
	default: async ({ request, params, locals, platform, url }) => {
		const values = await formValues(request);
		const input = check(QuestionInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const result = await askQuestion(locals.db, params.slug, input.data, {
			madeBy: 'parent',
			linkSecret: linkSecret(platform)
		});
		if (!result.ok) error(404, 'school_not_found');
		await sendQuestionMail(
			locals.db,
			locals.mailer,
			'question_received',
			result.id,
			url.origin,
			linkSecret(platform)
		);
		redirect(303, `/${params.lang}/question/${result.accessToken}?new=1`);
	}
};
