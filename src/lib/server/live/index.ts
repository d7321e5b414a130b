/**
 * The school's live screens: one Durable Object per school (`SchoolLive`, src/lib/server/walkin/
 * live-object.ts) holds the WebSockets of its kiosks, staff queue pages, parents' ticket pages and
 * the school's own display screens, and sends each of them the walk-in status after every change.
 * D1 stays the source of truth: the object keeps nothing but its sockets and reads the status from
 * D1 itself when told that something changed.
 *
 *   const displays = displaysFor(env, ctx.waitUntil);   // in the notifier (Ctx.notifier.displays)
 *   await displays.changed(schoolId);                    // after a walk-in command commits
 *
 * Telling is best effort: the command has already committed, and a screen that misses a message
 * still polls. A failure is logged, never thrown.
 */
import { errorName, log } from '../log.ts';

/** The part of the worker's env with the objects' namespace (wrangler.toml [[durable_objects]]). */
export type LiveEnv = { LIVE?: DurableObjectNamespace } | undefined;

/** The object of one school, by its id: the same object for every worker everywhere. */
export function liveObjectOf(live: DurableObjectNamespace, schoolId: number): DurableObjectStub {
	return live.get(live.idFromName(`school:${schoolId}`));
}

/** Addresses inside the object (never on the internet: a stub's fetch goes to the object). */
export const LIVE_CHANGED = 'https://live.invalid/changed';
export const LIVE_CONNECT = 'https://live.invalid/connect';
/** The header the worker hands the status it read in (URI-encoded), for the object to send at once. */
export const LIVE_STATUS_HEADER = 'x-walkin-status';

/** Tells a school's screens that its walk-in queue changed. */
export type Displays = { changed(schoolId: number): Promise<void> };

/**
 * The displays of this deployment. With `waitUntil` (a request's or the cron's) the message goes
 * after the answer; without it the caller waits for it. No LIVE binding: nothing to tell.
 */
export function displaysFor(
	env: LiveEnv,
	waitUntil?: (promise: Promise<unknown>) => void
): Displays {
	const live = env?.LIVE;
	return {
		async changed(schoolId) {
			if (!live) return;
			const told = liveObjectOf(live, schoolId)
				.fetch(`${LIVE_CHANGED}?school=${schoolId}`, { method: 'POST' })
				.then((response) => void response.body?.cancel())
				.catch((error: unknown) => log('warn', 'live_failed', { error: errorName(error) }));
			if (waitUntil) waitUntil(told);
			else await told;
		}
	};
}
