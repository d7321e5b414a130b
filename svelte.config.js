import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// The adapter reads its own small config (see there): wrangler.toml's `main` is src/worker.ts.
		adapter: adapter({
			config: 'svelte-kit.wrangler.toml',
			platformProxy: { configPath: 'wrangler.toml' }
		}),
		// Nonces for server-rendered pages, hashes for prerendered ones: no 'unsafe-inline' scripts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// The one inline style SvelteKit's client sets: the visually hidden route announcer
				// (its generated root component). Without this hash the browser blocks it and logs a
				// CSP error on every page with JavaScript (the kiosk).
				'style-src': [
					'self',
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
		alias: {
			$i18n: 'src/lib/i18n'
		}
	}
};

export default config;
