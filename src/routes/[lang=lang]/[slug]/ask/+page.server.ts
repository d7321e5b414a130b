import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import { askQuestion } from '$lib/server/questions';
import { sendQuestionMail } from '$lib/server/questions/messages';
import { organisations, schools } from '$lib/server/db/schema';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { QuestionInput } from '$lib/validation/questions';
import { Slug } from '$lib/validation/schools';
import { linkSecret } from '$lib/server/http/env';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import {
	TURNSTILE_FIELD,
	honeypotFilled,
	turnstileEnabled,
	turnstileWidget,
	verifyTurnstile
} from '$lib/server/spam';
import { contactKey } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

/** Ask a question: one form, without an account, anonymous if the parent likes. */
export const load: PageServerLoad = async ({ params, locals, setHeaders, platform }) => {
	setHeaders({ 'cache-control': 'no-store' });
	// The school and whether its organisation asks for Turnstile: one read.
	const [row] = v.is(Slug, params.slug)
		? await locals.db
				.select({
					slug: schools.slug,
					name: schools.name,
					turnstile: organisations.turnstileEnabled
				})
				.from(schools)
				.innerJoin(organisations, eq(organisations.id, schools.organisationId))
				.where(eq(schools.slug, params.slug))
		: [];
	if (!row) error(404, 'school_not_found');
	// The hook widens this page's CSP for Turnstile's script and frame (hooks.server.ts).
	locals.turnstile = row.turnstile;
	return {
		school: { slug: row.slug, name: row.name },
		turnstile: locals.turnstile ? turnstileWidget(platform?.env) : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, params, locals, platform, url } = event;
		const values = await formValues(request);
		const refuse = (status: number, code: string) =>
			fail(status, { errors: {} as Record<string, string>, values, code });
		// Filled by a script, never by a person: refused, nothing stored.
		if (honeypotFilled(values)) return refuse(400, 'refused');
		if (await formRateLimited(event, 'question', { client: requestClient(event) }))
			return refuse(429, 'rate_limited');
		const input = check(QuestionInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		if (await formRateLimited(event, 'question', { contact: contactKey(input.data) }))
			return refuse(429, 'rate_limited');
		if (
			(await turnstileEnabled(locals.db, params.slug)) &&
			!(await verifyTurnstile(platform?.env, values[TURNSTILE_FIELD], requestClient(event)))
		)
			return refuse(400, 'turnstile_failed');
		const result = await askQuestion(locals.db, params.slug, input.data, {
			madeBy: 'parent',
			linkSecret: linkSecret(platform),
			now: locals.now
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
