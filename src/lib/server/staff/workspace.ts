/**
 * A workspace page in one D1 round trip. The session, the person's schools (for the layout) and,
 * on Today, the page's own reads go in one batch: the reads that depend on the person find them
 * by a subquery on the session's hash (`signedInUserId`), so a dead session reads nothing.
 */
import type { Db } from '../db/index.ts';
import { sha256Hex } from '../crypto.ts';
import { sessionReads, settleSession, signedInUserId, type SessionUser } from '../auth/index.ts';
import { dayOr } from '../../validation/fields.ts';
import { amsterdamDate } from '../scheduling/time.ts';
import { assembleToday, schoolsQuery, todayQueries, type Today, type TodayRows } from './index.ts';

export type WorkspaceSchool = { id: number; slug: string; name: string };

export type Workspace = {
	user: SessionUser | null;
	/** The schools the person may see, in name order (none until both factors are passed). */
	schools: WorkspaceSchool[];
	/** The Today page, when it was asked for. */
	today: Today | null;
};

/** The day Today shows: the one asked for (`?date=`), if it exists; else today in Amsterdam. */
export function todayDate(asked: string | null, now: number): string {
	return dayOr(asked, amsterdamDate(now));
}

/** The person behind the session cookie with their schools and, given a date, that day's Today. */
export async function readWorkspace(
	db: Db,
	token: string | undefined,
	now: number,
	todayOn?: string
): Promise<Workspace> {
	if (!token || token.length > 100) return { user: null, schools: [], today: null };
	const idHash = await sha256Hex(token);
	const who = signedInUserId(db, idHash, now);
	const pageReads = todayOn ? todayQueries(db, who, todayOn) : [];
	const [, sessionRows, schools, ...todayRows] = await db.batch([
		...sessionReads(db, idHash, now),
		schoolsQuery(db, who),
		...pageReads
	]);
	const user = await settleSession(db, idHash, sessionRows[0], now);
	const signedIn = user?.secondFactor === true;
	return {
		user,
		schools: signedIn ? schools : [],
		today: signedIn && todayOn ? assembleToday(todayRows as unknown as TodayRows, todayOn) : null
	};
}
