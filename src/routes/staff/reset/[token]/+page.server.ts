import { error, fail, redirect } from '@sveltejs/kit';
import { findPasswordReset, resetPassword } from '$lib/server/accounts';
import { passwordProblem } from '$lib/server/auth/password-policy';
import { totpKeys } from '$lib/server/http/env';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import type { Actions, PageServerLoad } from './$types';

/** A new password from a reset link, confirmed with the authenticator app. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const reset = await findPasswordReset(locals.db, params.token, locals.now);
	if (!reset) error(404, 'not_found');
	return { email: reset.email };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, params, platform, request } = event;
		const values = await formValues(request);
		const client = requestClient(event);
		if (await formRateLimited(event, 'signin', { client })) {
			return fail(429, { errors: { code: 'rate_limited' } });
		}
		const password = values.password ?? '';
		const reset = await findPasswordReset(locals.db, params.token, locals.now);
		if (!reset) error(404, 'not_found');
		const problem = passwordProblem(password, values.repeat ?? '', reset.email);
		if (problem) return fail(400, { errors: { [problem.field]: problem.code } });
		const result = await resetPassword(locals.db, {
			token: params.token,
			password,
			code: values.code ?? '',
			client,
			now: locals.now,
			keys: totpKeys(platform)
		});
		if (result === 'invalid_code') return fail(400, { errors: { code: 'code' } });
		if (result === 'locked') return fail(400, { errors: { code: 'locked' } });
		if (result === 'invalid_link') error(404, 'not_found');
		redirect(303, '/staff/login?notice=passwordChanged');
	}
};
