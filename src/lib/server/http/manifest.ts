/**
 * A web app manifest: what a browser needs to put one of Inloop's apps (the kiosk, the workspace)
 * on a home screen as an app of its own. Browsers fetch it without cookies; it holds nothing
 * personal, so it may be kept for an hour.
 */
export type WebApp = {
	name: string;
	short_name: string;
	id: string;
	start_url: string;
	scope: string;
	display: 'fullscreen' | 'standalone';
	display_override?: string[];
	orientation?: string;
	lang?: string;
	background_color: string;
	theme_color: string;
	/** The icons' name in static/icons: `<icon>-192.png`, `<icon>-512.png`, `<icon>-maskable-512.png`, `<icon>.svg`. */
	icon: string;
};

export function manifestResponse({ icon, ...app }: WebApp): Response {
	return new Response(
		JSON.stringify({
			...app,
			icons: [
				{ src: `/icons/${icon}-192.png`, sizes: '192x192', type: 'image/png' },
				{ src: `/icons/${icon}-512.png`, sizes: '512x512', type: 'image/png' },
				{
					src: `/icons/${icon}-maskable-512.png`,
					sizes: '512x512',
					type: 'image/png',
					purpose: 'maskable'
				},
				{ src: `/icons/${icon}.svg`, sizes: 'any', type: 'image/svg+xml' }
			]
		}),
		{
			headers: {
				'content-type': 'application/manifest+json',
				'cache-control': 'public, max-age=3600'
			}
		}
	);
}
