/**
 * `npm run bench`: what Inloop costs a parent on a cheap phone, measured against the built worker
 * in wrangler dev (port 8790, its own fresh D1 under .wrangler/bench):
 * - per page: HTML, JavaScript and CSS for the first view (gzip), D1 round trips;
 * - the worker bundle (gzip) from `wrangler deploy --dry-run`;
 * - throughput and p50/p99 latency under load, each against a static file in the same run;
 * - Lighthouse (mobile) for home, school page and booking page;
 * - the figures page and export of an organisation of about 100 schools over a year of the
 *   national-scale data set (`npm run scale` builds it; skipped without it), on port 8795;
 * - the live feed's fan-out: 200 screens on a school's WebSocket, and the time from "call next"
 *   until the last of them has it (scripts/bench/live.ts).
 * `--only figures` runs the figures alone, `--only live` the fan-out alone, `--only load` the reads
 * and booking POSTs under load alone (none of them changes any files); `--figures-port` moves the figures' server.
 * Prints the tables, writes bench/results.json and the table in README.md (## Performance), and
 * exits 1 when a budget is missed. Not part of `npm test`: timings do not belong in tests.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import {
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { toolEnv } from './env.ts';
import {
	Cookies,
	gzipSize,
	measurePage,
	pairKiosk,
	roundTripsOf,
	signIn,
	type PageResult
} from './bench/pages.ts';
import { runLoad, type LoadResult, type LoadTarget } from './bench/load.ts';
import { CATEGORIES, runLighthouse, type Category } from './bench/lighthouse.ts';
import { FIGURES_BUDGET, measureFigures, type FiguresResult } from './bench/figures.ts';
import { liveFixtureSql, measureFanOut, type FanOutResult } from './bench/live.ts';
import {
	measureParentActions,
	slotsForActions,
	type ActionResult
} from './bench/parent-actions.ts';
import {
	DEMO_ACCOUNTS,
	DEMO_KIOSK_PAIRING_CODE,
	DEMO_QUESTION_TOKEN
} from '../src/lib/server/demo/seed.ts';

const PORT = 8790;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SCHOOL = 'de-zuidwester';
const KB = 1024;
/** wrangler's own messages (and its complaints when stopped) go here, not into the tables. */
const SERVER_LOG = '.wrangler/bench-serve.log';

/** The budgets of issue #8 (and shared/DESIGN.md). */
const BUDGET = {
	schoolPageHtmlGzip: 14 * KB,
	firstViewJsGzip: 35 * KB,
	roundTripsPerPage: 1,
	lighthouse: { performance: 95, accessibility: 100, 'best-practices': 100 } as Record<
		Category,
		number
	>,
	workerGzip: 1024 * KB,
	schoolPageThroughput: 0.5,
	/** The kiosk's JavaScript with its live client and service worker (issue #20). */
	kioskJsGzip: 35 * KB,
	/** From "call next" until all 200 screens on the live feed have it, median of the rounds. */
	liveFanOutMs: 500,
	// Issue #22: the public reads under load, each as a share of a static file in the same run,
	// and their p99. The round trips of what a parent does are in ./bench/parent-actions.ts.
	publicReads: {
		'school page': 0.8,
		'school JSON': 0.8,
		'slots API': 0.5
	} as Record<string, number>,
	publicReadP99Ms: 50
};

type Context = { staffId: number; day: string; start: string; doneToken: string };
type PageSpec = {
	name: string;
	path: (c: Context) => string;
	/**
	 * Parent pages have the JavaScript budget (issue #8); every page has the round-trip budget.
	 * The JavaScript of kiosk and staff pages is measured and shown.
	 */
	audience: 'parent' | 'kiosk' | 'staff';
	/** Who asks: nobody signed in, a demo professional, or a paired kiosk tablet. */
	as?: 'staff' | 'kiosk';
};

