import { resources } from '$lib/i18n/resources';
import type { LayoutServerLoad } from './$types';

/** The page's language and its messages (only that language reaches the browser). */
export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	messages: resources[locals.lang]
});
