/**
 * Staff sign-in: e-mail and password, then a second factor (TOTP or a one-time recovery code).
 * Sessions live in D1 under the SHA-256 of their cookie; they end after 30 minutes without use
 * and after 12 hours in any case. Failed attempts lock the account and the client for a while.
 */
import {
	and,
	desc,
	eq,
	gt,
	inArray,
	isNotNull,
	isNull,
	lt,
	ne,
	or,
	sql,
	type SQLWrapper
} from 'drizzle-orm';
import { isIn, type Db } from '../db/index.ts';
import {
	recoveryCodes,
	sessions,
	signInThrottle,
	staff,
	staffPushSubscriptions,
	users
} from '../db/schema.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { verifyTotp } from './totp.ts';
import { openTotpSecret, sealTotpSecret, type TotpKeys } from './totp-keys.ts';
import { securityEvent } from '../log.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
export const ACCOUNT_LOCK_AFTER = 5;
export const CLIENT_LOCK_AFTER = 20;
export const LOCK_MS = 15 * 60_000;
/** How long a half-finished sign-in (password done, code not yet) may take. */
const SECOND_FACTOR_MS = 5 * 60_000;

export type SessionUser = {
	id: number;
	email: string;
	role: 'staff' | 'admin';
	organisationId: number;
	staffId: number | null;
	name: string;
	language: 'nl' | 'en';
	/** True once the second factor is passed; until then only the code step is open. */
	secondFactor: boolean;
	/** When the person last proved who they are in this session (sign-in or a confirmation). */
	authenticatedAt: number | null;
};

/** How long a sign-in or a confirmation counts as recent for a sensitive change. */
export const REAUTH_MS = 10 * 60_000;

/** True when the person proved who they are in this session within the last ten minutes. */
export const recentlyAuthenticated = (user: SessionUser, now: number) =>
	user.authenticatedAt !== null && user.authenticatedAt > now - REAUTH_MS;

/**
 * Before a sensitive change (signing out other devices, an AVG export or erasure): fine when the
 * person proved who they are recently; otherwise `identity` must be their password or a fresh
 * code from their app (a code is taken once). A wrong one counts and locks like a wrong code at
 * sign-in; a right one makes the session recent again.
 */
export async function confirmIdentity(
	db: Db,
	input: {
		user: SessionUser;
		token: string;
		identity: string;
		client: string;
		now: number;
		keys: TotpKeys;
	}
): Promise<'ok' | 'needed' | 'wrong' | 'locked'> {
	if (recentlyAuthenticated(input.user, input.now)) return 'ok';
	const identity = input.identity.slice(0, 200);
	if (!identity) return 'needed';
	const [row] = await db.select().from(users).where(eq(users.id, input.user.id));
	if (!row) return 'wrong';
	if (row.lockedUntil && row.lockedUntil > input.now) return 'locked';
	let passed = false;
	const code = identity.replace(/\s/g, '');
	if (/^\d{6}$/.test(code) && row.totpSecret && row.totpEnabledAt) {
		const step = await verifyStoredTotp(db, input.keys, row, code, input.now, row.totpLastStep);
		if (step !== null) {
			const used = await db.run(sql`
				UPDATE users SET totp_last_step = ${step}
				WHERE id = ${row.id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`);
			passed = used.meta.changes === 1;
		}
	} else if (row.passwordHash) {
		passed = await verifyPassword(identity, row.passwordHash);
	}
	if (!passed) {
		await secondFactorFailed(db, row.id, input.client, input.now);
		return 'wrong';
	}
	await db
		.update(sessions)
		.set({ reauthenticatedAt: input.now })
		.where(eq(sessions.idHash, await sha256Hex(input.token)));
	return 'ok';
}

/**
 * The time step a code matches under the person's stored secret (sealed at rest, `totp-keys.ts`),
 * or null; steps at or before `lastStep` are refused. After a match a secret under an older key,
 * or a plain one from before encryption at rest, is sealed again with the newest key (only if the
 * column still holds what was read, so a reset at the same moment wins).
 */