/** The pages measured. A page that answers 404 (not built yet) is shown as skipped. */
const PAGES: PageSpec[] = [
	{ name: 'home', path: () => '/nl', audience: 'parent' },
	{ name: 'school page', path: () => `/nl/${SCHOOL}`, audience: 'parent' },
	{ name: 'book: who', path: () => `/nl/${SCHOOL}/book`, audience: 'parent' },
	{
		name: 'book: pick day',
		path: (c) => `/nl/${SCHOOL}/book?staff=${c.staffId}`,
		audience: 'parent'
	},
	{
		name: 'book: pick time',
		path: (c) => `/nl/${SCHOOL}/book?staff=${c.staffId}&day=${c.day}`,
		audience: 'parent'
	},
	{
		name: 'book: details',
		path: (c) =>
			`/nl/${SCHOOL}/book?staff=${c.staffId}&day=${c.day}&start=${encodeURIComponent(c.start)}`,
		audience: 'parent'
	},
	{ name: 'book: done', path: (c) => `/nl/booking/${c.doneToken}?new=1`, audience: 'parent' },
	{ name: 'ask', path: () => `/nl/${SCHOOL}/ask`, audience: 'parent' },
	{ name: 'question page', path: () => `/nl/question/${DEMO_QUESTION_TOKEN}`, audience: 'parent' },
	{ name: 'kiosk home', path: () => '/kiosk/nl', audience: 'kiosk', as: 'kiosk' },
	{ name: 'staff today', path: () => '/staff/today', audience: 'staff', as: 'staff' }
];

/** Lighthouse runs on these (by name in PAGES). */
const LIGHTHOUSE_PAGES = ['home', 'school page', 'book: details'];

/**
 * The reads under load run in rounds, each target in turn, the order turned each round: whatever
 * else the machine does while the bench runs falls on every target alike. A warm-up round first
 * (not counted) fills the isolate's memory and the JIT for each. The booking POSTs run once after.
 */
const LOAD = { seconds: 4, connections: 4, rounds: 3, warmUpSeconds: 1 };

