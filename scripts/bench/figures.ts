/**
 * The benchmark's figures part (issue #18): `/staff/figures` of an organisation of about 100
 * schools over a year of the national-scale data set (`npm run scale` builds it under
 * .wrangler/scale), served by `wrangler dev` on that D1 and timed over HTTP, with its D1 round
 * trips from the Server-Timing header. Also the export of the same figures.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import { addDays, amsterdamDate } from '../../src/lib/server/scheduling/time.ts';
import { roundTripsOf } from './pages.ts';
import {
	SCALE_PERSIST,
	addSession,
	figuresOrganisation,
	scaleSqliteFile,
	serveScaleSet
} from './scale-set.ts';

export const FIGURES_BUDGET = { roundTrips: 2, pageMedianMs: 1000, exportMedianMs: 1500 };

export type FiguresResult =
	| { skipped: string }
	| {
			schools: number;
			path: string;
			roundTrips: number | null;
			pageMedianMs: number;
			pageGzip: number;
			exportMedianMs: number;
			exportRows: number;
	  };

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

export async function measureFigures(port: number, say: (what: string) => void) {
	if (!existsSync(`${SCALE_PERSIST}/v3`)) {
		return { skipped: 'no national-scale data set: run `npm run scale` first' } as FiguresResult;
	}
	const sqlite = new DatabaseSync(scaleSqliteFile());
	const org = figuresOrganisation(sqlite);
	const token = `bench-figures-${randomBytes(12).toString('hex')}`;
	// The real clock: the data set was made around the day it was built.
	const now = Date.now();
	await addSession(sqlite, token, org.adminUserId, now);
	sqlite.close();
	const today = amsterdamDate(now);
	const query = `period=range&from=${addDays(today, -365)}&to=${addDays(today, -1)}`;
	say(`figures: ${org.schools} schools, a year, on the national-scale data set (port ${port})`);
	const { base, stop } = await serveScaleSet(port, ['DB_STATS:on']);
	try {
		const headers = { cookie: `__Host-inloop_session=${token}` };
		const timed = async (path: string) => {
			const times: number[] = [];
			let res: Response | undefined;
			let body = '';
			for (let i = 0; i < 12; i++) {
				const t = performance.now();
				res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
				body = await res.text();
				if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
				if (i >= 2) times.push(performance.now() - t);
			}
			return { res: res!, body, ms: median(times) };
		};
		const page = await timed(`/staff/figures?${query}`);
		const csv = await timed(`/staff/figures.csv?${query}`);
		return {
			schools: org.schools,
			path: `/staff/figures?${query}`,
			roundTrips: roundTripsOf(page.res),
			pageMedianMs: Math.round(page.ms),
			pageGzip: gzipSync(page.body).byteLength,
			exportMedianMs: Math.round(csv.ms),
			exportRows: csv.body.trim().split('\r\n').length - 1
		} as FiguresResult;
	} finally {
		stop();
	}
}
