/**
 * Serves the built worker with `wrangler dev` (workerd and a local D1) after migrating and seeding,
 * then prints where everything is. `npm start` runs it after `vite build`; the browser tests run
 * it with --port 8788 --persist-to .wrangler/e2e --fresh, the benchmark with --var DB_STATS:on.
 * `--clock <spec>` (default: the TEST_CLOCK environment variable) runs the worker at a test clock
 * (an instant with its offset, or offset:<ms>; see src/lib/server/clock.ts) and seeds the demo
 * data relative to that clock's day.
 */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toolEnv } from './env.ts';
import { parseTestClock } from '../src/lib/server/clock.ts';
import {
	DEMO_ACCOUNTS,
	DEMO_BOOKING_TOKEN,
	DEMO_KIOSK_PAIRING_CODE,
	DEMO_PASSWORD
} from '../src/lib/server/demo/seed.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8787' },
		'persist-to': { type: 'string' },
		fresh: { type: 'boolean', default: false },
		quiet: { type: 'boolean', default: false },
		clock: { type: 'string', default: process.env.TEST_CLOCK ?? '' },
		// More SQL files to load after the demo data, before the worker starts (the browser tests').
		sql: { type: 'string', multiple: true, default: [] },
		// More worker vars as NAME:value, e.g. --var DB_STATS:on (npm run bench).
		var: { type: 'string', multiple: true, default: [] }
	}
});
const persist = values['persist-to'] ? [`--persist-to=${values['persist-to']}`] : [];
if (values.fresh && values['persist-to'])
	rmSync(values['persist-to'], { recursive: true, force: true });

// A mistyped clock fails here, before anything starts.
const clock = values.clock.trim();
parseTestClock(clock);
// A --var TOTP_KEYS:… for the worker is the key the seed must seal the demo secrets with, too.
const totpKeys = values.var.find((v) => v.startsWith('TOTP_KEYS:'))?.slice('TOTP_KEYS:'.length);
const seedEnv = { ...toolEnv, TEST_CLOCK: clock, ...(totpKeys ? { TOTP_KEYS: totpKeys } : {}) };

execFileSync(process.execPath, ['scripts/seed.ts', ...persist], {
	stdio: 'inherit',
	env: seedEnv
});
for (const file of values.sql)
	execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', ...persist, `--file=${file}`], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: toolEnv
	});

const origin = `http://localhost:${values.port}`;
const child = spawn(
	'wrangler',
	[
		'dev',
		'--port',
		values.port,
		'--ip',
		'127.0.0.1',
		'--var',
		`PUBLIC_ORIGIN:${origin}`,
		// The local stand-ins: text messages and push go to the local mailbox (/dev/mailbox).
		'--var',
		'SMS_PROVIDER:local',
		'--var',
		'LOCAL_MAILBOX:on',
		...(clock ? ['--var', `TEST_CLOCK:${clock}`] : []),
		...values.var.flatMap((v) => ['--var', v]),
		...persist
	],
	{
		stdio: values.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
		env: toolEnv
	}
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

// Print the banner once the worker answers, so it is not lost among wrangler's own lines.
for (let i = 0; i < 120; i++) {
	try {
		if ((await fetch(`http://127.0.0.1:${values.port}/api/health`)).ok) break;
	} catch {
		// not up yet
	}
	await new Promise((resolve) => setTimeout(resolve, 500));
}
if (!values.quiet) {
	if (clock) console.log(`\n  Test clock: ${clock}`);
	const pad = (s: string, n: number) => s.padEnd(n);
	console.log(`
  Inloop is running at ${origin}

  Parents      ${origin}/nl/de-zuidwester   (every language: /en, /ar, /tr, /pl, /uk, /ti)
  Find school  ${origin}/nl?q=tilburg
  Kiosk        ${origin}/kiosk/pair?code=${DEMO_KIOSK_PAIRING_CODE}   (De Zuidwester; demo code valid 12 hours)
  Staff        ${origin}/staff
  API          ${origin}/api/v1/openapi.json
  Mailbox      ${origin}/dev/mailbox   (every e-mail, text message and push that would have gone out)
  Demo booking ${origin}/nl/booking/${DEMO_BOOKING_TOKEN}

  Demo accounts (demo only). Password for all: ${DEMO_PASSWORD}
  Second factor: TOTP; add the secret to an authenticator app.
${DEMO_ACCOUNTS.map((a) => `    ${pad(a.email, 42)} ${pad(a.role, 6)} ${a.totp}  ${a.label}`).join('\n')}
`);
}
