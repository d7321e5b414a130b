/**
 * Staff accounts: an admin invites a person; the invitation link lets them set a password and enrol
 * the second factor. Admins see and manage the accounts of their own organisation only.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { accountTokens, schools, sessions, staff, staffSchools, users } from '../db/schema.ts';
import type { AccountLinkKind, StaffRole } from '../../domain/lists.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import { hashPassword } from '../auth/password.ts';
import { newTotpSecret, verifyTotp } from '../auth/totp.ts';
import { openTotpSecret, sealTotpSecret, type TotpKeys } from '../auth/totp-keys.ts';
import {
	endSessionsOf,
	newRecoveryCodes,
	secondFactorFailed,
	verifyStoredTotp,
	type SessionUser
} from '../auth/index.ts';
import { logAccess } from '../audit/index.ts';
import { isOwnOrganisation, type Viewer } from '../access/index.ts';

export const INVITATION_MS = 7 * 86_400_000;
export { MIN_PASSWORD_LENGTH } from '../auth/password-policy.ts';

export type Invitation = {
	userId: number;
	email: string;
	name: string;
	hasPassword: boolean;
	/** The secret to enrol, opened from its sealed form (`totp-keys.ts`); null before step 1. */
	totpSecret: string | null;
};

/** The people with an account in the admin's organisation. */
export function peopleOf(db: Db, who: Viewer) {
	return db
		.select({
			id: users.id,
			email: users.email,
			role: users.role,
			name: staff.name,
			staffId: users.staffId,
			disabledAt: users.disabledAt,
			enrolled: sql<boolean>`${users.totpEnabledAt} IS NOT NULL`.as('enrolled'),
			sessions:
				sql<number>`(SELECT count(*) FROM sessions WHERE sessions.user_id = ${users.id})`.as(
					'sessions'
				)
		})
		.from(users)
		.leftJoin(staff, eq(staff.id, users.staffId))
		.where(isOwnOrganisation(db, users.organisationId, who))
		.orderBy(asc(users.email));
}

/** A new link of its kind for the account, valid until `expiresAt`: its token (only the hash is kept). */
async function newAccountLink(
	db: Db,
	userId: number,
	purpose: AccountLinkKind,
	expiresAt: number
): Promise<string> {
	const token = randomToken();
	await db
		.insert(accountTokens)
		.values({ tokenHash: await sha256Hex(token), userId, purpose, expiresAt });
	return token;
}

/** The schools of `ids` that are the admin's organisation's; the others are passed over. */
function ownSchools(db: Db, admin: SessionUser, ids: number[]) {
	return db
		.select({ id: schools.id })
		.from(schools)
		.where(
			and(
				eq(schools.organisationId, admin.organisationId),
				inArray(schools.id, ids.length ? ids : [-1])
			)
		);
}

/**
 * Invites a person: a staff record (for role staff) linked to the chosen schools of the admin's
 * organisation, an account without password, and a link valid for 7 days.
 */
export async function invite(
	db: Db,
	admin: SessionUser,
	input: {
		email: string;
		name: string;
		role: 'staff' | 'admin';
		staffRole: StaffRole;
		schoolIds: number[];
		language: 'nl' | 'en';
	},
	now: number
): Promise<{ ok: true; token: string } | { ok: false; code: 'email_taken' }> {
	const email = input.email.trim().toLowerCase();
	const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
	if (taken) return { ok: false, code: 'email_taken' };
	const allowed = await ownSchools(db, admin, input.schoolIds);
	let staffId: number | null = null;
	if (input.role === 'staff') {
		const [created] = await db
			.insert(staff)
			.values({
				organisationId: admin.organisationId,
				name: input.name,
				role: input.staffRole,
				languagesSpoken: [input.language]
			})
			.returning({ id: staff.id });
		staffId = created.id;
		if (allowed.length) {
			await db
				.insert(staffSchools)
				.values(allowed.map((s) => ({ staffId: created.id, schoolId: s.id })));
		}
	}
	const [user] = await db
		.insert(users)
		.values({
			email,
			organisationId: admin.organisationId,
			staffId,
			role: input.role,
			language: input.language
		})
		.returning({ id: users.id });
	const token = await newAccountLink(db, user.id, 'invite', now + INVITATION_MS);
	return { ok: true, token };
}

