/**
 * Applies the migrations to a local D1 and loads the demo data. Idempotent.
 * Usage: node scripts/seed.ts [--persist-to DIR]   (default: wrangler's .wrangler/state)
 * With TEST_CLOCK set (see src/lib/server/clock.ts) the data is placed relative to that clock's
 * day, the day the worker started with the same TEST_CLOCK lives in.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { localVar, toolEnv } from './env.ts';
import { demoSeedStatements } from '../src/lib/server/demo/seed.ts';
import { amsterdamDate } from '../src/lib/server/scheduling/time.ts';
import { parseTestClock, realClock } from '../src/lib/server/clock.ts';
import { parseTotpKeys } from '../src/lib/server/auth/totp-keys.ts';

const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
const persist = values['persist-to'] ? [`--persist-to=${values['persist-to']}`] : [];
const wrangler = (...args: string[]) =>
	execFileSync('wrangler', [...args, '--local', ...persist], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: toolEnv
	});

wrangler('d1', 'migrations', 'apply', 'DB');
// The secrets are sealed with the key the local worker will open them with; the day and the
// instant are the (test) clock's the worker will run at.
const keys = parseTotpKeys(localVar('TOTP_KEYS'));
const now = (parseTestClock(process.env.TEST_CLOCK) ?? realClock)();
const statements = await demoSeedStatements(amsterdamDate(now), keys, now);
mkdirSync('.wrangler', { recursive: true });
const file = '.wrangler/demo-seed.sql';
writeFileSync(file, statements.map((s) => `${s};`).join('\n') + '\n');
wrangler('d1', 'execute', 'DB', `--file=${file}`);
console.log(
	`Migrations applied; demo data loaded (${statements.length} statements, existing rows kept).`
);
