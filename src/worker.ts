/**
 * The worker's entry (wrangler.toml `main`). adapter-cloudflare builds a worker that only answers
 * `fetch`; this module passes requests on to it and adds the daily `scheduled` run for the cron
 * trigger in wrangler.toml, and exports the Durable Object class of the schools' live screens
 * (`SchoolLive`, wrangler.toml [[durable_objects.bindings]]). `sveltekit-worker` is an alias (wrangler.toml [alias], vitest.config.ts)
 * for the built .svelte-kit/cloudflare/_worker.js, so the type checker never reads the build.
 */
import sveltekit from 'sveltekit-worker';
import { clockReadingAt } from './lib/server/clock.ts';
import { getDb } from './lib/server/db/index.ts';
import { runRetention } from './lib/server/retention/index.ts';
import { deliverOutbox, type EmailBinding } from './lib/server/mail/index.ts';
import { notifierFor } from './lib/server/notify/index.ts';
import { expireAndPassOn } from './lib/server/waitlist/messages.ts';
import { sendReminders } from './lib/server/bookings/reminders.ts';
import { sendMeetingReminders } from './lib/server/meetings/reminders.ts';
import {
	changedSharedReads,
	freshenSharedReads,
	isSharedRead,
	sharedRead
} from './lib/server/http/edge-cache.ts';

export { SchoolLive } from './lib/server/walkin/live-object.ts';

/** The nightly cron (wrangler.toml [triggers]): retention. Every other schedule sends reminders. */
const RETENTION_CRON = '30 2 * * *';

/**
 * An API path whose percent-escapes are not UTF-8 (`/api/calendar/%A0.ics`): SvelteKit cannot
 * decode it and would answer with a page of its own before the API sees it. Its percent signs are
 * escaped instead, so the API takes the text as it came (no token or slug has a `%` in it) and
 * answers in its own error shape, with every header the hooks add.
 */
export function withDecodablePath(request: Request): Request {
	const url = new URL(request.url);
	if (!url.pathname.startsWith('/api/')) return request;
	try {
		decodeURI(url.pathname);
		return request;
	} catch {
		url.pathname = url.pathname.replaceAll('%', '%25');
		return new Request(url, request);
	}
}

export default {
	/**
	 * The public reads (a school's page, its JSON, slots and walk-in status) come from Cloudflare's
	 * cache when they can, the isolate's memory first (./lib/server/http/edge-cache.ts); a write
	 * that succeeds makes the next read fresh.
	 */
	async fetch(request, env, ctx) {
		const url = new URL(request.url);
		const respond = (req: Request) => sveltekit.fetch(withDecodablePath(req), env, ctx);
		if (isSharedRead(request, url)) return sharedRead(request, url, env, ctx, respond);
		const response = await respond(request);
		if (changedSharedReads(request, response)) await freshenSharedReads(url.origin);
		return response;
	},

	/**
	 * Two schedules: every 15 minutes the reminders (src/lib/server/notify/reminders.ts) and the
	 * waiting-list offers that ran out (src/lib/server/waitlist), nightly
	 * the data retention (src/lib/server/retention). Logs counts only, never personal data.
	 */
	async scheduled(controller, env, ctx?: ExecutionContext) {
		// The scheduled time (milliseconds in production; some test harnesses hand over a Date), as
		// the worker's one clock reads it (./lib/server/clock.ts: moved only by a test clock).
		const now = clockReadingAt(env, new Date(controller.scheduledTime).getTime());
		const db = getDb(env.DB);
		if (controller.cron !== RETENTION_CRON) {
			// Waiting-list offers nobody claimed in time: expired, and their places offered to the next
			// parents (pages and the API also expire an offer they meet; this catches the rest).
			const offersMade = await expireAndPassOn(
				notifierFor(env, db, undefined, ctx && ((p) => ctx.waitUntil(p))),
				now,
				{
					origin: env.PUBLIC_ORIGIN,
					linkSecret: env.LINK_SECRET
				}
			);
			console.log(JSON.stringify({ level: 'info', msg: 'waitlist', offersMade }));
			const notifier = notifierFor(env, db, undefined, ctx && ((p) => ctx.waitUntil(p)));
			const sent = {
				...(await sendReminders(notifier, now)),
				...(await sendMeetingReminders(notifier, now))
			};
			console.log(
				JSON.stringify({ level: 'info', msg: 'reminders', cron: controller.cron, ...sent })
			);
			// Offers passed on hold places: the public slots read afresh.
			if (offersMade && env.PUBLIC_ORIGIN) await freshenSharedReads(env.PUBLIC_ORIGIN);
			return;
		}
		const counts = await runRetention(db, now);
		console.log(
			JSON.stringify({ level: 'info', msg: 'retention', cron: controller.cron, ...counts })
		);
		// Mail the Email Service refused before gets another try (counts only in the log).
		// The binding is commented out in wrangler.toml (locally the outbox is the mailbox).
		const email = (env as Env & { EMAIL?: EmailBinding }).EMAIL;
		if (email && env.MAIL_FROM) {
			const mail = await deliverOutbox(db, email, env.MAIL_FROM, now);
			console.log(JSON.stringify({ level: 'info', msg: 'outbox', ...mail }));
		}
	}
} satisfies ExportedHandler<Env>;
