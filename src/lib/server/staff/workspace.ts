/**
 * A workspace page in one D1 round trip. The session, the person's schools (for the layout) and
 * the page's own reads (for the pages that have a `PageReader`) go in one batch: the reads that
 * depend on the person find them by a subquery on the session's hash (`signedInUserId`), so a dead
 * session reads nothing.
 */
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../db/index.ts';
import { sha256Hex } from '../crypto.ts';
import { sessionReads, settleSession, signedInUserId, type SessionUser } from '../auth/index.ts';
import { schoolsQuery, type Viewer } from '../access/index.ts';

export type WorkspaceSchool = { id: number; slug: string; name: string };

/**
 * A page's reads, made for whoever asks (the person, or the session's subquery before the person
 * is known), and how their rows become the page's data.
 */
export type PageReader<T> = (
	db: Db,
	who: Viewer,
	url: URL,
	now: number
) => { queries: readonly BatchItem<'sqlite'>[]; assemble: (rows: readonly unknown[]) => T };

export type Workspace = {
	user: SessionUser | null;
	/** The schools the person may see, in name order (none until both factors are passed). */
	schools: WorkspaceSchool[];
	/** The page's data, read in the same batch, and the reader that made it. */
	page: { reader: PageReader<unknown>; data: unknown } | null;
};

/** The person behind the session cookie with their schools and, given a page reader, the page. */
export async function readWorkspace(
	db: Db,
	token: string | undefined,
	now: number,
	page?: { reader: PageReader<unknown>; url: URL }
): Promise<Workspace> {
	if (!token || token.length > 100) return { user: null, schools: [], page: null };
	const idHash = await sha256Hex(token);
	const who = signedInUserId(db, idHash, now);
	const reads = page?.reader(db, who, page.url, now);
	const [, sessionRows, schools, ...pageRows] = await db.batch([
		...sessionReads(db, idHash, now),
		schoolsQuery(db, who),
		...(reads?.queries ?? [])
	]);
	const user = await settleSession(db, idHash, sessionRows[0], now);
	const signedIn = user?.secondFactor === true;
	return {
		user,
		schools: signedIn ? schools : [],
		page: signedIn && page && reads ? { reader: page.reader, data: reads.assemble(pageRows) } : null
	};
}

/** A reader's result for a page of one statement: `assemble` gets that statement's rows. */
export function oneStatement<Q extends BatchItem<'sqlite'>, T>(
	query: Q,
	assemble: (rows: BatchResponse<[Q]>[0]) => T
) {
	return {
		queries: [query],
		assemble: (rows: readonly unknown[]) => assemble((rows as BatchResponse<[Q]>)[0])
	};
}

/** The record's id in a page's address (`/staff/bookings/12` gives 12); 0 for none. */
export function idInPath(url: URL): number {
	const last = url.pathname.split('/').at(-1) ?? '';
	return /^[1-9][0-9]{0,15}$/.test(last) ? Number(last) : 0;
}

/**
 * The page's data: as the hook read it with the session (a GET), or else (after a form action, or
 * a HEAD) read now for the signed-in person, in one batch of its own.
 */
export async function pageData<T>(
	locals: { db: Db; now: number; workspace?: Pick<Workspace, 'page'> },
	user: SessionUser,
	reader: PageReader<T>,
	url: URL,
	now = locals.now
): Promise<T> {
	// The data depends on the address: said here, for SvelteKit, also when the hook read it.
	void url.search;
	const read = locals.workspace?.page;
	if (read?.reader === reader) return read.data as T;
	const { queries, assemble } = reader(locals.db, user, url, now);
	return assemble(
		await locals.db.batch(queries as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])
	);
}