const started = Date.now();
const step = (what: string) =>
	console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${what}`);

const { values: options } = parseArgs({
	options: {
		only: { type: 'string' },
		'figures-port': { type: 'string', default: '8795' }
	}
});
const FIGURES_PORT = Number(options['figures-port']);
if (options.only !== undefined && !['figures', 'live', 'load'].includes(options.only)) {
	console.error(`--only takes one part: figures, live or load (not ${options.only})`);
	process.exit(2);
}

buildIfNeeded();
if (options.only === 'figures') {
	const figures = await measureFigures(FIGURES_PORT, step);
	const checks = figuresChecks(figures);
	console.log(`\n${figuresTable(figures)}`);
	const missed = checks.filter((c) => !c.ok);
	for (const c of checks)
		console.log(`${c.ok ? 'ok  ' : 'OVER'} ${c.what}: ${c.measured} (budget ${c.budget})`);
	process.exit(missed.length === 0 ? 0 : 1);
}
// Another server on the port (a second bench, a forgotten wrangler) would be measured instead of
// this build, and would stop answering halfway: refused at once, with the reason.
if (await answers(`${ORIGIN}/api/health`)) {
	console.error(`Port ${PORT} is in use by another server (another bench?): stop it first.`);
	process.exit(2);
}
step('starting the worker (wrangler dev, fresh D1 under .wrangler/bench)');
// A fresh clone has no .wrangler yet: the server's log goes there.
mkdirSync(dirname(SERVER_LOG), { recursive: true });
// Numbers waiting in Samira's queue today, for the live feed's "call next" rounds.
const LIVE_SQL = '.wrangler/bench-live.sql';
liveFixtureSql(LIVE_SQL);
const server = spawn(
	process.execPath,
	[
		'scripts/serve.ts',
		'--port',
		String(PORT),
		'--persist-to',
		'.wrangler/bench',
		'--fresh',
		'--quiet',
		'--var',
		'DB_STATS:on',
		// Every booking POST comes from this one machine: the limits are raised (as in the tests) so
		// the load measures the booking path, limiter included, and not only its 429 answers.
		'--var',
		'RATE_LIMIT_SCALE:1000',
		'--sql',
		LIVE_SQL
	],
	{ stdio: ['ignore', 'ignore', openSync(SERVER_LOG, 'w')], env: toolEnv }
);
const stopServer = () => server.exitCode === null && server.kill('SIGTERM');
process.on('exit', stopServer);

/** One part alone on the worker just started: its table and checks printed, no file written. */
async function runAlone(part: () => Promise<{ text: string; checks: Check[] }>): Promise<never> {
	try {
		await waitForWorker();
		const { text, checks } = await part();
		stopServer();
		console.log(`\n${text}`);
		for (const c of checks)
			console.log(`${c.ok ? 'ok  ' : 'OVER'} ${c.what}: ${c.measured} (budget ${c.budget})`);
		process.exit(checks.every((c) => c.ok) ? 0 : 1);
	} catch (error) {
		stopServer();
		console.error(error);
		process.exit(2);
	}
}

if (options.only === 'live')
	await runAlone(async () => {
		const live = await measureLive();
		return { text: liveLine(live), checks: liveChecks(live) };
	});
if (options.only === 'load')
	await runAlone(async () => {
		const load = await measureLoad(await prepare());
		return { text: loadTable(load), checks: loadChecks(load) };
	});

try {
	// The dry-run bundle is made while wrangler dev starts.
	const [bundle] = await Promise.all([measureBundle(), waitForWorker()]);
	const context = await prepare();
	// Issue #22: booking, moving and cancelling as a parent, on slots of their own.
	step('what a parent does: D1 round trips');
	const forActions = slotsForActions(context.free);
	context.free = forActions.rest;
	const actions = await measureParentActions(ORIGIN, SCHOOL, forActions.taken);
	const pages = await measurePages(context);
	const live = await measureLive();
	step('Lighthouse (mobile)');
	const lighthouse = await runLighthouse(
		ORIGIN,
		LIGHTHOUSE_PAGES.map((name) => {
			const page = pages.find((p) => p.name === name)!;
			return { name, path: page.path };
		})
	);
	const load = await measureLoad(context);
	stopServer();
	const booking = { formPostRoundTrips: context.confirmRoundTrips };
	const figures = await measureFigures(FIGURES_PORT, step);

	const checks = [
		...checkBudgets(pages, bundle, load, lighthouse),
		...liveChecks(live),
		...actionChecks(actions),
		...figuresChecks(figures)
	];
	const results = {
		date: new Date().toISOString(),
		machine: `${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores, node ${process.version}`,
		budgets: BUDGET,
		pages,
		booking,
		actions,
		bundle,
		load,
		lighthouse,
		live,
		figures,
		checks,
		seconds: Math.round((Date.now() - started) / 1000)
	};
	mkdirSync('bench', { recursive: true });
	writeFileSync('bench/results.json', JSON.stringify(results, null, '\t') + '\n');
	const tables = `${renderTables(results)}\n\n${liveLine(live)}\n\n${figuresTable(figures)}`;
	console.log(`\n${tables}`);
	updateReadme(tables);
	const missed = checks.filter((c) => !c.ok);
	console.log(
		missed.length === 0
			? `All ${checks.length} budgets met (${results.seconds} s). Written: bench/results.json, README.md.`
			: `${missed.length} of ${checks.length} budgets missed:\n${missed.map((c) => `  - ${c.what}: ${c.measured} (budget ${c.budget})`).join('\n')}`
	);
	process.exitCode = missed.length === 0 ? 0 : 1;
} catch (error) {
	stopServer();
	console.error(error);
	console.error(
		`wrangler dev said (${SERVER_LOG}):\n${readFileSync(SERVER_LOG, 'utf8').slice(-2000)}`
	);
	process.exitCode = 2;
}

/** Builds when there is no build yet or a source file is newer than it. */
function buildIfNeeded() {
	const output = '.svelte-kit/cloudflare/_worker.js';
	const built = statSafe(output);
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
	if (built && !sources.some((s) => newerThan(s, built))) return step('build is up to date');
	step('building (vite build)');
	execFileSync(process.execPath, ['node_modules/.bin/vite', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env: toolEnv
	});
}

function statSafe(path: string) {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function newerThan(path: string, time: number): boolean {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs > time;
	return readdirSync(path).some((entry) => newerThan(join(path, entry), time));
}

/** The worker as `wrangler deploy` would upload it: every module, each gzipped. */
async function measureBundle() {
	step('worker bundle (wrangler deploy --dry-run)');
	const outdir = '.wrangler/bench-bundle';
	rmSync(outdir, { recursive: true, force: true });
	await promisify(execFile)('wrangler', ['deploy', '--dry-run', '--outdir', outdir], {
		env: toolEnv
	});
	const files = listFiles(outdir).filter((f) => !f.endsWith('.map') && !f.endsWith('README.md'));
	let bytes = 0;
	let gzip = 0;
	for (const file of files) {
		const data = readFileSync(file);
		bytes += data.byteLength;
		gzip += gzipSize(data);
	}
	return { files: files.length, bytes, gzip };
}

function listFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]
	);
}

/** Whether something answers at `url`. */
async function answers(url: string): Promise<boolean> {
	try {
		await fetch(url);
		return true;
	} catch {
		return false;
	}
}

async function waitForWorker() {
	for (let i = 0; i < 720; i++) {
		if (server.exitCode !== null) throw new Error('wrangler dev stopped');
		try {
			if ((await fetch(`${ORIGIN}/api/health`)).ok) return step('worker is up');
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('The worker did not answer within 6 minutes');
}

/**
 * The booking steps need a free slot (the first one) and the done page a booking, made with the
 * real form on the last free slot. The slots in between feed the booking load.
 */
async function prepare(): Promise<Context & { confirmRoundTrips: number | null; free: Slot[] }> {
	const free = await freeSlots();
	const [first, last] = [free[0], free.at(-1)];
	if (!first || !last || first === last) throw new Error(`${SCHOOL} has too few free slots`);
	const context = { staffId: first.staffId, day: first.start.slice(0, 10), start: first.start };
	const form = `/nl/${SCHOOL}/book?staff=${last.staffId}&day=${last.start.slice(0, 10)}&start=${encodeURIComponent(last.start)}&/book`;
	const res = await fetch(new URL(form, ORIGIN), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: ORIGIN,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			staffId: String(last.staffId),
			start: last.start,
			firstName: 'Bench',
			email: 'bench@example.org',
			consent: 'on'
		})
	});
	const token = /\/booking\/([^?]+)/.exec(res.headers.get('location') ?? '')?.[1];
	if (res.status !== 303 || !token) throw new Error(`The booking form answered ${res.status}`);
	return {
		...context,
		doneToken: token,
		confirmRoundTrips: roundTripsOf(res),
		free: free.slice(0, -1)
	};
}

type Slot = { staffId: number; start: string; remaining: number };

async function freeSlots(): Promise<Slot[]> {
	const from = new Date().toISOString().slice(0, 10);
	const to = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
	const res = await fetch(`${ORIGIN}/api/v1/schools/${SCHOOL}/slots?from=${from}&to=${to}`);
	const slots = (await res.json()) as Slot[];
	// A slot early tomorrow may be past the minimum notice by the time it is booked; skip today's.
	return slots.filter((s) => s.remaining > 0 && s.start.slice(0, 10) > from);
}

async function measurePages(context: Context) {
	step('pages');
	const staff = DEMO_ACCOUNTS.find((a) => a.role === 'staff')!;
	const sessions: Partial<Record<'staff' | 'kiosk', Cookies | null>> = {};
	const results: (PageResult & { audience: PageSpec['audience'] })[] = [];
	for (const page of PAGES) {
		let cookies: Cookies | undefined;
		if (page.as === 'staff') cookies = sessions.staff ??= await signIn(ORIGIN, staff);
		if (page.as === 'kiosk') {
			if (sessions.kiosk === undefined)
				sessions.kiosk = await pairKiosk(ORIGIN, DEMO_KIOSK_PAIRING_CODE);
			cookies = sessions.kiosk ?? undefined;
		}
		const result = await measurePage(ORIGIN, page.name, page.path(context), cookies);
		// The kiosk's service worker is its JavaScript too (issue #20), loaded once per deployment.
		if (page.audience === 'kiosk' && !result.skipped) {
			result.jsGzip += gzipSize(await (await fetch(`${ORIGIN}/kiosk-sw.js`)).text());
			result.jsFiles += 1;
		}
		results.push({ ...result, audience: page.audience });
	}
	return results;
}

/** The live feed's fan-out, as Samira presses "call next" (scripts/bench/live.ts). */
async function measureLive(): Promise<FanOutResult> {
	step('live feed: fan-out to 200 screens');
	const staff = DEMO_ACCOUNTS.find((a) => a.role === 'staff')!;
	return measureFanOut(ORIGIN, await signIn(ORIGIN, staff));
}

function liveChecks(live: FanOutResult): Check[] {
	return [
		{
			what: `live feed: "call next" to all ${live.sockets} screens, median of ${live.rounds}`,
			measured: `${live.medianMs} ms`,
			budget: `≤ ${BUDGET.liveFanOutMs} ms`,
			ok: live.medianMs <= BUDGET.liveFanOutMs
		},
		{
			what: 'live feed: messages missed',
			measured: String(live.missed),
			budget: '0',
			ok: live.missed === 0
		}
	];
}

function liveLine(live: FanOutResult) {
	return (
		`Live feed (one school's Durable Object, ${live.sockets} screens on its WebSocket): from "call next" ` +
		`until the last screen has it, median ${live.medianMs} ms, slowest ${live.maxMs} ms of ${live.rounds} ` +
		`rounds (${live.allReceivedMs.join(', ')} ms); ${live.missed} messages missed.`
	);
}

