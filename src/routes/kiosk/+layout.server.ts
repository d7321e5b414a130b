import { redirect } from '@sveltejs/kit';
import { KIOSK_COOKIE, setKioskCookie } from '$lib/server/auth/cookie';
import type { LayoutServerLoad } from './$types';

/**
 * Every kiosk page but the pairing page belongs to a paired tablet; the device cookie is renewed
 * on each visit, so a kiosk in daily use never expires (only revocation ends it).
 */
export const load: LayoutServerLoad = ({ locals, url, cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const kiosk = locals.kiosk;
	if (!kiosk) {
		if (url.pathname !== '/kiosk/pair') redirect(303, '/kiosk/pair');
		return { kiosk: null };
	}
	const token = cookies.get(KIOSK_COOKIE);
	if (token) setKioskCookie(cookies, token);
	return {
		kiosk: {
			schoolName: kiosk.schoolName,
			slug: kiosk.slug,
			defaultLanguage: kiosk.defaultLanguage,
			idleSeconds: kiosk.idleSeconds
		}
	};
};