export async function verifyStoredTotp(
	db: Db,
	keys: TotpKeys,
	user: { id: number; totpSecret: string | null },
	code: string,
	now: number,
	lastStep: number | null
): Promise<number | null> {
	if (!user.totpSecret) return null;
	const opened = await openTotpSecret(keys, user.id, user.totpSecret);
	if (!opened) return null;
	const step = await verifyTotp(opened.secret, code, now, lastStep);
	if (step !== null && opened.stale) {
		await db
			.update(users)
			.set({ totpSecret: await sealTotpSecret(keys, user.id, opened.secret) })
			.where(and(eq(users.id, user.id), eq(users.totpSecret, user.totpSecret)));
	}
	return step;
}

/**
 * How long to wait before answering a sign-in for an account that failed before: 0, 0.5, 1, 2, 4 s.
 * Slows guessing down without locking out the real person at once (the lock comes at 5).
 */
export function signInDelay(failedAttempts: number): number {
	return failedAttempts <= 0 ? 0 : Math.min(500 * 2 ** (failedAttempts - 1), 4000);
}

const pause = (ms: number) =>
	ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;

export type SignInResult =
	{ ok: true; token: string } | { ok: false; code: 'invalid_credentials' | 'locked' };

// A real hash, so an unknown e-mail costs as much time as a wrong password.
let decoy: Promise<string> | undefined;

/**
 * Sign-in failures are counted in `sign_in_throttle` under two keys, both only as SHA-256: the
 * client, and the address as tried from that client. A stranger who guesses a professional's
 * password locks out only themselves; the professional signs in from their own device as always.
 */
const clientKey = (client: string) => sha256Hex(`client:${client}`);
const tryKey = (email: string, client: string) => sha256Hex(`try:${email}\n${client}`);

async function throttleOf(db: Db, clientHash: string, tryHash: string, now: number) {
	const rows = await db
		.select()
		.from(signInThrottle)
		.where(inArray(signInThrottle.clientHash, [clientHash, tryHash]));
	const row = (key: string) => rows.find((r) => r.clientHash === key);
	const lockedNow = (key: string) => (row(key)?.lockedUntil ?? 0) > now;
	const recent = (key: string) => {
		const r = row(key);
		return r && r.windowStart >= now - LOCK_MS ? r.failures : 0;
	};
	return { locked: lockedNow(clientHash) || lockedNow(tryHash), tries: recent(tryHash) };
}

/**
 * Counts a failure under a throttle key; the `lockAfter`th within 15 minutes locks the key for
 * 15 minutes. True when this failure locked it.
 */
async function throttleFailed(db: Db, key: string, lockAfter: number, now: number) {
	const row = await db.get<{ locked: number }>(sql`
		INSERT INTO sign_in_throttle (client_hash, failures, window_start) VALUES (${key}, 1, ${now})
		ON CONFLICT (client_hash) DO UPDATE SET
			failures = CASE WHEN window_start < ${now - LOCK_MS} THEN 1 ELSE failures + 1 END,
			window_start = CASE WHEN window_start < ${now - LOCK_MS} THEN ${now} ELSE window_start END,
			locked_until = CASE WHEN window_start >= ${now - LOCK_MS} AND failures + 1 >= ${lockAfter}
				THEN ${now + LOCK_MS} ELSE locked_until END
		RETURNING coalesce(locked_until, 0) = ${now + LOCK_MS} AS locked`);
	return Boolean(row?.locked);
}

/** A failed attempt of a client (at an address, when there is one): counted, and logged on a lock. */
async function signInFailed(db: Db, client: string, now: number, email?: string) {
	if (await throttleFailed(db, await clientKey(client), CLIENT_LOCK_AFTER, now)) {
		securityEvent('client_locked');
	}
	if (email !== undefined) {
		const key = await tryKey(email, client);
		if (await throttleFailed(db, key, ACCOUNT_LOCK_AFTER, now)) securityEvent('account_locked');
	}
}

/** Counts a failure for the account; the 5th in a row locks it for 15 minutes. */
async function accountFailed(db: Db, userId: number, now: number) {
	const row = await db.get<{ locked: number }>(sql`
		UPDATE users SET
			failed_attempts = CASE WHEN failed_attempts + 1 >= ${ACCOUNT_LOCK_AFTER} THEN 0 ELSE failed_attempts + 1 END,
			locked_until = CASE WHEN failed_attempts + 1 >= ${ACCOUNT_LOCK_AFTER} THEN ${now + LOCK_MS} ELSE locked_until END
		WHERE id = ${userId}
		RETURNING coalesce(locked_until, 0) = ${now + LOCK_MS} AS locked`);
	if (row?.locked) securityEvent('account_locked');
}