async function measureLoad(context: Awaited<ReturnType<typeof prepare>>) {
	const today = new Date().toISOString().slice(0, 10);
	const inFourWeeks = new Date(Date.now() + 27 * 86_400_000).toISOString().slice(0, 10);
	let n = 0;
	const slots = context.free;
	const targets: LoadTarget[] = [
		{ name: 'static file', path: '/favicon.svg' },
		{ name: 'school page', path: `/nl/${SCHOOL}` },
		{ name: 'school JSON', path: `/api/v1/schools/${SCHOOL}` },
		{ name: 'slots API', path: `/api/v1/schools/${SCHOOL}/slots?from=${today}&to=${inFourWeeks}` },
		{
			name: 'booking POST',
			path: `/api/v1/schools/${SCHOOL}/bookings`,
			method: 'POST',
			// Spread over every free slot and professional; each parent is another, so the weekly
			// cap per parent is not what answers. Most end as 409 slot_taken once the slots fill.
			body: () => {
				const slot = slots[n % slots.length];
				n++;
				return JSON.stringify({
					staffId: slot.staffId,
					start: slot.start,
					firstName: 'Bench',
					email: `bench-${n}@example.org`,
					language: 'nl',
					consent: true
				});
			},
			served: [201, 409]
		}
	];
	const reads = targets.filter((t) => !t.method);
	const writes = targets.filter((t) => t.method);
	step(`load: warm-up (${LOAD.warmUpSeconds} s each)`);
	for (const target of reads)
		await runLoad(ORIGIN, target, { ...LOAD, seconds: LOAD.warmUpSeconds });
	const rounds: LoadResult[][] = [];
	for (let round = 0; round < LOAD.rounds; round++) {
		step(
			`load: round ${round + 1} of ${LOAD.rounds} (${LOAD.seconds} s each, ${LOAD.connections} connections)`
		);
		const order = reads.map((_, i) => reads[(i + round) % reads.length]);
		const results: LoadResult[] = [];
		for (const target of order) results.push(await runLoad(ORIGIN, target, LOAD));
		const reference = results.find((r) => r.name === reads[0].name)!.requestsPerSecond;
		for (const r of results) r.ratio = Math.round((r.requestsPerSecond / reference) * 100) / 100;
		rounds.push(results);
	}
	// Each read: its median round (by its share of the static file in that round).
	const results = reads.map((target) => {
		const own = rounds.map((results) => results.find((r) => r.name === target.name)!);
		const middle = <T>(values: T[], by: (v: T) => number) =>
			[...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)];
		return {
			...middle(own, (r) => r.ratio!),
			p99: middle(own, (r) => r.p99).p99,
			errors: own.reduce((sum, r) => sum + r.errors, 0),
			rounds: own.map((r) => r.ratio!)
		};
	});
	const reference = results[0].requestsPerSecond;
	for (const target of writes) {
		step(`load: ${target.name} (${LOAD.seconds * 2} s, ${LOAD.connections} connections)`);
		const r = await runLoad(ORIGIN, target, { ...LOAD, seconds: LOAD.seconds * 2 });
		results.push({
			...r,
			ratio: Math.round((r.requestsPerSecond / reference) * 100) / 100,
			rounds: []
		});
	}
	return results;
}

