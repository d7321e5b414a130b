import { pageMessages } from '$lib/i18n/resources';
import type { LayoutServerLoad } from './$types';

/** The page's language and its messages (only that language reaches the browser). */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const staffPage = url.pathname === '/staff' || url.pathname.startsWith('/staff/');
	return {
		lang: locals.lang,
		messages: pageMessages(locals.lang, staffPage)
	};
};
