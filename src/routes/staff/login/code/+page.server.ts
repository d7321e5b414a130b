import { fail, redirect } from '@sveltejs/kit';
import { completeSecondFactor } from '$lib/server/auth';
import { deviceLabel } from '$lib/server/auth/device';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookie';
import { totpKeys } from '$lib/server/http/env';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/staff/login?notice=expired');
	if (locals.user.secondFactor) redirect(303, '/staff/today');
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies, platform } = event;
		const data = await request.formData();
		if (await formRateLimited(event, 'signin', { client: requestClient(event) }))
			return fail(429, { code: 'rate_limited' as const });
		const result = await completeSecondFactor(locals.db, {
			token: cookies.get(SESSION_COOKIE) ?? '',
			code: String(data.get('code') ?? '').slice(0, 20),
			client: requestClient(event),
			now: locals.now,
			keys: totpKeys(platform),
			device: deviceLabel(request.headers.get('user-agent'))
		});
		if (!result.ok) return fail(400, { code: result.code });
		// A fresh session id once both factors are passed.
		setSessionCookie(cookies, result.token);
		redirect(303, '/staff/today');
	}
};