type Check = { what: string; measured: string; budget: string; ok: boolean };

function checkBudgets(
	pages: (PageResult & { audience: PageSpec['audience'] })[],
	bundle: { gzip: number },
	load: LoadResult[],
	lighthouse: Awaited<ReturnType<typeof runLighthouse>>
): Check[] {
	const checks: Check[] = [];
	const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
	const school = pages.find((p) => p.name === 'school page')!;
	checks.push({
		what: 'school page HTML (gzip)',
		measured: kb(school.htmlGzip),
		budget: `≤ ${kb(BUDGET.schoolPageHtmlGzip)}`,
		ok: school.htmlGzip <= BUDGET.schoolPageHtmlGzip
	});
	for (const page of pages.filter((p) => !p.skipped && p.audience === 'parent')) {
		checks.push({
			what: `${page.name}: JavaScript for the first view (gzip)`,
			measured: kb(page.jsGzip),
			budget: `≤ ${kb(BUDGET.firstViewJsGzip)}`,
			ok: page.jsGzip <= BUDGET.firstViewJsGzip
		});
	}
	for (const page of pages.filter((p) => !p.skipped && p.audience === 'kiosk')) {
		checks.push({
			what: `${page.name}: JavaScript with the live client and the service worker (gzip)`,
			measured: kb(page.jsGzip),
			budget: `≤ ${kb(BUDGET.kioskJsGzip)}`,
			ok: page.jsGzip <= BUDGET.kioskJsGzip
		});
	}
	// A page that is not there is a missed budget, never a quiet gap in the table.
	for (const page of pages.filter((p) => p.skipped)) {
		checks.push({
			what: `${page.name}: present`,
			measured: page.skipped!,
			budget: '200',
			ok: false
		});
	}
	// One round trip per page load holds for every page measured: the kiosk and staff pages read
	// who is asking (device, session) in the same batch as the page.
	for (const page of pages.filter((p) => !p.skipped)) {
		checks.push({
			what: `${page.name}: D1 round trips`,
			measured: String(page.roundTrips),
			budget: `≤ ${BUDGET.roundTripsPerPage}`,
			ok: page.roundTrips !== null && page.roundTrips <= BUDGET.roundTripsPerPage
		});
	}
	for (const result of lighthouse) {
		for (const category of CATEGORIES) {
			checks.push({
				what: `Lighthouse ${category}: ${result.name}`,
				measured: result.failed
					? `not measured (${result.failed})`
					: String(result.scores[category]),
				budget: `≥ ${BUDGET.lighthouse[category]}`,
				ok: result.scores[category] >= BUDGET.lighthouse[category]
			});
		}
	}
	checks.push({
		what: 'worker bundle (gzip)',
		measured: kb(bundle.gzip),
		budget: `≤ ${kb(BUDGET.workerGzip)}`,
		ok: bundle.gzip <= BUDGET.workerGzip
	});
	checks.push(...loadChecks(load));
	return checks;
}