/**
 * A wrong second-factor code (at sign-in or on a reset page): logged, and counted for the account
 * (5 lock it for 15 minutes) and for the client.
 */
export async function secondFactorFailed(db: Db, userId: number, client: string, now: number) {
	securityEvent('second_factor_failed');
	await accountFailed(db, userId, now);
	await signInFailed(db, client, now);
}

async function newSession(
	db: Db,
	userId: number,
	now: number,
	secondFactor: boolean,
	device: string | null = null
) {
	const token = randomToken();
	await db.insert(sessions).values({
		idHash: await sha256Hex(token),
		userId,
		secondFactorAt: secondFactor ? now : null,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: now + (secondFactor ? SESSION_ABSOLUTE_MS : SECOND_FACTOR_MS),
		device
	});
	return token;
}

/**
 * The password step. An unknown e-mail, a wrong password, a disabled account and a client that
 * tried too often (at this address or at all) get the same answer after the same work: the same
 * pause, one password hash. On success a session that can only reach the second-factor step
 * (where an account locked by wrong codes is refused).
 */
export async function signInWithPassword(
	db: Db,
	input: { email: string; password: string; client: string; now: number; delay?: boolean }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const clientHash = await clientKey(input.client);
	const tryHash = await tryKey(email, input.client);
	const throttle = await throttleOf(db, clientHash, tryHash, input.now);
	await pause(input.delay === false ? 0 : signInDelay(throttle.tries));
	const [user] = await db.select().from(users).where(eq(users.email, email));
	const usable = user && !user.disabledAt && user.passwordHash ? user : null;
	decoy ??= hashPassword('decoy password');
	const passwordHash = usable?.passwordHash ?? (await decoy);
	const passed = await verifyPassword(input.password, passwordHash);
	if (throttle.locked) {
		securityEvent('sign_in_refused_locked');
		return { ok: false, code: 'invalid_credentials' };
	}
	if (!passed || !usable) {
		securityEvent('sign_in_failed');
		await signInFailed(db, input.client, input.now, email);
		return { ok: false, code: 'invalid_credentials' };
	}
	await db.delete(signInThrottle).where(eq(signInThrottle.clientHash, tryHash));
	return { ok: true, token: await newSession(db, usable.id, input.now, false) };
}

/**
 * The second step: a TOTP code, or one of the recovery codes (each works once). On success the
 * half session is replaced by a full one with a new id.
 */
export async function completeSecondFactor(
	db: Db,
	input: {
		token: string;
		code: string;
		client: string;
		now: number;
		keys: TotpKeys;
		device?: string | null;
	}
): Promise<SignInResult> {
	const user = await readSession(db, input.token, input.now);
	if (!user) return { ok: false, code: 'invalid_credentials' };
	const [row] = await db.select().from(users).where(eq(users.id, user.id));
	if (row.lockedUntil && row.lockedUntil > input.now) {
		securityEvent('sign_in_refused_locked');
		return { ok: false, code: 'locked' };
	}

	let passed = false;
	// Only an enrolled second factor counts (an invitation half-way has a secret, not yet proven).
	const step = row.totpEnabledAt
		? await verifyStoredTotp(db, input.keys, row, input.code, input.now, row.totpLastStep)
		: null;
	if (step !== null) {
		// Conditional, so the same code used twice at the same moment still counts once.
		const used = await db.run(sql`
			UPDATE users SET totp_last_step = ${step}, failed_attempts = 0
			WHERE id = ${row.id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`);
		passed = used.meta.changes === 1;
	} else {
		const code = input.code.trim().toUpperCase().replace(/\s/g, '');
		if (/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(code)) {
			const used = await db
				.update(recoveryCodes)
				.set({ usedAt: input.now })
				.where(
					and(
						eq(recoveryCodes.userId, row.id),
						eq(recoveryCodes.codeHash, await sha256Hex(code.replace('-', ''))),
						isNull(recoveryCodes.usedAt)
					)
				);
			passed = used.meta.changes === 1;
		}
	}
	if (!passed) {
		await secondFactorFailed(db, row.id, input.client, input.now);
		return { ok: false, code: 'invalid_credentials' };
	}
	await signOut(db, input.token);
	return { ok: true, token: await newSession(db, row.id, input.now, true, input.device) };
}

