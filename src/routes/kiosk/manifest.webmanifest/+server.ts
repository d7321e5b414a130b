import type { RequestHandler } from './$types';

/**
 * The kiosk as an installable full-screen app. Reachable without pairing: browsers fetch a
 * manifest without cookies.
 */
export const GET: RequestHandler = () =>
	new Response(
		JSON.stringify({
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
			icons: [
				{ src: '/icons/inloop-192.png', sizes: '192x192', type: 'image/png' },
				{ src: '/icons/inloop-512.png', sizes: '512x512', type: 'image/png' },
				{
					src: '/icons/inloop-maskable-512.png',
					sizes: '512x512',
					type: 'image/png',
					purpose: 'maskable'
				},
				{ src: '/icons/inloop.svg', sizes: 'any', type: 'image/svg+xml' }
			]
		}),
		{
			headers: {
				'content-type': 'application/manifest+json',
				'cache-control': 'public, max-age=3600'
			}
		}
	);
