/**
 * Runs npm scripts at the same time and fails when any of them fails. `npm test` lints while the
 * unit and integration tests run: the linters use one core, the tests mostly the other, and the
 * whole run is about half a minute shorter. The first script's output streams; the others' is
 * held back and printed when they end, so lines never interleave.
 *
 *   node scripts/together.ts test:unit lint
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
	console.error('usage: node scripts/together.ts <npm script> [<npm script> …]');
	process.exit(2);
}

const runs = scripts.map(
	(script, i) =>
		new Promise<{ script: string; code: number; output: string }>((resolve) => {
			const child = spawn('npm', ['run', '--silent', script], {
				stdio: i === 0 ? 'inherit' : ['ignore', 'pipe', 'pipe']
			});
			let output = '';
			child.stdout?.on('data', (chunk) => (output += chunk));
			child.stderr?.on('data', (chunk) => (output += chunk));
			child.on('close', (code) => resolve({ script, code: code ?? 1, output }));
		})
);

const results = await Promise.all(runs);
for (const { script, code, output } of results.slice(1)) {
	console.log(`\n── npm run ${script} (${code === 0 ? 'passed' : `failed, exit ${code}`}) ──`);
	process.stdout.write(output);
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length) {
	console.error(`\nFailed: ${failed.join(', ')}`);
	process.exit(1);
}
