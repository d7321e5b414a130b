import { pageMessages } from '$lib/i18n/resources';
import type { LayoutServerLoad } from './$types';

/** The page's language and its messages (only that language reaches the browser). */
export const load: LayoutServerLoad = ({ locals, url }) => {
	// The local mailbox (/dev/mailbox) is a developer's page: it speaks the staff texts too.
	const staffPage =
		url.pathname === '/staff' ||
		url.pathname.startsWith('/staff/') ||
		url.pathname.startsWith('/dev/');
	return {
		lang: locals.lang,
		messages: pageMessages(locals.lang, staffPage)
	};
};
