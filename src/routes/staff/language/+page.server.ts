import { redirect } from '@sveltejs/kit';
import { STAFF_LANGUAGE_COOKIE } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/staff');

/** Switches the staff pages between Dutch and English and goes back to the same page. */
export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const data = await request.formData();
		const lang = data.get('lang') === 'en' ? 'en' : 'nl';
		cookies.set(STAFF_LANGUAGE_COOKIE, lang, {
			path: '/staff',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 365 * 86_400
		});
		const back = String(data.get('back') ?? '/staff');
		redirect(303, back.startsWith('/staff') && !back.startsWith('//') ? back : '/staff');
	}
};
