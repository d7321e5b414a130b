import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { demoSeedStatements } from '$lib/server/demo/seed';
import { totpKeysOf } from '$lib/server/auth/totp-keys';
import { amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';

declare global {
	// eslint-disable-next-line @typescript-eslint/no-namespace -- merges into the Workers types
	namespace Cloudflare {
		interface Env {
			TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[];
			/** Raises every rate limit in the tests (vitest.config.ts). */
			RATE_LIMIT_SCALE: string;
		}
		// The worker under test is the built SvelteKit worker (wrangler.toml `main`).
		interface GlobalProps {
			mainModule: { default: ExportedHandler<Env> };
		}
	}
}

// Setup files may run more than once; both steps are idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const now = testNow();
const statements = await demoSeedStatements(amsterdamDate(now), totpKeysOf(env), now);
await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
