import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/staff');

export const actions: Actions = {
	/** Ends the session on the server, and tells the browser to forget this site's data. */
	default: async ({ locals, cookies, setHeaders }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await signOut(locals.db, token);
		clearSessionCookie(cookies);
		setHeaders({ 'clear-site-data': '"cache", "cookies", "storage"' });
		redirect(303, '/staff/login?notice=signedOut');
	}
};
