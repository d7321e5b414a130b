/**
 * The national-scale data set of `npm run scale` (a local D1 under .wrangler/scale), as the scale
 * run and the benchmark's figures part both reach it: its SQLite file, the organisation the
 * figures are measured for, and a signed-in session written straight into it.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { sha256Hex } from '../../src/lib/server/crypto.ts';
import { toolEnv } from '../env.ts';

export const SCALE_PERSIST = '.wrangler/scale';
/** The size of organisation the figures are measured for (issue #18: 100 schools, a year). */
export const FIGURES_SCHOOLS = 100;

/** The D1's SQLite file (wrangler created it; D1 is SQLite). Throws when there is none. */
export function scaleSqliteFile(): string {
	const dir = join(SCALE_PERSIST, 'v3', 'd1', 'miniflare-D1DatabaseObject');
	const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
	if (!file) throw new Error(`No D1 file under ${dir}`);
	return join(dir, file);
}

/** The organisation whose number of schools is nearest to FIGURES_SCHOOLS, with its coordinator. */
export function figuresOrganisation(sqlite: DatabaseSync) {
	return sqlite
		.prepare(
			`SELECT s.organisation_id AS id, count(*) AS schools,
			 (SELECT u.id FROM users u WHERE u.organisation_id = s.organisation_id AND u.role = 'admin' LIMIT 1) AS adminUserId
			 FROM schools s GROUP BY s.organisation_id ORDER BY abs(count(*) - ?), s.organisation_id LIMIT 1`
		)
		.get(FIGURES_SCHOOLS) as { id: number; schools: number; adminUserId: number };
}

/** A session that passed both factors, for an hour: the cookie's value is `token`. */
export async function addSession(sqlite: DatabaseSync, token: string, userId: number, now: number) {
	sqlite
		.prepare(
			'INSERT INTO sessions (id_hash, user_id, second_factor_at, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
		)
		.run(await sha256Hex(token), userId, now, now, now, now + 3_600_000);
}

/**
 * The built worker served by `wrangler dev` on the data set, once it answers: its address and a
 * way to stop it (and everything it started).
 */
export async function serveScaleSet(port: number, vars: string[] = []) {
	const child = spawn(
		'wrangler',
		[
			'dev',
			'--port',
			String(port),
			'--ip',
			'127.0.0.1',
			`--persist-to=${SCALE_PERSIST}`,
			'--log-level',
			'error',
			...vars.flatMap((v) => ['--var', v])
		],
		{ stdio: ['ignore', 'ignore', 'inherit'], env: toolEnv, detached: true }
	);
	const stop = () => {
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			// already gone
		}
	};
	process.on('exit', stop);
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 240; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) break;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return { base, stop };
}
