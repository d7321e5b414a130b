import { fail, redirect } from '@sveltejs/kit';
import { MIN_PASSWORD_LENGTH, findInvitation, resetPassword } from '$lib/server/accounts';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/** A new password from a reset link, confirmed with the authenticator app. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const invitation = await findInvitation(locals.db, params.token, Date.now());
	return { valid: invitation !== null, email: invitation?.email ?? '' };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const values = await formValues(request);
		const password = values.password ?? '';
		if (password.length < MIN_PASSWORD_LENGTH)
			return fail(400, { errors: { password: 'too_short' } });
		if (password.length > 200) return fail(400, { errors: { password: 'too_long' } });
		if (password !== values.repeat) return fail(400, { errors: { repeat: 'mismatch' } });
		const result = await resetPassword(locals.db, {
			token: params.token,
			password,
			code: values.code ?? '',
			now: Date.now()
		});
		if (result === 'invalid_code') return fail(400, { errors: { code: 'code' } });
		if (result === 'invalid_link') return fail(404, { errors: { password: 'invalid' } });
		redirect(303, '/staff/login?notice=passwordChanged');
	}
};
