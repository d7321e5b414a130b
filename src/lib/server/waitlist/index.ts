/**
 * The waiting list: when no time suits, a parent waits for a place at a school (with one
 * professional or any) between two dates. A place that frees up (a cancellation, a move, new
 * hours, an offer nobody claimed) is offered to the first waiting parent it fits and held for
 * them: while held it counts as taken everywhere (`heldPlaces` in ../bookings/schedule.ts), so
 * the slots do not show it and a booking gets `slot_taken`. The parent claims it with one
 * conditional INSERT, as a booking is made; an offer not claimed in time goes to the next parent.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { renamed, runStatements, type Db } from '../db/index.ts';
import { availabilityBlocks, schools, staff, waitlistEntries } from '../db/schema.ts';
import { hmacToken, randomToken, sha256Hex, withNewReference } from '../crypto.ts';
import type { BookResult } from '../bookings/index.ts';
import {
	loadSchedule,
	loadScheduleWith,
	placesTaken,
	type FreeSlot
} from '../bookings/schedule.ts';
import { addDays, amsterdamDate, toAmsterdamIso } from '../scheduling/time.ts';
import { contactKey } from '../../validation/fields.ts';
import type { WaitlistInput } from '../../validation/waitlist.ts';
import type { WaitlistStatus } from '../../domain/lists.ts';
import { visibleSchoolIds, type Viewer } from '../access/index.ts';

/** How long an offered place is held for the parent (never past the booking rules' notice). */
export const HOLD_MS = 2 * 60 * 60_000;
/** The horizon when the school has no weekly hours to take it from. */
const DEFAULT_HORIZON_DAYS = 28;

export type Place = { staffId: number; startsAt: number };

/** The manage token of an entry, made again from its link key (the offer message needs it). */
export function waitlistToken(linkSecret: string, linkKey: string) {
	return hmacToken(linkSecret, `waitlist:${linkKey}`);
}

export type JoinResult =
	| { ok: true; id: number; reference: string; manageToken: string }
	| { ok: false; code: 'school_not_found' }
	| { ok: false; code: 'invalid'; fields: Record<string, string> };

/**
 * Puts a parent on the school's waiting list. The dates must lie within the booking horizon (the
 * longest of the school's weekly hours) and the professional, when named, must work there.
 */
export async function joinWaitlist(
	db: Db,
	slug: string,
	input: WaitlistInput,
	options: { now: number; linkSecret: string }
): Promise<JoinResult> {
	const [school] = await db
		.select({
			id: schools.id,
			horizon: sql<number | null>`(SELECT max(horizon_days) FROM availability_blocks
				WHERE school_id = ${schools.id} AND bookable = 1)`,
			staffHere: sql<number>`(SELECT count(*) FROM staff_schools
				WHERE school_id = ${schools.id} AND staff_id = ${input.staffId ?? null})`
		})
		.from(schools)
		.where(eq(schools.slug, slug));
	if (!school) return { ok: false, code: 'school_not_found' };
	const today = amsterdamDate(options.now);
	const last = addDays(today, school.horizon ?? DEFAULT_HORIZON_DAYS);
	const fields: Record<string, string> = {};
	if (input.from < today || input.from > last) fields.from = 'out_of_range';
	if (input.to > last) fields.to = 'out_of_range';
	if (input.staffId !== undefined && school.staffHere === 0) fields.staffId = 'invalid';
	if (Object.keys(fields).length) return { ok: false, code: 'invalid', fields };

	const linkKey = randomToken(16);
	const manageToken = await waitlistToken(options.linkSecret, linkKey);
	const manageTokenHash = await sha256Hex(manageToken);
	const made = await withNewReference((reference) =>
		db
			.insert(waitlistEntries)
			.values({
				reference,
				manageTokenHash,
				linkKey,
				schoolId: school.id,
				staffId: input.staffId ?? null,
				fromDate: input.from,
				toDate: input.to,
				firstName: input.firstName,
				phone: input.phone ?? null,
				email: input.email ?? null,
				contactKey: contactKey(input),
				language: input.language,
				createdAt: options.now
			})
			.returning({ id: waitlistEntries.id })
	);
	if (!made) throw new Error('No free reference');
	return { ok: true, id: made.written[0].id, reference: made.reference, manageToken };
}

