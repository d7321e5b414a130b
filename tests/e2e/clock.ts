/**
 * The browser tests' clock: the one the worker under test runs at (TEST_CLOCK, passed to it by
 * playwright.config.ts; see src/lib/server/clock.ts). Tests take "now" and "today" from here, never
 * from Date.now() or new Date(), so that they and the worker agree on the day and the TOTP step.
 */
import { parseTestClock, realClock } from '../../src/lib/server/clock.ts';
import { addDays, amsterdamDate } from '../../src/lib/server/scheduling/time.ts';

export const now = parseTestClock(process.env.TEST_CLOCK) ?? realClock;

/** The Amsterdam date 'YYYY-MM-DD' `days` after today (the worker's today). */
export const dayFromToday = (days = 0) => addDays(amsterdamDate(now()), days);