/** Issue #22: the public reads, served from the edge cache, against the static file. */
function loadChecks(load: LoadResult[]): Check[] {
	const checks: Check[] = [];
	for (const [name, share] of Object.entries(BUDGET.publicReads)) {
		const read = load.find((l) => l.name === name)!;
		checks.push(
			{
				what: `${name} throughput / static file`,
				measured: read.ratio!.toFixed(2),
				budget: `≥ ${share}`,
				ok: read.ratio! >= share
			},
			{
				what: `${name} under load: p99`,
				measured: `${read.p99} ms`,
				budget: `< ${BUDGET.publicReadP99Ms} ms`,
				ok: read.p99 < BUDGET.publicReadP99Ms
			}
		);
	}
	for (const l of load) {
		checks.push({
			what: `${l.name} under load: errors`,
			measured: String(l.errors),
			budget: '0',
			ok: l.errors === 0
		});
	}
	return checks;
}

/** Issue #22: each thing a parent does within its D1 round trips. */
function actionChecks(actions: ActionResult[]): Check[] {
	return actions.map((a) => ({
		what: `${a.name}: D1 round trips`,
		measured: String(a.roundTrips),
		budget: `≤ ${a.budget}`,
		ok: a.roundTrips !== null && a.roundTrips <= a.budget
	}));
}

