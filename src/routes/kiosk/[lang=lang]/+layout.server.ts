import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Kiosk pages exist only on a paired tablet (the parent layout sends others to pairing). */
export const load: LayoutServerLoad = async ({ parent }) => {
	const { kiosk } = await parent();
	if (!kiosk) redirect(303, '/kiosk/pair');
	return { kiosk };
};
