import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** /kiosk opens the school's home in its default language. */
export const load: PageServerLoad = async ({ parent }) => {
	const { kiosk } = await parent();
	redirect(303, `/kiosk/${kiosk?.defaultLanguage ?? 'nl'}`);
};
