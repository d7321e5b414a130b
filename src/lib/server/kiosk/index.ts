/**
 * Kiosk devices: an admin makes a one-time pairing code for a school, the tablet trades it for a
 * long-lived device token, and from then on the tablet is that school's kiosk until it is revoked.
 * Codes and tokens are only stored as SHA-256 hashes.
 */
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { renamed, type Db } from '../db/index.ts';
import { kioskDevices, schools } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { isOwnOrganisation, organisationSchoolIds, type Viewer } from '../access/index.ts';
import { randomToken, readableCode, READABLE_ALPHABET, sha256Hex } from '../crypto.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import { securityEvent } from '../log.ts';
import { bookingWindow } from '../bookings/schedule.ts';
import { KIOSK_COOKIE } from '../auth/cookie.ts';
import type { Cookies } from '@sveltejs/kit';

/** How long a pairing code can be used. */
export const PAIRING_MINUTES = 15;
export const PAIRING_CODE_LENGTH = 8;
/** How often the last contact of a kiosk is written (not on every request). */
const SEEN_EVERY_MS = 60_000;

export type Kiosk = {
	id: number;
	schoolId: number;
	organisationId: number;
	slug: string;
	schoolName: string;
	defaultLanguage: Language;
	idleSeconds: number;
};

/** What a person types: spaces, dashes and lower case are forgiven; 0/O and 1/I never occur. */
export function normaliseCode(raw: string): string | null {
	const code = raw.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== PAIRING_CODE_LENGTH) return null;
	return [...code].every((c) => READABLE_ALPHABET.includes(c)) ? code : null;
}

/** A new kiosk for a school of the admin's organisation, waiting for its pairing code. */
export async function createPairing(
	db: Db,
	admin: SessionUser,
	input: { schoolId: number; name: string },
	now: number
) {
	const [school] = await db
		.select({ id: schools.id })
		.from(schools)
		.where(and(eq(schools.id, input.schoolId), eq(schools.organisationId, admin.organisationId)));
	if (!school) return { ok: false as const, code: 'school_not_found' as const };
	const code = readableCode(PAIRING_CODE_LENGTH);
	const expiresAt = now + PAIRING_MINUTES * 60_000;
	const [row] = await db
		.insert(kioskDevices)
		.values({
			schoolId: school.id,
			name: input.name,
			pairingCodeHash: await sha256Hex(code),
			pairingExpiresAt: expiresAt,
			createdByUserId: admin.id
		})
		.returning({ id: kioskDevices.id });
	return { ok: true as const, id: row.id, code, expiresAt };
}

/**
 * Trades a pairing code for a device token. One UPDATE does it, so a code works once, only
 * before it expires, and never for a revoked kiosk.
 */
export async function pairKiosk(db: Db, rawCode: string, now: number) {
	const code = normaliseCode(rawCode);
	if (!code) {
		securityEvent('kiosk_pairing_failed');
		return { ok: false as const, code: 'invalid' as const };
	}
	const codeHash = await sha256Hex(code);
	const token = randomToken();
	const [paired] = await db
		.update(kioskDevices)
		.set({
			tokenHash: await sha256Hex(token),
			pairedAt: now,
			lastSeenAt: now,
			pairingCodeHash: null,
			pairingExpiresAt: null
		})
		.where(
			and(
				eq(kioskDevices.pairingCodeHash, codeHash),
				sql`${kioskDevices.pairingExpiresAt} > ${now}`,
				isNull(kioskDevices.revokedAt)
			)
		)
		.returning({ id: kioskDevices.id, schoolId: kioskDevices.schoolId });
	if (paired) return { ok: true as const, token, id: paired.id, schoolId: paired.schoolId };
	const [known] = await db
		.select({ id: kioskDevices.id })
		.from(kioskDevices)
		.where(eq(kioskDevices.pairingCodeHash, codeHash));
	securityEvent('kiosk_pairing_failed');
	return { ok: false as const, code: known ? ('expired' as const) : ('invalid' as const) };
}

/**
 * The kiosk behind a device token, or null (unknown or revoked). Notes the last contact at most
 * once a minute, in the same round trip as the read.
 */
export async function readKiosk(
	db: Db,
	token: string | undefined,
	now: number
): Promise<Kiosk | null> {
	if (!token || token.length > 100) return null;
	const [, rows] = await db.batch(kioskReads(db, await sha256Hex(token), now));
	return toKiosk(rows);
}

/** The school of a kiosk's device token, as a subquery (for reads batched with the device's). */
function kioskSchoolId(db: Db, tokenHash: string) {
	return db
		.select({ id: kioskDevices.schoolId })
		.from(kioskDevices)
		.where(and(eq(kioskDevices.tokenHash, tokenHash), isNull(kioskDevices.revokedAt)));
}

/** How far ahead the kiosk offers days: two weeks is what fits a parent's glance. */
export const KIOSK_DAYS = 14;

/** The slots a parent can book at the kiosk now, from now to KIOSK_DAYS ahead. */
export const kioskWindow = (now: number) => ({ ...bookingWindow(now, KIOSK_DAYS), now });

/** The device's own statements: the visit noted, the device read with its school. */
export type DeviceReads = ReturnType<typeof kioskReads>;