type SetupKind = Extract<AccountLinkKind, 'invite' | 'account_reset'>;

/** The link of this kind with this token, if it is open: not used, not expired. */
async function isOpenLink(kind: AccountLinkKind, token: string, now: number) {
	return and(
		eq(accountTokens.tokenHash, await sha256Hex(token)),
		eq(accountTokens.purpose, kind),
		isNull(accountTokens.usedAt),
		gt(accountTokens.expiresAt, now)
	);
}

/** The user behind an open link of this kind (not used, not expired), or null. */
async function openLink(db: Db, kind: AccountLinkKind, token: string, now: number) {
	if (!token || token.length > 100) return null;
	const [row] = await db
		.select({ userId: accountTokens.userId })
		.from(accountTokens)
		.where(await isOpenLink(kind, token, now));
	return row?.userId ?? null;
}

/**
 * Uses a link up in one statement: of two requests at the same moment only one gets the user id
 * back, the other null.
 */
async function spendLink(db: Db, kind: AccountLinkKind, token: string, now: number) {
	const [row] = await db
		.update(accountTokens)
		.set({ usedAt: now })
		.where(await isOpenLink(kind, token, now))
		.returning({ userId: accountTokens.userId });
	return row?.userId ?? null;
}

/**
 * The open invitation or account reset behind a link, or null: unknown, another kind of link, used,
 * expired, or an account that is disabled or already has an enrolled app (its secret is never
 * shown again).
 */
export async function findSetupLink(
	db: Db,
	kind: SetupKind,
	token: string,
	now: number,
	keys: TotpKeys
): Promise<Invitation | null> {
	const userId = await openLink(db, kind, token, now);
	if (userId === null) return null;
	const [user] = await db
		.select({
			userId: users.id,
			email: users.email,
			name: staff.name,
			passwordHash: users.passwordHash,
			totpSecret: users.totpSecret
		})
		.from(users)
		.leftJoin(staff, eq(staff.id, users.staffId))
		.where(and(eq(users.id, userId), isNull(users.totpEnabledAt), isNull(users.disabledAt)));
	if (!user) return null;
	const opened = user.totpSecret ? await openTotpSecret(keys, user.userId, user.totpSecret) : null;
	return {
		userId: user.userId,
		email: user.email,
		name: user.name ?? user.email,
		hasPassword: user.passwordHash !== null,
		// A secret that does not open (tampered) counts as none: step 1 makes a new one.
		totpSecret: opened?.secret ?? null
	};
}

/**
 * Step 1 of an invitation or account reset: the password, and a fresh TOTP secret to enrol next
 * (sealed with the newest key before it is stored). A new password ends every session the
 * account may have.
 */
export async function choosePassword(
	db: Db,
	kind: SetupKind,
	token: string,
	password: string,
	now: number,
	keys: TotpKeys
) {
	const invitation = await findSetupLink(db, kind, token, now, keys);
	if (!invitation) return false;
	const changed = await db
		.update(users)
		.set({
			passwordHash: await hashPassword(password),
			totpSecret: await sealTotpSecret(keys, invitation.userId, newTotpSecret()),
			totpEnabledAt: null,
			totpLastStep: null
		})
		.where(and(eq(users.id, invitation.userId), isNull(users.totpEnabledAt)));
	if (changed.meta.changes !== 1) return false;
	await endSessionsOf(db, invitation.userId);
	return true;
}

/**
 * Step 2: the first code from the authenticator app proves the enrolment. The link is then used
 * up (one statement, so it counts once), and the person gets recovery codes (shown once).
 */
