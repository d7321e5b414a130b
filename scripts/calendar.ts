/**
 * `npm run test:calendar`: the unit and integration tests at each of the hard instants of the
 * year, so that a test that only passes on some days fails here instead of on a random morning.
 * Each run starts the worker's clock and the tests' clock at its instant (TEST_CLOCK=offset:<ms>,
 * src/lib/server/clock.ts), with the demo data loaded for that day, and lets it run on from there.
 *
 *   node scripts/calendar.ts                    every instant, every vitest file
 *   node scripts/calendar.ts --pick 3 tests/integration
 *       three instants chosen by today's date (every instant comes up within a week), only the
 *       integration tests: what `npm test` runs
 *   node scripts/calendar.ts --only leap-day    one instant by name
 *   node scripts/calendar.ts --list             the instants, without running anything
 *
 * Instants are the next ones of their kind (Europe/Amsterdam), so they are always ahead of the
 * real date and the demo data is loaded relative to them as it would be on that day.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { demoClosures } from '../src/lib/server/demo/seed.ts';
import { TIME_ZONE } from '../src/lib/server/scheduling/time.ts';

type Instant = { name: string; what: string; at: Temporal.ZonedDateTime };

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		pick: { type: 'string' },
		only: { type: 'string', multiple: true },
		list: { type: 'boolean', default: false }
	}
});

const now = Temporal.Now.zonedDateTimeISO(TIME_ZONE);
const today = now.toPlainDate();

/** The zoned instant of a wall-clock date and time; `offset` picks one of the two in the fold. */
const zoned = (date: Temporal.PlainDate, time: string, offset?: '+01:00' | '+02:00') =>
	offset
		? Temporal.ZonedDateTime.from(`${date}T${time}${offset}[${TIME_ZONE}]`, { offset: 'reject' })
		: Temporal.ZonedDateTime.from(`${date}T${time}[${TIME_ZONE}]`, { disambiguation: 'reject' });

/** The first date from `from` on (inclusive) that passes `test`. */
function firstDate(from: Temporal.PlainDate, test: (d: Temporal.PlainDate) => boolean) {
	let date = from;
	while (!test(date)) date = date.add({ days: 1 });
	return date;
}

/** The first instant after now that `make` gives for some year from this one on. */
function nextOf(make: (year: number) => Temporal.ZonedDateTime | null): Temporal.ZonedDateTime {
	for (let year = today.year; ; year++) {
		const at = make(year);
		if (at && Temporal.ZonedDateTime.compare(at, now) > 0) return at;
	}
}

const lastSunday = (year: number, month: number) => {
	const last = Temporal.PlainDate.from({ year, month, day: 31 });
	return last.subtract({ days: last.dayOfWeek % 7 });
};

/** Whether De Zuidwester (organisation 1) is closed on a date in the demo data of that day. */
const inDemoHoliday = (date: Temporal.PlainDate) => {
	const day = date.toString();
	return demoClosures(day).some(
		(c) => c.organisation_id === 1 && c.start_date <= day && day <= c.end_date
	);
};

