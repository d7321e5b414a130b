import { fail, redirect } from '@sveltejs/kit';
import { signInWithPassword } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user?.secondFactor) redirect(303, '/staff/today');
	return { notice: url.searchParams.get('notice') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies } = event;
		const data = await request.formData();
		const email = String(data.get('email') ?? '').slice(0, 254);
		// A brake per client before any password is checked; the locks per account and per
		// client in $lib/server/auth still apply behind it.
		if (await formRateLimited(event, 'signin', { client: requestClient(event) }))
			return fail(429, { email, code: 'rate_limited' as const });
		const result = await signInWithPassword(locals.db, {
			email,
			password: String(data.get('password') ?? '').slice(0, 200),
			client: requestClient(event),
			now: locals.now
		});
		if (!result.ok) return fail(400, { email, code: result.code });
		setSessionCookie(cookies, result.token);
		redirect(303, '/staff/login/code');
	}
};
