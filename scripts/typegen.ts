/**
 * `npm run cf-typegen`: Env types from wrangler.toml. The main module's type is left out: it is the
 * built worker, which svelte-check would otherwise type-check as JavaScript (and which does not
 * exist before the first build).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { toolEnv } from './env.ts';

execFileSync('wrangler', ['types', '--include-runtime=false', '--strict-vars=false'], {
	stdio: 'inherit',
	env: toolEnv
});
const file = 'worker-configuration.d.ts';
const text = readFileSync(file, 'utf8').replace(/\tinterface GlobalProps \{[^}]*\}\n/, '');
writeFileSync(file, text);
