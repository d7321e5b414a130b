import { eq, inArray, is, sql, SQL, type Column, type SQLWrapper } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.ts';

export { schema };
export type Db = DrizzleD1Database<typeof schema>;

/**
 * A column under a name of its own. In a D1 batch rows come back as objects by column name, so
 * two columns called `name` (a school's and a professional's) would overwrite each other and
 * shift the rest: every select that may go in a batch names its columns apart.
 */
export const renamed = <T>(column: Column, alias: string) => sql<T>`${column}`.as(alias);

/**
 * A column equal to an id, or in a subquery that gives it: the same read for a caller that knows
 * the id and for one that batches it with the read that finds it.
 */
export const isIn = (column: Column, id: number | SQLWrapper) =>
	typeof id === 'number' ? eq(column, id) : inArray(column, id);

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
	return drizzle(countRoundTrips(d1) as D1Database, { schema });
}

const dialect = new SQLiteAsyncDialect();

/**
 * Conditional statements of our own SQL (`INSERT … SELECT … WHERE`, `UPDATE … WHERE EXISTS`) as one
 * D1 batch, one transaction. drizzle 0.45's batch cannot bind the parameters of a raw `sql` query
 * (its SQLiteRaw has no prepared statement: "Cannot read properties of undefined (reading
 * 'bind')"), so they are prepared here, on the request's counted binding.
 */
export async function runStatements(db: Db, queries: SQL[]): Promise<D1Result[]> {
	const client = (db as unknown as { $client: D1Database }).$client;
	return client.batch(
		queries.map((query) => {
			const { sql: text, params } = dialect.sqlToQuery(query);
			return client.prepare(text).bind(...params);
		})
	);
}

/** A statement of a mixed batch: a drizzle query (rows as drizzle maps them) or our own SQL. */
export type Statement = BatchItem<'sqlite'> | SQL;
/** What each statement of a mixed batch gives, in its order. */
export type StatementResult<S> = S extends SQL
	? D1Result
	: S extends { _type: unknown }
		? Awaited<S>
		: S extends PromiseLike<infer R>
			? R
			: never;

type Prepared = {
	getQuery(): { sql: string; params: unknown[] };
	mapResult(result: unknown, isFromBatch?: boolean): unknown;
};

/**
 * Drizzle queries and our own conditional SQL in one D1 batch: one round trip, one transaction,
 * each statement seeing the writes of those before it. Drizzle's own batch takes no raw SQL
 * (see runStatements); its queries are prepared here as drizzle prepares them for its batch, and
 * their rows mapped the same way.
 */
export async function batchOf<const S extends readonly Statement[]>(
	db: Db,
	statements: S
): Promise<{ [K in keyof S]: StatementResult<S[K]> }> {
	const client = (db as unknown as { $client: D1Database }).$client;
	const prepared = statements.map((statement) =>
		is(statement, SQL) ? null : (statement as unknown as { _prepare(): Prepared })._prepare()
	);
	const results = await client.batch(
		statements.map((statement, i) => {
			const { sql: text, params } = prepared[i]?.getQuery() ?? dialect.sqlToQuery(statement as SQL);
			return client.prepare(text).bind(...params);
		})
	);
	return results.map((result, i) => prepared[i]?.mapResult(result, true) ?? result) as {
		[K in keyof S]: StatementResult<S[K]>;
	};
}

/** How many times this request's db went to D1 so far (a batch is one trip). */
export function roundTrips(db: Db): number {
	return tripsOf(db)?.count ?? 0;
}

/** The binding, counted on `db`'s counter: how the API shares the count of the request. */
export function countWith(db: Db, d1: D1Database): D1Database {
	const trips = tripsOf(db);
	return trips ? countRoundTrips(d1, trips) : d1;
}

// drizzle() keeps the binding it was given as $client (its type leaves it out of Db).
const tripsOf = (db: Db) => (db as unknown as { $client: Partial<Counted> }).$client[TRIPS];

/**
 * The binding behind a counted one. Only for the D1 rate limiter, local development's stand-in
 * for the Workers rate-limiting binding of production (no D1 there): its upserts are not trips
 * of the request's own work, in the API as on the pages.
 */
export const uncounted = (d1: D1Database): D1Database =>
	(d1 as unknown as { [UNCOUNTED]?: D1Database })[UNCOUNTED] ?? d1;

const TRIPS = Symbol('d1 round trips');
const UNCOUNTED = Symbol('d1 binding');
const ORIGINAL = Symbol('d1 statement');

type Trips = { count: number };
type Counted = { [TRIPS]: Trips };
type D1Like = D1Database | D1DatabaseSession;

/**
 * Wraps a D1 binding (or a session of it) so every call that goes to D1 adds one to a counter: a
 * statement's run/all/first/raw, a batch, an exec. Only the calls are counted, never their SQL or
 * values. A binding that already counts is returned as it is.
 */
export function countRoundTrips<T extends D1Like>(d1: T, trips: Trips = { count: 0 }): T {
	if (TRIPS in d1) return d1;
	const counted: Record<PropertyKey, unknown> = {
		[TRIPS]: trips,
		[UNCOUNTED]: d1,
		prepare: (query: string) => countStatement(d1.prepare(query), trips),
		batch: (statements: D1PreparedStatement[]) => {
			trips.count++;
			return d1.batch(statements.map(original));
		}
	};
	if ('exec' in d1) {
		counted.exec = (query: string) => {
			trips.count++;
			return d1.exec(query);
		};
		counted.withSession = (constraint?: string) =>
			countRoundTrips(d1.withSession(constraint), trips);
	}
	if ('getBookmark' in d1) counted.getBookmark = () => d1.getBookmark();
	return counted as T;
}

function countStatement(statement: D1PreparedStatement, trips: Trips): D1PreparedStatement {
	const go =
		<K extends 'first' | 'run' | 'all' | 'raw'>(method: K) =>
		(...args: unknown[]) => {
			trips.count++;
			return (statement[method] as (...a: unknown[]) => unknown)(...args);
		};
	return {
		[ORIGINAL]: statement,
		bind: (...values: unknown[]) => countStatement(statement.bind(...values), trips),
		first: go('first'),
		run: go('run'),
		all: go('all'),
		raw: go('raw')
	} as unknown as D1PreparedStatement;
}

/** D1's batch takes only its own statements. */
const original = (statement: D1PreparedStatement): D1PreparedStatement =>
	(statement as unknown as { [ORIGINAL]?: D1PreparedStatement })[ORIGINAL] ?? statement;