/** An entry with what its page, the API and the offer message show. */
function entryQuery(db: Db) {
	return db
		.select({
			id: waitlistEntries.id,
			reference: waitlistEntries.reference,
			status: waitlistEntries.status,
			schoolId: waitlistEntries.schoolId,
			schoolSlug: schools.slug,
			schoolName: schools.name,
			staffId: waitlistEntries.staffId,
			staffName: sql<string | null>`(SELECT name FROM staff WHERE id = ${waitlistEntries.staffId})`,
			fromDate: waitlistEntries.fromDate,
			toDate: waitlistEntries.toDate,
			firstName: waitlistEntries.firstName,
			phone: waitlistEntries.phone,
			email: waitlistEntries.email,
			contactKey: waitlistEntries.contactKey,
			language: waitlistEntries.language,
			offerStaffId: waitlistEntries.offerStaffId,
			offerStaffName: sql<
				string | null
			>`(SELECT name FROM staff WHERE id = ${waitlistEntries.offerStaffId})`,
			offerStartsAt: waitlistEntries.offerStartsAt,
			offerEndsAt: waitlistEntries.offerEndsAt,
			holdUntil: waitlistEntries.holdUntil,
			bookingId: waitlistEntries.bookingId,
			linkKey: waitlistEntries.linkKey
		})
		.from(waitlistEntries)
		.innerJoin(schools, eq(schools.id, waitlistEntries.schoolId));
}

export type WaitlistEntry = Awaited<ReturnType<ReturnType<typeof entryQuery>['where']>>[number];

const validToken = (token: string) => Boolean(token) && token.length <= 100;

/** The entry behind a manage token; null for an unknown one. */
export async function findEntry(db: Db, manageToken: string): Promise<WaitlistEntry | null> {
	if (!validToken(manageToken)) return null;
	const [row] = await entryQuery(db).where(
		eq(waitlistEntries.manageTokenHash, await sha256Hex(manageToken))
	);
	return row ?? null;
}

/** The entry by id (the offer message, which the service sends itself). */
export async function findEntryById(db: Db, id: number): Promise<WaitlistEntry | null> {
	const [row] = await entryQuery(db).where(eq(waitlistEntries.id, id));
	return row ?? null;
}

/**
 * The status as the parent sees it at `now`: an offer whose hold ran out, or a window that has
 * passed, is expired even before the cron has written it down.
 */
export function statusAt(entry: WaitlistEntry, now: number): WaitlistStatus {
	if (entry.status === 'offered' && (entry.holdUntil ?? 0) <= now) return 'expired';
	if (entry.status === 'waiting' && entry.toDate < amsterdamDate(now)) return 'expired';
	return entry.status;
}

/** The entry as GET /api/v1/waitlist/{manageToken} shows it. */
export function entryApiView(entry: WaitlistEntry, now: number) {
	const status = statusAt(entry, now);
	return {
		reference: entry.reference,
		status,
		school: { slug: entry.schoolSlug, name: entry.schoolName },
		staffId: entry.staffId,
		from: entry.fromDate,
		to: entry.toDate,
		...(status === 'offered'
			? {
					offer: {
						staffId: entry.offerStaffId!,
						start: toAmsterdamIso(entry.offerStartsAt!),
						end: toAmsterdamIso(entry.offerEndsAt!),
						holdUntil: toAmsterdamIso(entry.holdUntil!)
					}
				}
			: {})
	};
}

/**
 * The parent leaves the list. A place held for them is free again at once: the caller offers it
 * to the next parent (`offerFreedPlaces`), which is why the answer names it.
 */
