/**
 * The first coordinator of an organisation (once, when nobody can invite them yet):
 *
 *   npm run admin:create -- --org "Wijkteam Utrecht" --email coordinator@example.nl [--remote]
 *
 * Creates the organisation when it does not exist, an admin account without password, and prints
 * an invitation link (valid 7 days) to set the password and the second factor. Local D1 by default
 * (--persist-to DIR for another local state), the production D1 with --remote. See
 * src/lib/server/accounts/first-admin.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toolEnv } from './env.ts';
import {
	checkFirstAdmin,
	firstAdminCheck,
	firstAdminStatements
} from '../src/lib/server/accounts/first-admin.ts';
import { INVITATION_MS } from '../src/lib/server/accounts/index.ts';
import { randomToken, sha256Hex } from '../src/lib/server/crypto.ts';

const { values } = parseArgs({
	options: {
		org: { type: 'string' },
		email: { type: 'string' },
		language: { type: 'string', default: 'nl' },
		origin: { type: 'string' },
		remote: { type: 'boolean', default: false },
		'persist-to': { type: 'string' }
	}
});
const usage =
	'Usage: npm run admin:create -- --org "Wijkteam X" --email a@example.nl [--origin https://inloop.example.nl] [--language nl|en] [--remote] [--persist-to DIR]';
const checked = checkFirstAdmin(values.org ?? '', values.email ?? '');
if (!checked.ok || (values.language !== 'nl' && values.language !== 'en')) {
	console.error(
		checked.ok
			? 'The language is nl or en.'
			: `Missing or invalid --${checked.error === 'email' ? 'email' : 'org'}.`
	);
	console.error(usage);
	process.exit(2);
}
const target = values.remote
	? ['--remote']
	: ['--local', ...(values['persist-to'] ? [`--persist-to=${values['persist-to']}`] : [])];
const wrangler = (...args: string[]) =>
	execFileSync('wrangler', ['d1', 'execute', 'DB', ...args, ...target, '--yes'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		env: toolEnv
	});

const token = randomToken();
const tokenHash = await sha256Hex(token);
const statements = firstAdminStatements({
	organisation: checked.name,
	email: checked.email,
	tokenHash,
	expiresAt: Date.now() + INVITATION_MS,
	language: values.language
});
mkdirSync('.wrangler', { recursive: true });
const file = '.wrangler/admin-create.sql';
writeFileSync(file, statements.map((s) => `${s};`).join('\n') + '\n');
try {
	wrangler(`--file=${file}`);
} finally {
	rmSync(file, { force: true });
}
const answer = JSON.parse(wrangler(`--command=${firstAdminCheck(tokenHash)}`, '--json')) as {
	results: { invited: number }[];
}[];
if (answer[0]?.results[0]?.invited !== 1) {
	console.error(
		`No invitation made: ${checked.email} already has an account that is in use, or belongs to another organisation.`
	);
	process.exit(1);
}
const origin = (values.origin ?? (values.remote ? '' : 'http://localhost:8787')).replace(/\/$/, '');
console.log(`Organisation "${checked.name}" (${checked.slug}) has an admin: ${checked.email}.`);
console.log(
	`Invitation link (valid 7 days, use once; send it to them yourself):\n  ${origin || '<PUBLIC_ORIGIN>'}/staff/invite/${token}`
);
