import type { Db } from '$lib/server/db';
import type { Direction, Language } from '$lib/i18n/languages';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			db: Db;
			/** The language of this request: from the URL, else from Accept-Language. */
			lang: Language;
			dir: Direction;
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