export async function leaveWaitlist(
	db: Db,
	manageToken: string,
	now: number
): Promise<{ ok: false } | { ok: true; schoolId: number; freed: Place | null }> {
	if (!validToken(manageToken)) return { ok: false };
	const hash = await sha256Hex(manageToken);
	const [before] = await db
		.select({
			status: waitlistEntries.status,
			schoolId: waitlistEntries.schoolId,
			staffId: waitlistEntries.offerStaffId,
			startsAt: waitlistEntries.offerStartsAt,
			holdUntil: waitlistEntries.holdUntil
		})
		.from(waitlistEntries)
		.where(eq(waitlistEntries.manageTokenHash, hash));
	if (!before) return { ok: false };
	const result = await db
		.update(waitlistEntries)
		.set({ status: 'left', updatedAt: now })
		.where(
			and(
				eq(waitlistEntries.manageTokenHash, hash),
				inArray(waitlistEntries.status, ['waiting', 'offered'])
			)
		);
	const held =
		result.meta.changes === 1 &&
		before.status === 'offered' &&
		(before.holdUntil ?? 0) > now &&
		before.staffId !== null &&
		before.startsAt !== null;
	return {
		ok: true,
		schoolId: before.schoolId,
		freed: held ? { staffId: before.staffId!, startsAt: before.startsAt! } : null
	};
}

/** A claim makes a booking as booking does, or says why not. */
export type ClaimResult =
	| Extract<BookResult, { ok: true }>
	| { ok: false; code: 'not_found' | 'offer_expired' | 'slot_taken' };

/**
 * The parent takes the place held for them: one conditional INSERT writes the booking only while
 * the offer still holds (and the slot has room besides this hold), and the entry is marked booked
 * in the same D1 batch. Fifty claims at once make one booking.
 */
export async function claimOffer(
	db: Db,
	manageToken: string,
	options: { now: number }
): Promise<ClaimResult> {
	const entry = await findEntry(db, manageToken);
	if (!entry) return { ok: false, code: 'not_found' };
	const now = options.now;
	if (statusAt(entry, now) !== 'offered') return { ok: false, code: 'offer_expired' };
	const startsAt = entry.offerStartsAt!;
	const staffId = entry.offerStaffId!;
	const date = amsterdamDate(startsAt);
	// Every slot of that day (the notice was checked when it was offered; the hold ends before it).
	const schedule = await loadSchedule(db, entry.schoolSlug, { from: date, to: date });
	const slot = schedule?.slots.find(
		(s) => s.staffId === staffId && s.startsAt === startsAt && s.bookable
	);
	// The hours changed under the offer: the place is gone.
	if (!slot || slot.startsAt <= now) return { ok: false, code: 'slot_taken' };

	const bookingToken = randomToken();
	const bookingTokenHash = await sha256Hex(bookingToken);
	const made = await withNewReference((reference) =>
		runStatements(db, [
			sql`
				INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, location_id,
					block_id, starts_at, ends_at, first_name, phone, email, contact_key, language,
					status, made_by, created_at)
				SELECT ${reference}, ${bookingTokenHash}, ${entry.schoolId}, ${staffId},
					${slot.locationId}, ${slot.blockId}, ${slot.startsAt}, ${slot.endsAt},
					${entry.firstName}, ${entry.phone}, ${entry.email}, ${entry.contactKey},
					${entry.language}, 'booked', 'parent', ${now}
				WHERE EXISTS (SELECT 1 FROM waitlist_entries WHERE id = ${entry.id}
						AND status = 'offered' AND hold_until > ${now}
						AND offer_staff_id = ${staffId} AND offer_starts_at = ${startsAt})
					AND ${placesTaken(staffId, startsAt, now, entry.id)} < ${slot.capacity}`,
			sql`
				UPDATE waitlist_entries SET status = 'booked', updated_at = ${now},
					booking_id = (SELECT id FROM bookings WHERE manage_token_hash = ${bookingTokenHash})
				WHERE id = ${entry.id} AND status = 'offered'
					AND EXISTS (SELECT 1 FROM bookings WHERE manage_token_hash = ${bookingTokenHash})`
		])
	);
	if (made?.written[0].meta.changes === 1) {
		return {
			ok: true,
			id: made.written[0].meta.last_row_id,
			reference: made.reference,
			manageToken: bookingToken,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			staffId
		};
	}
	// Not written: the offer was claimed, left or ran out in the meantime, or the slot is full.
	const fresh = await findEntry(db, manageToken);
	return fresh && statusAt(fresh, now) === 'offered'
		? { ok: false, code: 'slot_taken' }
		: { ok: false, code: 'offer_expired' };
}

