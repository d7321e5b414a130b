import { fail, redirect } from '@sveltejs/kit';
import { signInWithPassword } from '$lib/server/auth';
import { clientAddress, setSessionCookie } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user?.secondFactor) redirect(303, '/staff/today');
	return { notice: url.searchParams.get('notice') };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, getClientAddress }) => {
		const data = await request.formData();
		const email = String(data.get('email') ?? '').slice(0, 254);
		const result = await signInWithPassword(locals.db, {
			email,
			password: String(data.get('password') ?? '').slice(0, 200),
			client: clientAddress(request, getClientAddress),
			now: Date.now()
		});
		if (!result.ok) return fail(400, { email, code: result.code });
		setSessionCookie(cookies, result.token);
		redirect(303, '/staff/login/code');
	}
};
