import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import { ask } from '$lib/server/questions/commands';
import { organisations, schools } from '$lib/server/db/schema';
import { formValues } from '$lib/server/http/forms';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
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
		const { request, params, locals, platform } = event;
		const values = await formValues(request);
		const refuse = (code: 'refused' | 'rate_limited' | 'turnstile_failed') =>
			formRefusal(code, { values });
		// Filled by a script, never by a person: refused, nothing stored.
		if (honeypotFilled(values)) return refuse('refused');
		if (await formRateLimited(event, 'question', { client: requestClient(event) }))
			return refuse('rate_limited');
		const input = check(QuestionInput, { ...values, language: params.lang });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		if (await formRateLimited(event, 'question', { contact: contactKey(input.data) }))
			return refuse('rate_limited');
		if (
			(await turnstileEnabled(locals.db, params.slug)) &&
			!(await verifyTurnstile(platform?.env, values[TURNSTILE_FIELD], requestClient(event)))
		)
			return refuse('turnstile_failed');
		const asked = await ask(
			formCtx(event),
			linkSecret(platform),
			params.slug,
			input.data,
			'parent'
		);
		if (!asked.ok) return formFailure(asked.problem, { values });
		redirect(303, `/${params.lang}/question/${asked.value.accessToken}?new=1`);
	}
};
