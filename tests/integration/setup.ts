import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { demoSeedStatements } from '$lib/server/demo/seed';
import { amsterdamDate } from '$lib/server/scheduling/time';

declare global {
	namespace Cloudflare {
		interface Env {
			TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[];
		}
	}
}

// Setup files may run more than once; both steps are idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const statements = await demoSeedStatements(amsterdamDate(Date.now()));
await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