/**
 * A kiosk page's reads of its school, made to run in one D1 batch with the device's statements
 * (which it is given and hands back): the school is a subquery on the device's token hash.
 */
export type KioskPageReader<T> = (
	db: Db,
	school: SQLWrapper,
	now: number,
	device: DeviceReads
) => Promise<{ data: T; device: BatchResponse<DeviceReads> }>;

/**
 * A kiosk page in one D1 round trip: the device (as readKiosk) and the page's reads of its school.
 * An unknown or revoked device reads no school.
 */
export async function readKioskPage<T>(
	db: Db,
	token: string | undefined,
	now: number,
	reader: KioskPageReader<T>
): Promise<{ kiosk: Kiosk | null; page: { reader: KioskPageReader<T>; data: T } | null }> {
	if (!token || token.length > 100) return { kiosk: null, page: null };
	const tokenHash = await sha256Hex(token);
	const { data, device } = await reader(
		db,
		kioskSchoolId(db, tokenHash),
		now,
		kioskReads(db, tokenHash, now)
	);
	const kiosk = toKiosk(device[1]);
	return { kiosk, page: kiosk ? { reader, data } : null };
}

/** Records the visit (at most every few minutes) and reads the device with its school. */
function kioskReads(db: Db, tokenHash: string, now: number) {
	return [
		db
			.update(kioskDevices)
			.set({ lastSeenAt: now })
			.where(
				and(
					eq(kioskDevices.tokenHash, tokenHash),
					isNull(kioskDevices.revokedAt),
					or(isNull(kioskDevices.lastSeenAt), lt(kioskDevices.lastSeenAt, now - SEEN_EVERY_MS))
				)
			),
		db
			// Column names must not repeat in a D1 batch (rows come back as objects by name).
			.select({
				id: kioskDevices.id,
				schoolId: kioskDevices.schoolId,
				organisationId: schools.organisationId,
				slug: schools.slug,
				schoolName: schools.name,
				defaultLanguage: schools.defaultLanguage,
				idleSeconds: schools.kioskIdleSeconds
			})
			.from(kioskDevices)
			.innerJoin(schools, eq(schools.id, kioskDevices.schoolId))
			.where(and(eq(kioskDevices.tokenHash, tokenHash), isNull(kioskDevices.revokedAt)))
	] as const;
}

function toKiosk(
	rows: (Omit<Kiosk, 'defaultLanguage'> & { defaultLanguage: string })[]
): Kiosk | null {
	const [kiosk] = rows;
	if (!kiosk) return null;
	return {
		...kiosk,
		defaultLanguage: isLanguage(kiosk.defaultLanguage) ? kiosk.defaultLanguage : 'nl'
	};
}

export type KioskState = 'waiting' | 'expired' | 'paired' | 'revoked';

/** Every kiosk of the admin's organisation, newest first, with its state and last contact. */
export async function kiosksOf(db: Db, admin: SessionUser, now: number) {
	return kiosksState(await kiosksQuery(db, admin), now);
}

/** The organisation's kiosks, newest first, as one statement. */
export function kiosksQuery(db: Db, who: Viewer) {
	return db
		.select({
			id: kioskDevices.id,
			name: kioskDevices.name,
			schoolName: renamed<string>(schools.name, 'school_name'),
			pairedAt: kioskDevices.pairedAt,
			pairingExpiresAt: kioskDevices.pairingExpiresAt,
			lastSeenAt: kioskDevices.lastSeenAt,
			revokedAt: kioskDevices.revokedAt,
			tokenHash: kioskDevices.tokenHash
		})
		.from(kioskDevices)
		.innerJoin(schools, eq(schools.id, kioskDevices.schoolId))
		.where(isOwnOrganisation(db, schools.organisationId, who))
		.orderBy(desc(kioskDevices.createdAt), desc(kioskDevices.id));
}

/** Each kiosk's state, without its token hash. */
export function kiosksState(rows: Awaited<ReturnType<typeof kiosksQuery>>, now: number) {
	return rows.map(({ tokenHash, ...k }) => ({
		...k,
		state: (k.revokedAt
			? 'revoked'
			: tokenHash
				? 'paired'
				: (k.pairingExpiresAt ?? 0) > now
					? 'waiting'
					: 'expired') as KioskState
	}));
}

/** Revokes a kiosk at once: its token stops working on the next request. */
export async function revokeKiosk(db: Db, admin: SessionUser, id: number, now: number) {
	const done = await db
		.update(kioskDevices)
		.set({ revokedAt: now, tokenHash: null, pairingCodeHash: null, pairingExpiresAt: null })
		.where(
			and(
				eq(kioskDevices.id, id),
				inArray(kioskDevices.schoolId, organisationSchoolIds(db, admin)),
				isNull(kioskDevices.revokedAt)
			)
		)
		.returning({ id: kioskDevices.id });
	return done.length === 1;
}

/** The page's data: as the hook read it with the device, or else (after a form) read now. */
export async function kioskPageData<T>(
	locals: App.Locals,
	cookies: Cookies,
	reader: KioskPageReader<T>
): Promise<T | null> {
	if (locals.kioskPage?.reader === reader) return locals.kioskPage.data as T;
	const read = await readKioskPage(locals.db, cookies.get(KIOSK_COOKIE), locals.now, reader);
	return read.page?.data ?? null;
}