const tomorrow = today.add({ days: 1 });
const INSTANTS: Instant[] = [
	{
		name: 'sunday-morning',
		what: 'a Sunday 05:00',
		at: zoned(
			firstDate(tomorrow, (d) => d.dayOfWeek === 7),
			'05:00'
		)
	},
	{
		name: 'walk-in-hour',
		what: "a Thursday 14:45, during De Zuidwester's walk-in hour (a week without holidays)",
		at: zoned(
			firstDate(tomorrow, (d) => d.dayOfWeek === 4 && !inDemoHoliday(d)),
			'14:45'
		)
	},
	{
		name: 'spring-forward-before',
		what: 'the night the clocks go forward, 01:59',
		at: nextOf((year) => zoned(lastSunday(year, 3), '01:59'))
	},
	{
		name: 'spring-forward-after',
		what: 'the night the clocks go forward, 03:01',
		at: nextOf((year) => zoned(lastSunday(year, 3), '03:01'))
	},
	{
		name: 'fall-back-first',
		what: 'the night the clocks go back, 02:30 the first time',
		at: nextOf((year) => zoned(lastSunday(year, 10), '02:30', '+02:00'))
	},
	{
		name: 'fall-back-second',
		what: 'the night the clocks go back, 02:30 the second time',
		at: nextOf((year) => zoned(lastSunday(year, 10), '02:30', '+01:00'))
	},
	{
		name: 'new-years-eve',
		what: '23:55 on 31 December',
		at: nextOf((year) => zoned(Temporal.PlainDate.from({ year, month: 12, day: 31 }), '23:55'))
	},
	{
		name: 'new-year',
		what: '00:05 on 1 January',
		at: nextOf((year) => zoned(Temporal.PlainDate.from({ year, month: 1, day: 1 }), '00:05'))
	},
	{
		name: 'holiday-monday',
		what: 'the first Monday of a school holiday in the demo data, 09:00',
		at: nextOf((year) => {
			// The holidays of the school year that begins in `year` (demoClosures takes any of its days).
			const holidays = demoClosures(`${year}-09-01`).filter((c) => c.organisation_id === 1);
			const mondays = holidays
				.map((c) => firstDate(Temporal.PlainDate.from(c.start_date), (d) => d.dayOfWeek === 1))
				.map((monday) => zoned(monday, '09:00'))
				.filter((at) => Temporal.ZonedDateTime.compare(at, now) > 0)
				.sort(Temporal.ZonedDateTime.compare);
			return mondays[0] ?? null;
		})
	},
	{
		name: 'leap-day',
		what: '29 February, 12:00',
		at: nextOf((year) =>
			Temporal.PlainDate.from({ year, month: 2, day: 1 }).inLeapYear
				? zoned(Temporal.PlainDate.from({ year, month: 2, day: 29 }), '12:00')
				: null
		)
	}
];

/**
 * `count` instants in a row, starting at one chosen by the date: over any seven days in a row
 * every instant comes up (10 instants, 3 a day, the start moving by 3 each day).
 */
function pickByDay(count: number): Instant[] {
	const day = Math.floor(today.since('1970-01-01').total({ unit: 'days' }));
	const start = (day * count) % INSTANTS.length;
	return Array.from({ length: count }, (_, i) => INSTANTS[(start + i) % INSTANTS.length]);
}

const chosen = values.only?.length
	? INSTANTS.filter((i) => values.only!.includes(i.name))
	: values.pick
		? pickByDay(Math.max(1, Math.min(INSTANTS.length, Number(values.pick))))
		: INSTANTS;
if (chosen.length === 0) {
	console.error(`No such instant. Known: ${INSTANTS.map((i) => i.name).join(', ')}`);
	process.exit(2);
}

const label = (i: Instant) => `${i.name.padEnd(22)} ${i.at.toString({ timeZoneName: 'never' })}`;
if (values.list) {
	for (const i of INSTANTS) console.log(`${label(i)}  ${i.what}`);
	process.exit(0);
}

const results: { instant: Instant; ok: boolean; seconds: number }[] = [];
for (const instant of chosen) {
	console.log(`\n── ${label(instant)}  ${instant.what} ──`);
	const started = performance.now();
	// The offset is taken just before the run: its first test starts a few seconds after the
	// instant, and the clock runs on through it (through 03:00 on the spring-forward night, say).
	const offset = instant.at.epochMilliseconds - Date.now();
	// vitest on this Node (the project's own), not whichever `node` comes first on the PATH.
	const run = spawnSync(
		process.execPath,
		['node_modules/vitest/vitest.mjs', 'run', ...positionals],
		{
			stdio: 'inherit',
			env: { ...process.env, TEST_CLOCK: `offset:${offset}` }
		}
	);
	results.push({
		instant,
		ok: run.status === 0,
		seconds: Math.round((performance.now() - started) / 1000)
	});
}

console.log('\n── the calendar ──');
for (const { instant, ok, seconds } of results)
	console.log(`${ok ? 'pass' : 'FAIL'}  ${label(instant)}  (${seconds} s)`);
if (results.some((r) => !r.ok)) process.exit(1);
