/**
 * Bookings: make one (atomically, in D1 itself), read it with the parent's manage token, cancel,
 * move or delete it. The booking pages, the kiosk and the API all come here.
 */
import { and, eq, gt, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { renamed, type Db } from '../db/index.ts';
import {
	bookings,
	locations,
	schools,
	staff,
	waitlistEntries,
	walkInTickets
} from '../db/schema.ts';
import { hmacToken, randomToken, sha256Hex, withNewReference } from '../crypto.ts';
import { isoWeekRange } from '../scheduling/engine.ts';
import { addDays, amsterdamDate, startOfDay, toAmsterdamIso } from '../scheduling/time.ts';
import { contactKey } from '../../validation/fields.ts';
import { accessesOf } from '../audit/index.ts';
import type { BookingInput } from '../../validation/bookings.ts';
import {
	holdsPlace,
	loadSchedule,
	placesTaken,
	loadScheduleWith,
	slotView,
	type FreeSlot,
	type Schedule
} from './schedule.ts';

export { bookingWindow, loadSchedule, placesTaken, slotView, type FreeSlot } from './schedule.ts';

export type MadeBy = 'parent' | 'kiosk' | 'staff';

/** A booking just made: what its parent needs to find it again. */
export type Booked = {
	id: number;
	reference: string;
	manageToken: string;
	startsAt: number;
	endsAt: number;
	staffId: number;
};

export type BookResult =
	| ({ ok: true } & Booked)
	| { ok: false; code: 'school_not_found' }
	| { ok: false; code: 'slot_not_found' }
	| { ok: false; code: 'kiosk_daily_limit' }
	| { ok: false; code: 'slot_taken' | 'weekly_limit'; alternatives: FreeSlot[] };

/**
 * The manage token of a booking from its link key and the server's LINK_SECRET: the reminder and
 * other later messages can carry the manage link, though only its hash is stored.
 */
export function bookingToken(linkSecret: string, linkKey: string) {
	return hmacToken(linkSecret, `booking:${linkKey}`);
}

/** How many free times to offer when the chosen one is gone. */
const ALTERNATIVES = 3;

/**
 * Free times for "this time is gone, how about …": the same professional first, the next ones
 * after the wanted time first, then the closest ones before it.
 */
export function alternativesFor(slots: FreeSlot[], staffId: number, wanted: number): FreeSlot[] {
	const free = slots.filter((s) => s.remaining > 0 && s.startsAt !== wanted);
	const order = (list: FreeSlot[]) => [
		...list.filter((s) => s.startsAt > wanted),
		...list.filter((s) => s.startsAt < wanted).reverse()
	];
	return [
		...order(free.filter((s) => s.staffId === staffId)),
		...order(free.filter((s) => s.staffId !== staffId))
	].slice(0, ALTERNATIVES);
}

/**
 * Books the slot that starts at `input.start` with `input.staffId` at the school. The place is
 * taken by one conditional INSERT: it only writes while fewer bookings hold the slot than its
 * capacity (and the contact is under the weekly cap, and a kiosk tablet under its school's daily
 * cap of bookings without contact details), so two parents racing for the last place cannot both
 * get it.
 */
export async function bookSlot(
	db: Db,
	slug: string,
	input: BookingInput,
	options: { now: number; madeBy: MadeBy; kioskDeviceId?: number; linkSecret: string }
): Promise<BookResult> {
	const date = amsterdamDate(input.start);
	const window = { from: date, to: addDays(date, 28) };
	// Staff book on behalf of a parent who phoned: the notice rules are for parents online.
	const schedule = await loadSchedule(db, slug, {
		...window,
		now: options.madeBy === 'staff' ? undefined : options.now
	});
	if (!schedule) return { ok: false, code: 'school_not_found' };
	const slot = schedule.slots.find(
		(s) =>
			s.staffId === input.staffId &&
			s.startsAt === input.start &&
			s.bookable &&
			s.startsAt > options.now
	);
	if (!slot) return { ok: false, code: 'slot_not_found' };
	if (slot.remaining <= 0) {
		return {
			ok: false,
			code: 'slot_taken',
			alternatives: alternativesFor(schedule.slots, slot.staffId, slot.startsAt)
		};
	}

	const key = contactKey(input);
	const week = isoWeekRange(slot.startsAt);
	const device = options.kioskDeviceId ?? null;
	const today = startOfDay(amsterdamDate(options.now));
	// Bookings without contact details this tablet made today, counted inside the INSERT.
	const contactlessToday = sql`(SELECT count(*) FROM bookings WHERE kiosk_device_id = ${device}
		AND created_at >= ${today} AND phone IS NULL AND email IS NULL)`;
	const dailyCap = sql`(SELECT kiosk_daily_bookings FROM schools WHERE id = ${schedule.school.id})`;
	const linkKey = randomToken(16);
	const manageToken = await bookingToken(options.linkSecret, linkKey);
	const tokenHash = await sha256Hex(manageToken);

	const made = await withNewReference((reference) =>
		db.all<{ id: number }>(sql`
			INSERT INTO bookings (reference, manage_token_hash, link_key, school_id, staff_id, location_id,
				block_id, starts_at, ends_at, first_name, phone, email, contact_key, topic, language,
				interpreter, interpreter_language, remark, status, made_by, kiosk_device_id, created_at)
			SELECT ${reference}, ${tokenHash}, ${linkKey}, ${schedule.school.id}, ${slot.staffId},
				${slot.locationId}, ${slot.blockId}, ${slot.startsAt}, ${slot.endsAt}, ${input.firstName},
				${input.phone ?? null}, ${input.email ?? null}, ${key}, ${input.topic ?? null},
				${input.language}, ${input.interpreter ? 1 : 0},
				${input.interpreter ? (input.interpreterLanguage ?? input.language) : null},
				${input.remark ?? null}, 'booked', ${options.madeBy}, ${device}, ${options.now}
			WHERE ${placesTaken(slot.staffId, slot.startsAt, options.now)} < ${slot.capacity}
				AND (${key} IS NULL OR ${options.madeBy} = 'staff' OR (SELECT count(*) FROM bookings
					WHERE contact_key = ${key} AND starts_at >= ${week.start} AND starts_at < ${week.end}
					AND status <> 'cancelled') < ${slot.maxPerContactPerWeek})
				AND (${device} IS NULL OR ${key} IS NOT NULL OR ${contactlessToday} < ${dailyCap})
			RETURNING id`)
	);
	if (made?.written.length === 1) {
		return {
			ok: true,
			id: made.written[0].id,
			reference: made.reference,
			manageToken,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			staffId: slot.staffId
		};
	}

	// Not written: the slot filled up in the meantime, this contact reached the weekly cap, or
	// this tablet its daily cap.
	if (device !== null && key === null) {
		const counted = await db.get<{ made: number; cap: number }>(
			sql`SELECT ${contactlessToday} AS made, ${dailyCap} AS cap`
		);
		if (counted && counted.made >= counted.cap) return { ok: false, code: 'kiosk_daily_limit' };
	}
	const fresh = await loadSchedule(db, slug, { ...window, now: options.now });
	const alternatives = alternativesFor(fresh?.slots ?? [], slot.staffId, slot.startsAt);
	if (key && options.madeBy !== 'staff') {
		const [{ n }] = await db
			.select({ n: sql<number>`count(*)` })
			.from(bookings)
			.where(
				and(
					eq(bookings.contactKey, key),
					sql`${bookings.startsAt} >= ${week.start} AND ${bookings.startsAt} < ${week.end}`,
					holdsPlace
				)
			);
		if (n >= slot.maxPerContactPerWeek) return { ok: false, code: 'weekly_limit', alternatives };
	}
	return { ok: false, code: 'slot_taken', alternatives };
}

/** A booking's own columns that every list and page of it shows, with its school, professional and place. */
export const bookingColumns = {
	id: bookings.id,
	reference: bookings.reference,
	status: bookings.status,
	startsAt: bookings.startsAt,
	endsAt: bookings.endsAt,
	firstName: bookings.firstName,
	topic: bookings.topic,
	language: bookings.language,
	interpreter: bookings.interpreter,
	interpreterLanguage: bookings.interpreterLanguage,
	madeBy: bookings.madeBy,
	schoolId: bookings.schoolId,
	// Columns of the same name in several tables (name, address) are renamed: see `renamed`.
	schoolName: renamed<string>(schools.name, 'school_name'),
	staffId: bookings.staffId,
	staffName: renamed<string>(staff.name, 'staff_name'),
	locationName: renamed<string | null>(locations.name, 'location_name')
};

/** The same with what one booking's page shows beyond a list: the parent's contact, remark and reason. */
export const bookingDetailColumns = {
	...bookingColumns,
	phone: bookings.phone,
	email: bookings.email,
	remark: bookings.remark,
	cancelReason: bookings.cancelReason,
	createdAt: bookings.createdAt
};

/**
 * A select of bookings joined with their school, professional and (if any) place, whatever
 * columns it takes of them: `withPlaces(db.select(columns).from(bookings).$dynamic())`. drizzle
 * keeps the rows' types through a helper only in its dynamic mode.
 */
export function withPlaces<T extends SQLiteSelect>(query: T) {
	return query
		.innerJoin(staff, eq(staff.id, bookings.staffId))
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.leftJoin(locations, eq(locations.id, bookings.locationId));
}

/** A booking with everything the parent's page, the messages and the calendar file show. */
export function bookingQuery(db: Db) {
	return withPlaces(
		db
			.select({
				...bookingDetailColumns,
				updatedAt: bookings.updatedAt,
				staffRole: staff.role,
				schoolSlug: schools.slug,
				schoolAddress: renamed<string>(schools.address, 'school_address'),
				schoolTown: schools.town,
				locationAddress: renamed<string | null>(locations.address, 'location_address'),
				locationDirections: locations.directions
			})
			.from(bookings)
			.$dynamic()
	);
}

export type ParentBooking = Awaited<ReturnType<ReturnType<typeof bookingQuery>['where']>>[number];

/** The booking behind a manage token, as its parent sees it; null for an unknown token. */
export async function findBooking(db: Db, manageToken: string): Promise<ParentBooking | null> {
	if (!manageToken || manageToken.length > 100) return null;
	const [row] = await bookingQuery(db).where(
		eq(bookings.manageTokenHash, await sha256Hex(manageToken))
	);
	return row ?? null;
}

/**
 * The booking behind a manage token with its school's schedule in `range` (the times it can move
 * to), in one D1 round trip: the schedule's reads find the school through the token too.
 */
export async function findBookingWithSchedule(
	db: Db,
	manageToken: string,
	range: { from: string; to: string; now?: number }
): Promise<{
	booking: ParentBooking;
	schedule: Schedule | null;
	readers: Awaited<ReturnType<typeof accessesOf>>;
} | null> {
	if (!manageToken || manageToken.length > 100) return null;
	const which = eq(bookings.manageTokenHash, await sha256Hex(manageToken));
	const schoolId = db.select({ id: bookings.schoolId }).from(bookings).where(which);
	const id = db.select({ id: bookings.id }).from(bookings).where(which);
	const {
		schedule,
		extra: [[booking], readers]
	} = await loadScheduleWith(db, schoolId, range, [
		bookingQuery(db).where(which),
		accessesOf(db, 'booking', id)
	]);
	return booking ? { booking, schedule, readers } : null;
}

/** The same by id, for messages the wijkteam sends (callers check who may see it). */
export async function findBookingById(db: Db, id: number): Promise<ParentBooking | null> {
	const [row] = await bookingQuery(db).where(eq(bookings.id, id));
	return row ?? null;
}

/** The booking as the API shows it to the parent. */
export function bookingApiView(b: ParentBooking) {
	return {
		reference: b.reference,
		status: b.status,
		start: toAmsterdamIso(b.startsAt),
		end: toAmsterdamIso(b.endsAt),
		staffId: b.staffId,
		staffName: b.staffName,
		school: { slug: b.schoolSlug, name: b.schoolName },
		location: b.locationName,
		firstName: b.firstName,
		phone: b.phone,
		email: b.email,
		topic: b.topic,
		language: b.language,
		interpreter: b.interpreter,
		interpreterLanguage: b.interpreterLanguage,
		remark: b.remark
	};
}

export type ChangeResult = 'ok' | 'not_found' | 'not_active';

/**
 * Whether parents wait for the place of a booking: at its school, for its professional or anyone,
 * with a window around its day (a day's margin for the time zone). Only whether to ask the
 * waiting list (../waitlist), which then offers exactly: nobody waiting costs no round trip.
 */
export function waitingFor(db: Db, bookingId: SQLWrapper) {
	return db
		.select({ n: sql<number>`count(*)` })
		.from(waitlistEntries)
		.innerJoin(bookings, inArray(bookings.id, bookingId))
		.where(
			and(
				eq(waitlistEntries.schoolId, bookings.schoolId),
				eq(waitlistEntries.status, 'waiting'),
				sql`(${waitlistEntries.staffId} IS NULL OR ${waitlistEntries.staffId} = ${bookings.staffId})`,
				sql`${waitlistEntries.fromDate} <= date(${bookings.startsAt} / 1000 + 86400, 'unixepoch')`,
				sql`${waitlistEntries.toDate} >= date(${bookings.startsAt} / 1000 - 86400, 'unixepoch')`
			)
		);
}

/** A parent's cancellation: the booking as it is after it, and whether anyone waits at its school. */
export type Cancelled =
	| { result: 'ok' | 'not_active'; booking: ParentBooking; waiting: boolean }
	| { result: 'not_found' };

/**
 * Cancels a booking that is still to come, in one round trip: the conditional UPDATE, the booking
 * read after it (for the page and the messages) and whether parents wait at its school (for the
 * freed place), in one batch.
 */
export async function cancelBooking(
	db: Db,
	manageToken: string,
	options: { now: number; reason?: string }
): Promise<Cancelled> {
	if (!manageToken || manageToken.length > 100) return { result: 'not_found' };
	const which = eq(bookings.manageTokenHash, await sha256Hex(manageToken));
	const [changed, [booking], [waiting]] = await db.batch([
		db
			.update(bookings)
			.set({
				status: 'cancelled',
				cancelledAt: options.now,
				cancelledBy: 'parent',
				cancelReason: options.reason ?? null,
				updatedAt: options.now
			})
			.where(and(which, eq(bookings.status, 'booked'), gt(bookings.startsAt, options.now)))
			.returning({ id: bookings.id }),
		bookingQuery(db).where(which),
		waitingFor(db, db.select({ id: bookings.id }).from(bookings).where(which))
	]);
	if (!booking) return { result: 'not_found' };
	return { result: changed.length === 1 ? 'ok' : 'not_active', booking, waiting: waiting.n > 0 };
}

/**
 * Moves a booking to another free time of the same professional at the same school, in one
 * conditional UPDATE (the new slot must still have room).
 */
export async function moveBooking(
	db: Db,
	manageToken: string,
	newStart: number,
	options: { now: number }
): Promise<ChangeResult | 'slot_taken' | 'slot_not_found'> {
	const booking = await findBooking(db, manageToken);
	if (!booking) return 'not_found';
	if (booking.status !== 'booked' || booking.startsAt <= options.now) return 'not_active';
	const date = amsterdamDate(newStart);
	const schedule = await loadSchedule(db, booking.schoolSlug, {
		from: date,
		to: date,
		now: options.now
	});
	const slot = schedule?.slots.find(
		(s) => s.staffId === booking.staffId && s.startsAt === newStart
	);
	if (!slot) return 'slot_not_found';
	if (slot.startsAt === booking.startsAt) return 'ok';
	const result = await db.run(sql`
		UPDATE bookings SET starts_at = ${slot.startsAt}, ends_at = ${slot.endsAt},
			location_id = ${slot.locationId}, block_id = ${slot.blockId}, updated_at = ${options.now}
		WHERE id = ${booking.id} AND status = 'booked'
			AND ${placesTaken(slot.staffId, slot.startsAt, options.now)} < ${slot.capacity}`);
	return result.meta.changes === 1 ? 'ok' : 'slot_taken';
}

/**
 * Deletes the booking and everything the parent gave with it (the right to erasure): the row, the
 * copies of the e-mails about it (ON DELETE CASCADE) and the first name on a walk-in ticket made
 * from it. What stays is the audit log (who of the wijkteam opened it, no parent data).
 */
export async function deleteBooking(db: Db, manageToken: string): Promise<boolean> {
	const which = eq(bookings.manageTokenHash, await sha256Hex(manageToken));
	const [, result] = await db.batch([
		forgetTicketNames(db, db.select({ id: bookings.id }).from(bookings).where(which)),
		db.delete(bookings).where(which)
	]);
	// D1 may count rows changed by the foreign keys (a walk-in ticket's link) too.
	return result.meta.changes > 0;
}

/** Takes the first name off the walk-in tickets of bookings about to be deleted. */
export function forgetTicketNames(db: Db, bookingIds: SQLWrapper) {
	return db
		.update(walkInTickets)
		.set({ firstName: null })
		.where(inArray(walkInTickets.bookingId, bookingIds));
}

export { slotView as freeSlotView };