/** The figures part's budgets (none when there is no national-scale data set). */
function figuresChecks(figures: FiguresResult): Check[] {
	if ('skipped' in figures) return [];
	const what = `figures of ${figures.schools} schools over a year`;
	return [
		{
			what: `${what}: D1 round trips`,
			measured: String(figures.roundTrips),
			budget: `≤ ${FIGURES_BUDGET.roundTrips}`,
			ok: figures.roundTrips !== null && figures.roundTrips <= FIGURES_BUDGET.roundTrips
		},
		{
			what: `${what}: page, median`,
			measured: `${figures.pageMedianMs} ms`,
			budget: `≤ ${FIGURES_BUDGET.pageMedianMs} ms`,
			ok: figures.pageMedianMs <= FIGURES_BUDGET.pageMedianMs
		},
		{
			what: `${what}: CSV export, median`,
			measured: `${figures.exportMedianMs} ms`,
			budget: `≤ ${FIGURES_BUDGET.exportMedianMs} ms`,
			ok: figures.exportMedianMs <= FIGURES_BUDGET.exportMedianMs
		}
	];
}

function figuresTable(figures: FiguresResult) {
	if ('skipped' in figures)
		return `Figures on the national-scale data set: skipped (${figures.skipped}).`;
	return [
		'| figures (national-scale data set) | schools | D1 round trips | median ms | HTML KB gzip | CSV rows |',
		'| --- | --- | --- | --- | --- | --- |',
		`| page \`/staff/figures\`, a year | ${figures.schools} | ${figures.roundTrips ?? '?'} | ${figures.pageMedianMs} | ${(figures.pageGzip / KB).toFixed(1)} | |`,
		`| export \`/staff/figures.csv\`, a year | ${figures.schools} | | ${figures.exportMedianMs} | | ${figures.exportRows} |`
	].join('\n');
}

