/**
 * Loads the demo data into the local D1 (wrangler's, under .wrangler/state). Idempotent.
 * Run by `npm start`; on its own: `npm run db:seed`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { demoSeedStatements } from '../src/lib/server/demo/seed.ts';
import { amsterdamDate } from '../src/lib/server/scheduling/time.ts';

const statements = await demoSeedStatements(amsterdamDate(Date.now()));
mkdirSync('.wrangler', { recursive: true });
const file = '.wrangler/demo-seed.sql';
writeFileSync(file, statements.map((s) => `${s};`).join('\n') + '\n');
execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', `--file=${file}`], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
});
console.log(`Demo data loaded (${statements.length} statements, existing rows kept).`);
