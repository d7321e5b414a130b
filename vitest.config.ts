import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import {
	turnstileStandIn,
	TURNSTILE_TEST_VERIFY_URL
} from './tests/integration/turnstile-stand-in.ts';
import { startPushService } from './tests/integration/push-service.ts';

// Unit and integration tests run inside workerd (the Workers runtime) with a real local D1 that
// has the migrations and the demo data applied (tests/integration/setup.ts). The worker under
// test is wrangler.toml's `main` (src/worker.ts), which wraps the built SvelteKit worker: run
// `vite build` first.
export default defineConfig(async () => {
	const pushService = await startPushService();
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: await readD1Migrations(path.resolve('migrations')),
						// Responses tell their D1 round trips (tests/integration/round-trips.spec.ts).
						DB_STATS: 'on',
						// The suites book and ask many times a minute from one client; the rate-limit
						// tests go past these raised limits on purpose (tests/integration/ratelimit.spec.ts).
						RATE_LIMIT_SCALE: '10',
						// The public API's reads are not kept in the shared cache, so a test that writes D1
						// directly reads its own data; tests/integration/edge-cache.spec.ts turns it on.
						API_CACHE_SECONDS: '0',
						TURNSTILE_VERIFY_URL: TURNSTILE_TEST_VERIFY_URL,
						// Text messages go to the stand-in that records them; push goes to the push service
						// stand-in, a real HTTP server on 127.0.0.1 (tests/integration/push-service.ts).
						SMS_PROVIDER: 'local',
						PUSH_SERVICE_ORIGINS: pushService.origin,
						// The worker's one clock (src/lib/server/clock.ts) and the tests' (tests/integration/
						// clock.ts): the real time, or the instant `npm run test:calendar` runs at.
						TEST_CLOCK: process.env.TEST_CLOCK ?? ''
					},
					// Every request the worker makes to the outside ends here: Turnstile's siteverify gets
					// a stand-in with Cloudflare's test-secret behaviour, anything else is refused.
					outboundService: async (request: Request) =>
						new URL(request.url).origin === pushService.origin
							? fetch(request.url, {
									method: request.method,
									headers: request.headers,
									body: request.method === 'GET' ? undefined : await request.arrayBuffer()
								})
							: turnstileStandIn(request)
				}
			})
		],
		resolve: {
			alias: {
				$lib: path.resolve('src/lib'),
				'sveltekit-worker': path.resolve('.svelte-kit/cloudflare/_worker.js')
			}
		},
		test: {
			include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
			setupFiles: ['./tests/integration/setup.ts'],
			// The files share one local D1: run them one after another, so two files never hold a
			// write lock at once (local D1 waits for a busy database by spinning).
			fileParallelism: false,
			// A test that signs four people in and reads a week of pages takes a second or two here,
			// and several times that on a machine whose cores are busy with other work: the default
			// 5 s would fail it for the load, not for what it checks.
			testTimeout: 30_000,
			hookTimeout: 30_000,
			// The worker's request log lines (src/lib/server/log.ts) would drown the test output.
			onConsoleLog: (line: string) =>
				!line.startsWith('{"level":"info"') &&
				!line.startsWith('{"level":"warn","event":"security"')
		}
	};
});
