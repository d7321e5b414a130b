/**
 * The worker's one clock. Pages, form actions, the API, the cron and the hooks all take the time
 * from here (`event.locals.now`, the API's `c.var.now`, `clockOf(env)` in the cron), never from
 * `Date.now()` of their own, so that a test can run the real worker at a chosen instant.
 *
 * `TEST_CLOCK` (a worker var, never set in wrangler.toml) moves the clock:
 * - an instant with its offset, `2027-03-28T01:59:00+01:00`: the clock stands still there;
 * - `offset:<milliseconds>`: the real time moved by that much (it runs on as usual);
 *   `npm run test:calendar` starts each run at its instant this way.
 * A test clock is honoured only where the worker's public origin is a loopback address (local
 * development and the tests). A deployed worker has its own https origin, so there it is ignored:
 * production always runs on the real clock (tests/integration/clock.spec.ts).
 */
import { Temporal } from 'temporal-polyfill';

export type Clock = () => number;

export type ClockEnv = { TEST_CLOCK?: string; PUBLIC_ORIGIN?: string } | undefined;

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The real clock. */
export const realClock: Clock = () => Date.now();

/** A test clock: standing at an instant, or running at an offset from the real time. */
type TestClock = { at: number } | { offsetMs: number };

function parseSpec(value: string | undefined): TestClock | undefined {
	const spec = value?.trim();
	if (!spec) return undefined;
	const offset = /^offset:([+-]?\d+)$/.exec(spec);
	if (offset) return { offsetMs: Number(offset[1]) };
	// An instant must name its offset (or Z): a wall-clock time alone is ambiguous on DST nights,
	// and Temporal refuses it, as it refuses a day that does not exist.
	try {
		return { at: Temporal.Instant.from(spec).epochMilliseconds };
	} catch {
		throw new Error(
			`TEST_CLOCK must be an instant with its offset (2027-03-28T01:59:00+01:00) or offset:<ms>, not "${spec}".`
		);
	}
}

/** What a clock reads at a given real instant. */
const reading = (clock: TestClock | undefined, real: number) =>
	!clock ? real : 'at' in clock ? clock.at : real + clock.offsetMs;

/**
 * Reads a TEST_CLOCK value: a clock, or undefined for an empty value. Throws on anything else, so
 * a mistyped test instant fails loudly instead of running at the real time.
 */
export function parseTestClock(value: string | undefined): Clock | undefined {
	const clock = parseSpec(value);
	return clock && (() => reading(clock, Date.now()));
}

/** Whether this worker may take a test clock: only with a loopback public origin. */
export const mayUseTestClock = (env: ClockEnv) => LOOPBACK_ORIGIN.test(env?.PUBLIC_ORIGIN ?? '');

const testClockOf = (env: ClockEnv) =>
	mayUseTestClock(env) ? parseSpec(env?.TEST_CLOCK) : undefined;

/** The clock of a worker with these vars: the test clock where allowed and set, else the real one. */
export function clockOf(env: ClockEnv): Clock {
	const clock = testClockOf(env);
	return clock ? () => reading(clock, Date.now()) : realClock;
}

/**
 * What the worker's clock read at a real instant the runtime hands over (a cron trigger's
 * scheduled time): that instant itself in production, moved like the test clock in tests.
 */
export const clockReadingAt = (env: ClockEnv, real: number) => reading(testClockOf(env), real);

/** The real instant at which an offset test clock reads `instant` (tests that act as the runtime). */
export function realInstantOf(env: ClockEnv, instant: number): number {
	const clock = testClockOf(env);
	return clock && 'offsetMs' in clock ? instant - clock.offsetMs : instant;
}
