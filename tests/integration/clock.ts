/**
 * The tests' clock: the same one the worker under test reads (TEST_CLOCK, set by vitest.config.ts
 * from the environment; `npm run test:calendar` sets it to each of its instants). Tests take the
 * time from here, never from Date.now(), so that they and the worker agree on what "now" is.
 */
import { env } from 'cloudflare:workers';
import { clockOf, realInstantOf } from '$lib/server/clock';

export const testNow = clockOf(env);

/**
 * The real instant to hand over where the tests act as the runtime (a cron trigger's scheduled
 * time), so that the worker's clock reads `instant` then.
 */
export const runtimeTimeOf = (instant: number) => realInstantOf(env, instant);
