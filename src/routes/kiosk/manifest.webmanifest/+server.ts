import { manifestResponse } from '$lib/server/http/manifest';
import type { RequestHandler } from './$types';

/**
 * The kiosk as an installable full-screen app. Reachable without pairing: browsers fetch a
 * manifest without cookies.
 */
export const GET: RequestHandler = () =>
	manifestResponse({
		name: 'Inloop kiosk',
		short_name: 'Inloop',
		id: '/kiosk',
		start_url: '/kiosk',
		scope: '/kiosk',
		display: 'fullscreen',
		display_override: ['fullscreen', 'standalone'],
		orientation: 'any',
		background_color: '#f6f4ef',
		theme_color: '#0b5c55',
		icon: 'inloop'
	});
