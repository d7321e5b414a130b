import { manifestResponse } from '$lib/server/http/manifest';
import type { RequestHandler } from './$types';

/**
 * The workspace as an app of its own on a professional's phone (separate from the kiosk's: its
 * own icon, name and scope). It opens on Today; the sign-in page leads there when needed.
 */
export const GET: RequestHandler = () =>
	manifestResponse({
		name: 'Inloop werkplek',
		short_name: 'Werkplek',
		id: '/staff/',
		start_url: '/staff/today',
		scope: '/staff/',
		display: 'standalone',
		lang: 'nl',
		background_color: '#f6f4ef',
		theme_color: '#0b5c55',
		icon: 'staff'
	});