/** Markdown tables: readable in a terminal and in the README alike. */
function renderTables(r: {
	date: string;
	machine: string;
	pages: (PageResult & { audience: string })[];
	booking: { formPostRoundTrips: number | null };
	actions: ActionResult[];
	bundle: { files: number; bytes: number; gzip: number };
	load: LoadResult[];
	lighthouse: Awaited<ReturnType<typeof runLighthouse>>;
	checks: Check[];
}) {
	const kb = (n: number) => (n / KB).toFixed(1);
	const pages = table(
		['page', 'path', 'HTML KB gzip', 'JS KB gzip (files)', 'CSS KB gzip', 'D1 round trips'],
		r.pages.map((p) =>
			p.skipped
				? [p.name, `\`${p.path}\``, `skipped: ${p.skipped}`, '', '', '']
				: [
						p.name,
						`\`${shorten(p.path)}\``,
						kb(p.htmlGzip),
						`${kb(p.jsGzip)} (${p.jsFiles})`,
						kb(p.cssGzip),
						p.roundTrips ?? '?'
					]
		)
	);
	const load = loadTable(r.load);
	const lighthouse = table(
		['Lighthouse (mobile)', 'performance', 'accessibility', 'best practices', 'LCP ms', 'TBT ms'],
		r.lighthouse.map((l) => [
			l.name,
			l.scores.performance,
			l.scores.accessibility,
			l.scores['best-practices'],
			l.metrics.lcp,
			l.metrics.tbt
		])
	);
	const missed = r.checks.filter((c) => !c.ok);
	return [
		`Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${r.machine}.`,
		'',
		pages,
		'',
		table(
			['what a parent does', 'D1 round trips', 'budget'],
			r.actions.map((a) => [a.name, a.roundTrips ?? '?', `≤ ${a.budget}`])
		),
		'',
		`Worker bundle: ${kb(r.bundle.gzip)} KB gzip (${kb(r.bundle.bytes)} KB in ${r.bundle.files} files).`,
		'',
		load,
		'',
		lighthouse,
		'',
		missed.length === 0
			? `All ${r.checks.length} budgets met.`
			: `Budgets missed: ${missed.map((c) => `${c.what} ${c.measured} (${c.budget})`).join('; ')}.`
	].join('\n');
}

function shorten(path: string) {
	return path.replace(/start=[^&]+/, 'start=…').replace(/(booking|question)\/[^?]+/, '$1/…');
}

/** Puts the tables between the bench markers in README.md's Performance section. */
function updateReadme(tables: string) {
	const readme = readFileSync('README.md', 'utf8');
	const pattern = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/;
	if (!pattern.test(readme)) return console.log('README.md has no bench markers; not updated.');
	writeFileSync(
		'README.md',
		readme.replace(pattern, (_, start, end) => `${start}${tables}\n${end}`)
	);
	// The tables in the house style, so `prettier --check .` stays clean.
	execFileSync('prettier', ['--write', 'README.md'], { stdio: 'ignore', env: toolEnv });
}

/** A Markdown table (prettier lines its columns up when it writes README.md). */
function table(head: string[], rows: (string | number)[][]) {
	return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function loadTable(load: LoadResult[]) {
	return table(
		['under load', 'requests/s', '× static', 'each round', 'p50 ms', 'p99 ms', 'statuses'],
		load.map((l) => [
			l.name,
			l.requestsPerSecond,
			l.ratio!.toFixed(2),
			l.rounds?.map((x) => x.toFixed(2)).join(', ') || '–',
			l.p50,
			l.p99,
			Object.entries(l.statuses)
				.map(([s, n]) => `${s}: ${n}`)
				.join(', ')
		])
	);
}