/** The signed-in person behind a session cookie, or null (unknown, expired, idle too long, disabled). */
export async function readSession(
	db: Db,
	token: string | undefined,
	now: number
): Promise<SessionUser | null> {
	if (!token || token.length > 100) return null;
	const idHash = await sha256Hex(token);
	const [, rows] = await db.batch(sessionReads(db, idHash, now));
	return settleSession(db, idHash, rows[0], now);
}

/** A session is in use: not past its end, not idle too long, its person not disabled. */
function liveSession(now: number) {
	return and(
		gt(sessions.expiresAt, now),
		gt(sessions.lastSeenAt, now - SESSION_IDLE_MS),
		isNull(users.disabledAt)
	);
}

/**
 * The statements that read a session, for a caller that batches them with its page's reads (one
 * D1 round trip): first record the use (at most once a minute, and only of a live session), then
 * the session with its person. `settleSession` turns the second's row into the person. With read
 * replication a batch that holds a write goes to the primary: a staff page is one trip there
 * instead of two to a replica (the workspace serves few people, close to the primary).
 */
export function sessionReads(db: Db, idHash: string, now: number) {
	return [
		db
			.update(sessions)
			.set({ lastSeenAt: now })
			.where(
				and(
					eq(sessions.idHash, idHash),
					lt(sessions.lastSeenAt, now - 60_000),
					inArray(
						sessions.userId,
						db
							.select({ id: users.id })
							.from(sessions)
							.innerJoin(users, eq(users.id, sessions.userId))
							.where(and(eq(sessions.idHash, idHash), liveSession(now)))
					)
				)
			),
		// Column names must not repeat in a D1 batch (rows come back as objects by name).
		db
			.select({
				expiresAt: sessions.expiresAt,
				lastSeenAt: sessions.lastSeenAt,
				secondFactorAt: sessions.secondFactorAt,
				reauthenticatedAt: sessions.reauthenticatedAt,
				id: users.id,
				email: users.email,
				role: users.role,
				organisationId: users.organisationId,
				staffId: users.staffId,
				language: users.language,
				disabledAt: users.disabledAt,
				staffName: staff.name
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.leftJoin(staff, eq(staff.id, users.staffId))
			.where(eq(sessions.idHash, idHash))
	] as const;
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionReads>[1]['all']>>[number];

/** The person of a session row (from `sessionReads`); a dead session is deleted, and gives null. */
export async function settleSession(
	db: Db,
	idHash: string,
	row: SessionRow | undefined,
	now: number
): Promise<SessionUser | null> {
	if (!row) return null;
	if (row.expiresAt <= now || row.lastSeenAt + SESSION_IDLE_MS <= now || row.disabledAt) {
		await db.delete(sessions).where(eq(sessions.idHash, idHash));
		return null;
	}
	return toSessionUser(
		row,
		row.staffName,
		row.secondFactorAt !== null,
		Math.max(row.secondFactorAt ?? 0, row.reauthenticatedAt ?? 0) || null
	);
}

/**
 * The id of the person signed in with both factors under this session, as a subquery: for reads
 * batched with `sessionReads`, before the person is known. A dead session gives no row, so the
 * reads that depend on it give nothing.
 */
export function signedInUserId(db: Db, idHash: string, now: number) {
	return db
		.select({ id: users.id })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.idHash, idHash), isNotNull(sessions.secondFactorAt), liveSession(now)));
}

/** The person behind a user id, as a session would give them (for the calendar feed). */
export async function readSessionUser(db: Db, userId: number): Promise<SessionUser | null> {
	const [row] = await db
		.select({ user: users, staffName: staff.name })
		.from(users)
		.leftJoin(staff, eq(staff.id, users.staffId))
		.where(eq(users.id, userId));
	if (!row || row.user.disabledAt) return null;
	return toSessionUser(row.user, row.staffName, true, null);
}