/** Until when an offer of `slot` made at `now` is held: two hours, never past the notice. */
export const holdUntilFor = (slot: FreeSlot, now: number) =>
	Math.min(now + HOLD_MS, slot.startsAt - slot.minNoticeMinutes * 60_000);

/**
 * Offers freed places of a school to the parents waiting for them, first come first served: each
 * waiting parent, in the order they joined, gets the earliest free place in their window (with
 * their professional, when they named one). `places` limits it to the places that were freed (a
 * cancelled or moved booking, an offer that ran out); `staffId` to one professional's free times
 * (new hours); neither: every free place. Each offer is one conditional UPDATE that only holds a
 * place that still has room. Answers the ids of the entries offered a place, for the messages.
 */
export async function offerFreedPlaces(
	db: Db,
	scope: { schoolId: number; places?: Place[]; staffId?: number },
	now: number
): Promise<number[]> {
	if (scope.places && scope.places.length === 0) return [];
	const today = amsterdamDate(now);
	const waiting = await db
		.select({
			id: waitlistEntries.id,
			staffId: waitlistEntries.staffId,
			fromDate: waitlistEntries.fromDate,
			toDate: waitlistEntries.toDate
		})
		.from(waitlistEntries)
		.where(
			and(
				eq(waitlistEntries.schoolId, scope.schoolId),
				eq(waitlistEntries.status, 'waiting'),
				gte(waitlistEntries.toDate, today)
			)
		)
		.orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
	if (waiting.length === 0) return [];

	const from = waiting.reduce((d, w) => (w.fromDate < d ? w.fromDate : d), waiting[0].fromDate);
	const to = waiting.reduce((d, w) => (w.toDate > d ? w.toDate : d), waiting[0].toDate);
	const { schedule } = await loadScheduleWith(
		db,
		db.select({ id: schools.id }).from(schools).where(eq(schools.id, scope.schoolId)),
		{ from: from < today ? today : from, to, now },
		[]
	);
	const freed = scope.places
		? new Set(scope.places.map((p) => `${p.staffId}@${p.startsAt}`))
		: null;
	const free = (schedule?.slots ?? []).filter(
		(s) =>
			s.bookable &&
			s.remaining > 0 &&
			holdUntilFor(s, now) > now &&
			(!freed || freed.has(`${s.staffId}@${s.startsAt}`)) &&
			(scope.staffId === undefined || s.staffId === scope.staffId)
	);
	const offered: number[] = [];
	for (const entry of waiting) {
		const slot = free.find(
			(s) =>
				s.remaining > 0 &&
				s.date >= entry.fromDate &&
				s.date <= entry.toDate &&
				(entry.staffId === null || s.staffId === entry.staffId)
		);
		if (!slot) continue;
		const result = await db.run(sql`
			UPDATE waitlist_entries SET status = 'offered', offer_staff_id = ${slot.staffId},
				offer_starts_at = ${slot.startsAt}, offer_ends_at = ${slot.endsAt},
				hold_until = ${holdUntilFor(slot, now)}, updated_at = ${now}
			WHERE id = ${entry.id} AND status = 'waiting'
				AND ${placesTaken(slot.staffId, slot.startsAt, now)} < ${slot.capacity}`);
		if (result.meta.changes === 1) {
			slot.remaining -= 1;
			offered.push(entry.id);
		}
	}
	return offered;
}

/**
 * Offers whose hold ran out, and windows that have passed, become expired; the places those
 * offers held go to the next parents. The cron runs it; a page that meets a lapsed offer too.
 * Answers the entries offered a place, for the messages.
 */
