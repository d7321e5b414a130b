import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export { schema };
export type Db = DrizzleD1Database<typeof schema>;

/**
 * A drizzle client for one request. Never kept at module level: the binding belongs to the request.
 * It takes the binding or a D1 session (read replication, ./replica.ts): drizzle only uses
 * `prepare` and `batch`, which a session has too.
 */
export function getDb(d1: D1Database | D1DatabaseSession | undefined): Db {
	if (!d1) {
		throw new Error(
			'The D1 binding "DB" is missing. Run the app with `npm start` (wrangler dev) or check wrangler.toml.'
		);
	}
	return drizzle(d1 as D1Database, { schema });
}