export async function enrolTotp(
	db: Db,
	kind: SetupKind,
	token: string,
	code: string,
	now: number,
	keys: TotpKeys
): Promise<string[] | null> {
	const invitation = await findSetupLink(db, kind, token, now, keys);
	if (!invitation?.hasPassword || !invitation.totpSecret) return null;
	// The secret was opened from its sealed form; one under an older key is sealed again at sign-in.
	const step = await verifyTotp(invitation.totpSecret, code, now, null);
	if (step === null) return null;
	if ((await spendLink(db, kind, token, now)) !== invitation.userId) return null;
	await db
		.update(users)
		.set({ totpEnabledAt: now, totpLastStep: step, failedAttempts: 0, lockedUntil: null })
		.where(eq(users.id, invitation.userId));
	return newRecoveryCodes(db, invitation.userId);
}

/** Disables or enables an account of the admin's organisation; disabling ends its sessions at once. */
export async function setDisabled(
	db: Db,
	admin: SessionUser,
	userId: number,
	disabled: boolean,
	now: number
) {
	const result = await db
		.update(users)
		// Disabling also ends the calendar feed: enabling again does not bring the old URL back.
		.set(disabled ? { disabledAt: now, calendarTokenHash: null } : { disabledAt: null })
		.where(and(eq(users.id, userId), eq(users.organisationId, admin.organisationId)));
	if (result.meta.changes !== 1) return false;
	if (disabled) await endSessionsOf(db, userId);
	await logAccess(db, admin, {
		action: 'update',
		entity: 'contact',
		entityId: userId,
		schoolId: null,
		detail: disabled ? 'account disabled' : 'account enabled',
		now
	});
	return true;
}

/** Ends every session of a person of the admin's organisation. */
export async function endSessionsFor(db: Db, admin: SessionUser, userId: number) {
	const [user] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.organisationId, admin.organisationId)));
	if (!user) return false;
	await db.delete(sessions).where(eq(sessions.userId, userId));
	return true;
}

export const RESET_MS = 24 * 3_600_000;

/**
 * Starts over for a person who forgot their password or lost their phone: the password, the
 * second factor and the calendar feed are cleared, every session ends, and a link (valid 24 hours)
 * lets them set both up.
 */
export async function resetAccount(db: Db, admin: SessionUser, userId: number, now: number) {
	const [user] = await db
		.select({
			id: users.id,
			email: users.email,
			language: users.language,
			name: staff.name,
			enrolledAt: users.totpEnabledAt
		})
		.from(users)
		.leftJoin(staff, eq(staff.id, users.staffId))
		.where(and(eq(users.id, userId), eq(users.organisationId, admin.organisationId)));
	if (!user) return null;
	await db
		.update(users)
		.set({
			passwordHash: null,
			totpSecret: null,
			totpEnabledAt: null,
			totpLastStep: null,
			calendarTokenHash: null
		})
		.where(eq(users.id, userId));
	await endSessionsOf(db, userId);
	const token = await newAccountLink(db, userId, 'account_reset', now + RESET_MS);
	await logAccess(db, admin, {
		action: 'update',
		entity: 'contact',
		entityId: userId,
		schoolId: null,
		detail: 'account reset',
		now
	});
	return {
		token,
		email: user.email,
		language: user.language,
		name: user.name ?? user.email,
		// Signing in takes the second factor: without one the account was never used.
		neverSignedIn: user.enrolledAt === null
	};
}

export const SELF_RESET_MS = 60 * 60_000;

/**
 * "Forgot my password": a one-hour link for an enabled account with an enrolled second factor, at
 * most three an hour, or null (the caller answers the same either way, so the form does not tell
 * who has an account).
 */
export async function requestPasswordReset(db: Db, emailAddress: string, now: number) {
	const [user] = await db
		.select({ id: users.id, email: users.email, language: users.language, name: staff.name })
		.from(users)
		.leftJoin(staff, eq(staff.id, users.staffId))
		.where(and(eq(users.email, emailAddress.trim().toLowerCase()), isNull(users.disabledAt)));
	if (!user) return null;
	const [enrolled] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.id, user.id), sql`${users.totpEnabledAt} IS NOT NULL`));
	if (!enrolled) return null;
	// No mail bombing: links made in the last hour are the ones that have not expired yet.
	const [recent] = await db
		.select({ n: sql<number>`count(*)` })
		.from(accountTokens)
		.where(
			and(
				eq(accountTokens.userId, user.id),
				eq(accountTokens.purpose, 'password_reset'),
				gt(accountTokens.expiresAt, now)
			)
		);
	if (recent.n >= RESETS_PER_HOUR) return null;
	const token = await newAccountLink(db, user.id, 'password_reset', now + SELF_RESET_MS);
	return { token, email: user.email, language: user.language, name: user.name ?? user.email };
}