function toSessionUser(
	user: Pick<
		typeof users.$inferSelect,
		'id' | 'email' | 'role' | 'organisationId' | 'staffId' | 'language'
	>,
	staffName: string | null,
	secondFactor: boolean,
	authenticatedAt: number | null
): SessionUser {
	return {
		id: user.id,
		email: user.email,
		role: user.role,
		organisationId: user.organisationId,
		staffId: user.staffId,
		name: staffName ?? user.email,
		language: user.language,
		secondFactor,
		authenticatedAt
	};
}

export async function signOut(db: Db, token: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.idHash, await sha256Hex(token)));
}

/** A session as its owner sees it in their list; `handle` names it in a form (not the secret). */
export type OwnSession = {
	handle: string;
	device: string | null;
	createdAt: number;
	lastSeenAt: number;
	current: boolean;
	/** The workspace's notifications are on for this session's device. */
	push: boolean;
};

// 16 hex characters of the id hash: enough to tell a person's sessions apart, useless as a key.
const HANDLE_LENGTH = 16;

/** The person's signed-in sessions (both factors passed, not expired), newest use first. */
export async function sessionsOf(
	db: Db,
	userId: number,
	currentToken: string,
	now: number
): Promise<OwnSession[]> {
	return ownSessions(await ownSessionsQuery(db, userId, now), await sha256Hex(currentToken));
}

/** The same as one statement, for a person known by id or by a subquery that gives it. */
export function ownSessionsQuery(db: Db, user: number | SQLWrapper, now: number) {
	return db
		.select({
			idHash: sessions.idHash,
			device: sessions.device,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt,
			push: sql<number>`EXISTS (SELECT 1 FROM ${staffPushSubscriptions}
				WHERE ${staffPushSubscriptions.sessionIdHash} = ${sessions.idHash})`
		})
		.from(sessions)
		.where(
			and(
				isIn(sessions.userId, user),
				isNotNull(sessions.secondFactorAt),
				gt(sessions.expiresAt, now),
				gt(sessions.lastSeenAt, now - SESSION_IDLE_MS)
			)
		)
		.orderBy(desc(sessions.lastSeenAt));
}

/** The rows as the list shows them: the id hash only as a short handle. */
export function ownSessions(
	rows: {
		idHash: string;
		device: string | null;
		createdAt: number;
		lastSeenAt: number;
		push: number;
	}[],
	currentHash: string
): OwnSession[] {
	return rows.map((row) => ({
		handle: row.idHash.slice(0, HANDLE_LENGTH),
		device: row.device,
		createdAt: row.createdAt,
		lastSeenAt: row.lastSeenAt,
		current: row.idHash === currentHash,
		push: Boolean(row.push)
	}));
}

/**
 * Ends one of the person's other sessions by its handle, or all of them but the current one.
 * Only the person's own sessions are touched; the current one stays (signing out ends it).
 */
export async function endOwnSessions(
	db: Db,
	userId: number,
	currentToken: string,
	which: { handle: string } | 'others'
): Promise<number> {
	const current = await sha256Hex(currentToken);
	const result = await db
		.delete(sessions)
		.where(
			and(
				eq(sessions.userId, userId),
				ne(sessions.idHash, current),
				which === 'others'
					? undefined
					: eq(sql`substr(${sessions.idHash}, 1, ${HANDLE_LENGTH})`, which.handle)
			)
		);
	return result.meta.changes;
}

/** Ends every session of a person (an admin's button; also when an account is disabled). */
export async function endSessionsOf(db: Db, userId: number): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their lifetime or idle too long (run by the scheduled clean-up). */
export async function purgeSessions(db: Db, now: number): Promise<void> {
	await db
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - SESSION_IDLE_MS)));
}

/** New one-time recovery codes ('ABCD-EFGH'), replacing the old ones; only the hashes are kept. */
export async function newRecoveryCodes(db: Db, userId: number, count = 8): Promise<string[]> {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const codes = Array.from({ length: count }, () => {
		const bytes = crypto.getRandomValues(new Uint8Array(8));
		const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
		return `${chars.slice(0, 4)}-${chars.slice(4)}`;
	});
	await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await db
		.insert(recoveryCodes)
		.values(
			await Promise.all(
				codes.map(async (code) => ({ userId, codeHash: await sha256Hex(code.replace('-', '')) }))
			)
		);
	return codes;
}