export async function expireOffers(db: Db, now: number): Promise<number[]> {
	const [lapsed] = await db.batch([
		db
			.update(waitlistEntries)
			.set({ status: 'expired', updatedAt: now })
			.where(and(eq(waitlistEntries.status, 'offered'), lte(waitlistEntries.holdUntil, now)))
			.returning({
				schoolId: waitlistEntries.schoolId,
				staffId: waitlistEntries.offerStaffId,
				startsAt: waitlistEntries.offerStartsAt
			}),
		db
			.update(waitlistEntries)
			.set({ status: 'expired', updatedAt: now })
			.where(
				and(
					eq(waitlistEntries.status, 'waiting'),
					sql`${waitlistEntries.toDate} < ${amsterdamDate(now)}`
				)
			)
	]);
	const offered: number[] = [];
	for (const schoolId of new Set(lapsed.map((l) => l.schoolId))) {
		const places = lapsed
			.filter((l) => l.schoolId === schoolId && l.staffId !== null && l.startsAt !== null)
			.map((l) => ({ staffId: l.staffId!, startsAt: l.startsAt! }));
		offered.push(...(await offerFreedPlaces(db, { schoolId, places }, now)));
	}
	return offered;
}

/**
 * The waiting lists of the schools the viewer may see (one school when asked), for the
 * workspace: who waits (first name and language only), for whom, between which dates, and what
 * is offered. Contact details stay out: staff reach the parent through the booking it becomes.
 */
export function waitlistQuery(db: Db, who: Viewer, today: string, schoolId?: number) {
	return db
		.select({
			id: waitlistEntries.id,
			reference: waitlistEntries.reference,
			schoolId: waitlistEntries.schoolId,
			// Two columns called `name`: renamed, or the batch's rows would mix them up.
			schoolName: renamed<string>(schools.name, 'school_name'),
			status: waitlistEntries.status,
			firstName: waitlistEntries.firstName,
			language: waitlistEntries.language,
			staffName: renamed<string | null>(staff.name, 'staff_name'),
			fromDate: waitlistEntries.fromDate,
			toDate: waitlistEntries.toDate,
			offerStartsAt: waitlistEntries.offerStartsAt,
			holdUntil: waitlistEntries.holdUntil,
			createdAt: waitlistEntries.createdAt
		})
		.from(waitlistEntries)
		.innerJoin(schools, eq(schools.id, waitlistEntries.schoolId))
		.leftJoin(staff, eq(staff.id, waitlistEntries.staffId))
		.where(
			and(
				inArray(waitlistEntries.schoolId, visibleSchoolIds(db, who)),
				schoolId === undefined ? undefined : eq(waitlistEntries.schoolId, schoolId),
				inArray(waitlistEntries.status, ['waiting', 'offered']),
				gte(waitlistEntries.toDate, today)
			)
		)
		.orderBy(asc(schools.name), asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
}

/**
 * What the waiting-list form needs, in one D1 round trip: the school, the professionals who hold
 * bookable hours there, and the last date a parent can wait for (the longest horizon).
 */
export async function joinFormOf(db: Db, slug: string, now: number) {
	const [schoolRows, people] = await db.batch([
		db
			.select({
				id: schools.id,
				slug: schools.slug,
				name: schools.name,
				horizon: sql<number | null>`(SELECT max(horizon_days) FROM availability_blocks
					WHERE school_id = ${schools.id} AND bookable = 1)`
			})
			.from(schools)
			.where(eq(schools.slug, slug)),
		db
			.selectDistinct({ id: staff.id, name: staff.name, role: staff.role })
			.from(availabilityBlocks)
			.innerJoin(staff, eq(staff.id, availabilityBlocks.staffId))
			.innerJoin(schools, eq(schools.id, availabilityBlocks.schoolId))
			.where(
				and(eq(schools.slug, slug), eq(availabilityBlocks.bookable, true), eq(staff.active, true))
			)
			.orderBy(asc(staff.name))
	]);
	const school = schoolRows[0];
	if (!school) return null;
	const today = amsterdamDate(now);
	return {
		school: { slug: school.slug, name: school.name },
		staff: people,
		first: today,
		last: addDays(today, school.horizon ?? DEFAULT_HORIZON_DAYS)
	};
}