/** At most this many "forgot password" links per account and hour (each link lives an hour). */
const RESETS_PER_HOUR = 3;

/** The account behind an open "forgot password" link (enabled, app enrolled), or null. */
export async function findPasswordReset(db: Db, token: string, now: number) {
	const userId = await openLink(db, 'password_reset', token, now);
	if (userId === null) return null;
	const [user] = await db
		.select()
		.from(users)
		.where(and(eq(users.id, userId), isNull(users.disabledAt)));
	return user?.totpSecret && user.totpEnabledAt ? user : null;
}

/**
 * A new password through a "forgot password" link. The second factor stays, and proves it is
 * really the person: a mailbox alone is not enough. The link is spent in one statement, and every
 * session ends.
 */
export async function resetPassword(
	db: Db,
	input: {
		token: string;
		password: string;
		code: string;
		client: string;
		now: number;
		keys: TotpKeys;
	}
): Promise<'ok' | 'invalid_link' | 'invalid_code' | 'locked'> {
	const user = await findPasswordReset(db, input.token, input.now);
	if (!user?.totpSecret) return 'invalid_link';
	// Wrong codes count and lock as at sign-in: the link alone must not allow guessing.
	if (user.lockedUntil && user.lockedUntil > input.now) return 'locked';
	const step = await verifyStoredTotp(
		db,
		input.keys,
		user,
		input.code,
		input.now,
		user.totpLastStep
	);
	if (step === null) {
		await secondFactorFailed(db, user.id, input.client, input.now);
		return 'invalid_code';
	}
	if ((await spendLink(db, 'password_reset', input.token, input.now)) !== user.id) {
		return 'invalid_link';
	}
	await db
		.update(users)
		.set({
			passwordHash: await hashPassword(input.password),
			totpLastStep: step,
			failedAttempts: 0,
			lockedUntil: null
		})
		.where(eq(users.id, user.id));
	await endSessionsOf(db, user.id);
	return 'ok';
}

/** The schools a professional of the organisation works at (replaces the old list). */
export async function setStaffSchools(
	db: Db,
	admin: SessionUser,
	staffId: number,
	schoolIds: number[]
) {
	const [person] = await db
		.select({ id: staff.id })
		.from(staff)
		.where(and(eq(staff.id, staffId), eq(staff.organisationId, admin.organisationId)));
	if (!person) return false;
	const allowed = await ownSchools(db, admin, schoolIds);
	await db.batch([
		db.delete(staffSchools).where(eq(staffSchools.staffId, staffId)),
		...allowed.map((s) => db.insert(staffSchools).values({ staffId, schoolId: s.id }))
	]);
	return true;
}

/** staffId → the ids of the schools they work at, for the people page. */
export async function schoolIdsOfStaff(db: Db, admin: SessionUser) {
	return schoolIdsByStaff(await staffSchoolsQuery(db, admin));
}

/** Which professional of the organisation works at which school, as one statement. */
export function staffSchoolsQuery(db: Db, who: Viewer) {
	return db
		.select({ staffId: staffSchools.staffId, schoolId: staffSchools.schoolId })
		.from(staffSchools)
		.innerJoin(staff, eq(staff.id, staffSchools.staffId))
		.where(isOwnOrganisation(db, staff.organisationId, who));
}

/** The rows as school ids per staff id. */
export function schoolIdsByStaff(rows: { staffId: number; schoolId: number }[]) {
	const map: Record<number, number[]> = {};
	for (const r of rows) (map[r.staffId] ??= []).push(r.schoolId);
	return map;
}
