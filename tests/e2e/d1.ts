/**
 * The browser tests' own data, written straight into the D1 that wrangler dev serves to them
 * (`wrangler d1 execute` on `.wrangler/e2e`, see playwright.config.ts), and the accounts they sign
 * in with. A TOTP code works once per account: tests that ran beside each other with one account
 * took each other's codes. So every test that signs in gets an account of its own, made here, with
 * a secret no other test knows.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { newTotpSecret } from '../../src/lib/server/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { now } from './clock.ts';

/** A SQL string literal. */
export const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

let files = 0;

/** Runs SQL statements, in order, on the browser tests' D1. */
export function runSql(statements: string[]) {
	const file = resolve(`.wrangler/e2e-sql/${process.pid}-${files++}.sql`);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, statements.map((s) => `${s.replace(/\s+/g, ' ')};`).join('\n') + '\n');
	execFileSync(
		'wrangler',
		['d1', 'execute', 'DB', '--local', '--persist-to=.wrangler/e2e', `--file=${file}`],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				PATH: [dirname(process.execPath), resolve('node_modules/.bin'), process.env.PATH].join(':'),
				WRANGLER_SEND_METRICS: 'false'
			}
		}
	);
}

export type Account = { email: string; totp: string; name: string };

const passwordHash = hashPassword(DEMO_PASSWORD);
let accounts = 0;

/** A name no other account of this run has: the worker's index and a count. */
export function uniqueKey() {
	return `${test.info().workerIndex}-${accounts++}`;
}

/**
 * The statements that make an account with the demo password and a TOTP secret of its own: a
 * coordinator of the organisation, or (with `professional`) a professional of its schools. Ids
 * are numbers or SQL that finds them.
 */
export async function accountStatements(
	organisationId: number | string,
	professional?: { schoolIds: (number | string)[]; name?: string }
): Promise<{ account: Account; statements: string[] }> {
	const key = uniqueKey();
	const role = professional ? 'staff' : 'admin';
	const name = professional?.name ?? `Test ${role} ${key}`;
	const account = { email: `e2e-${key}-${role}@example.nl`, totp: newTotpSecret(), name };
	const staffRow = professional
		? [
				`INSERT INTO staff (organisation_id, name, role, languages_spoken)
					VALUES (${organisationId}, ${sql(name)}, 'wijkteammedewerker', '["nl"]')`
			]
		: [];
	const user = `INSERT INTO users (email, password_hash, organisation_id, staff_id, role, totp_secret,
		totp_enabled_at, language) VALUES (${sql(account.email)}, ${sql(await passwordHash)},
		${organisationId}, ${professional ? 'last_insert_rowid()' : 'NULL'}, '${role}',
		${sql(account.totp)}, ${now()}, 'nl')`;
	const schools = (professional?.schoolIds ?? []).map(
		(school) =>
			`INSERT INTO staff_schools (staff_id, school_id, sort_order)
				SELECT staff_id, ${school}, 99 FROM users WHERE email = ${sql(account.email)}`
	);
	return { account, statements: [...staffRow, user, ...schools] };
}

/** The staff id of a professional's account, in SQL. */
export const staffIdOf = (account: Account) =>
	`(SELECT staff_id FROM users WHERE email = ${sql(account.email)})`;

/** A coordinator of the organisation, for this test only. */
export async function newCoordinator(organisationId: number): Promise<Account> {
	const { account, statements } = await accountStatements(organisationId);
	runSql(statements);
	return account;
}

/** A professional of the organisation at these schools (no hours of their own), for this test only. */
export async function newProfessional(
	organisationId: number,
	schoolIds: number[],
	name?: string
): Promise<Account> {
	const { account, statements } = await accountStatements(organisationId, { schoolIds, name });
	runSql(statements);
	return account;
}
