import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run inside workerd (the Workers runtime) with a real local D1 that
// has the migrations and the demo data applied (tests/integration/setup.ts). The worker under
// test is the built SvelteKit worker named in wrangler.toml: run `vite build` first.
export default defineConfig(async () => ({
	plugins: [
		cloudflareTest({
			wrangler: { configPath: './wrangler.toml' },
			miniflare: {
				bindings: {
					TEST_MIGRATIONS: await readD1Migrations(path.resolve('migrations')),
					// Responses tell their D1 round trips (tests/integration/round-trips.spec.ts).
					DB_STATS: 'on'
				}
			}
		})
	],
	resolve: {
		alias: { $lib: path.resolve('src/lib') }
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		setupFiles: ['./tests/integration/setup.ts'],
		// The worker's request log lines (src/lib/server/log.ts) would drown the test output.
		onConsoleLog: (line: string) => !line.startsWith('{"level":"info"')
	}
}));
