/**
 * The worker's entry (wrangler.toml `main`). adapter-cloudflare builds a worker that only answers
 * `fetch`; this module passes requests on to it and adds the daily `scheduled` run for the cron
 * trigger in wrangler.toml. `sveltekit-worker` is an alias (wrangler.toml [alias], vitest.config.ts)
 * for the built .svelte-kit/cloudflare/_worker.js, so the type checker never reads the build.
 */
import sveltekit from 'sveltekit-worker';
import { clockReadingAt } from './lib/server/clock.ts';
import { getDb } from './lib/server/db/index.ts';
import { runRetention } from './lib/server/retention/index.ts';
import { deliverOutbox, type EmailBinding } from './lib/server/mail/index.ts';

export default {
	fetch: (request, env, ctx) => sveltekit.fetch(request, env, ctx),

	/** Data retention (see src/lib/server/retention). Logs counts only, never personal data. */
	async scheduled(controller, env) {
		// The scheduled time (milliseconds in production; some test harnesses hand over a Date), as
		// the worker's one clock reads it (./lib/server/clock.ts: moved only by a test clock).
		const now = clockReadingAt(env, new Date(controller.scheduledTime).getTime());
		const db = getDb(env.DB);
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
