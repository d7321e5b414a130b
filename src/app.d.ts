import type { Db } from '$lib/server/db';
import type { Mailer } from '$lib/server/mail';
import type { Notifier } from '$lib/server/notify';
import type { SessionUser } from '$lib/server/auth';
import type { Kiosk, KioskPageReader } from '$lib/server/kiosk';
import type { Workspace } from '$lib/server/staff/workspace';
import type { Direction, Language } from '$lib/i18n/languages';

// The types SvelteKit gives every request (App.Locals) and the platform (App.Platform).
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** This request's instant (Unix ms) from the worker's one clock ($lib/server/clock). */
			now: number;
			db: Db;
			/** How e-mail leaves: the Email Service in production, the outbox locally. */
			mailer: Mailer;
			/** Every channel to a parent (e-mail, text message, push): $lib/server/notify. */
			notifier: Notifier;
			/** The language of this request: from the URL, else from Accept-Language. */
			lang: Language;
			dir: Direction;
			/** The signed-in staff member or admin (staff pages only). */
			user: SessionUser | null;
			/** The school's kiosk tablet this request comes from (kiosk pages only). */
			kiosk: Kiosk | null;
			/**
			 * Read with the session in one D1 batch (workspace pages read with GET): the person's
			 * schools for the layout, and the page's own data (its `reader.ts`).
			 */
			workspace?: Omit<Workspace, 'user'>;
			/** A kiosk page's data, read with the device in one D1 batch (GET; its `reader.ts`). */
			kioskPage?: { reader: KioskPageReader<unknown>; data: unknown } | null;
			/** Set by the book and ask pages when the school's organisation uses Turnstile. */
			turnstile?: boolean;
			/**
			 * Work a command left for after the answer (its messages): started by the hooks once the
			 * response is made, under the request's waitUntil ($lib/server/outcome, afterAnswer).
			 */
			afterAnswer: (() => Promise<void>)[];
		}
		interface Platform {
			env: Env;
			ctx: ExecutionContext;
			caches: CacheStorage;
			cf?: IncomingRequestCfProperties;
		}
	}
}

export {};
