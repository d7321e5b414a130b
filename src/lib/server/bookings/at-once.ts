/**
 * A booking in one D1 round trip: the school's schedule, the counts the limits need, the
 * conditional INSERT, the row read back and the confirmation's rows, all in one batch (one
 * transaction). In production every trip goes to the D1 primary, so this is the moment a parent
 * waits for most.
 *
 * The INSERT finds the slot itself, from the professional's weekly hours: the block of that
 * weekday whose times hold the wanted start on its step, with the notice and the horizon, on a
 * day without exceptions or closures (those days take the careful way, `bookSlot`). It only
 * writes while the slot has room, the contact is under the weekly cap and a kiosk tablet under
 * its daily cap, so two parents racing for the last place cannot both get it. The scheduling
 * engine then checks the written row against the schedule read in the same batch (before the
 * INSERT); a row it does not confirm is taken back, and `bookSlot` answers.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { batchOf, type Db } from '../db/index.ts';
import { bookings, organisations, schools } from '../db/schema.ts';
import { randomToken, readableCode, sha256Hex } from '../crypto.ts';
import { isoWeekRange } from '../scheduling/engine.ts';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	minutesOfDay,
	startOfDay,
	toAmsterdamIso
} from '../scheduling/time.ts';
import { contactKey } from '../../validation/fields.ts';
import type { BookingInput } from '../../validation/bookings.ts';
import { assembleSchedule, placesTaken, scheduleQueries, type FreeSlot } from './schedule.ts';
import {
	alternativesFor,
	bookingQuery,
	bookingToken,
	waitingFor,
	type BookResult,
	type MadeBy,
	type ParentBooking
} from './index.ts';
import type { Confirmation } from './notices.ts';

export type AtOnceOptions = {
	now: number;
	madeBy: MadeBy;
	kioskDeviceId?: number;
	linkSecret: string;
	/**
	 * The form's Turnstile answer, checked before (false: none, or refused). The INSERT writes
	 * only when it passed or the school's organisation does not ask for Turnstile. Undefined
	 * where Turnstile plays no part (the API, the kiosk, the workspace).
	 */
	turnstilePassed?: boolean;
	/** The confirmation's rows, written in the same batch (./notices.ts). */
	confirmation?: (booking: Confirmation) => SQL[];
};

/** What the batch made, for the confirmation by the channels that leave the worker. */
export type AtOnce =
	| (Extract<BookResult, { ok: true }> & {
			booking: ParentBooking;
			organisation: string;
			confirmation: Confirmation;
	  })
	| Exclude<BookResult, { ok: true }>
	| { ok: false; code: 'turnstile_failed' }
	/** Not sure from this batch (a day with exceptions, a row the engine did not confirm). */
	| null;

/** Minutes since midnight of a block's time column, in SQL. */
const minutesOf = (column: string) =>
	sql.raw(
		`(CAST(substr(b.${column}, 1, 2) AS INTEGER) * 60 + CAST(substr(b.${column}, 4, 2) AS INTEGER))`
	);

/**
 * The weekly block (as `b`) of a professional at a school that has a slot starting at `start`
 * with room in it: that weekday, valid that date, the start on the block's step, with the notice
 * and horizon (not for staff), on a day without exceptions or closures for them. As conditions
 * of `FROM availability_blocks b WHERE …`: the engine checks what it finds.
 */
function slotBlock(where: {
	schoolId: SQL;
	staffId: number | SQL;
	start: number;
	now: number;
	staffBooks: boolean;
}): SQL {
	const { start, now } = where;
	const date = amsterdamDate(start);
	const minutes = minutesOfDay(toAmsterdamIso(start).slice(11, 16));
	return sql`b.school_id = ${where.schoolId} AND b.staff_id = ${where.staffId}
		AND b.weekday = ${isoWeekday(date)} AND b.bookable = 1
		AND b.valid_from <= ${date} AND (b.valid_until IS NULL OR b.valid_until >= ${date})
		AND ${start % 60_000 === 0 ? 1 : 0} = 1 AND ${start} > ${now}
		AND ${minutes} >= ${minutesOf('start_time')}
		AND ${minutes} + b.slot_minutes <= ${minutesOf('end_time')}
		AND (${minutes} - ${minutesOf('start_time')}) % (b.slot_minutes + max(0, b.buffer_minutes)) = 0
		AND (${where.staffBooks ? 1 : 0} = 1 OR (${start} >= ${now} + b.min_notice_minutes * 60000
			AND ${date} <= date(${amsterdamDate(now)}, '+' || b.horizon_days || ' days')))
		AND NOT EXISTS (SELECT 1 FROM availability_exceptions e
			WHERE e.staff_id = b.staff_id AND e.date = ${date})
		AND NOT EXISTS (SELECT 1 FROM closures c
			WHERE c.organisation_id = (SELECT organisation_id FROM schools WHERE id = b.school_id)
			AND (c.school_id IS NULL OR c.school_id = b.school_id)
			AND c.start_date <= ${date} AND c.end_date >= ${date})
		AND ${placesTaken(sql`b.staff_id`, start, now)} < b.capacity`;
}

/** Whether the row the statement wrote is the slot the engine computed (block, end, place). */
const sameSlot = (
	slot: FreeSlot | undefined,
	row: { blockId: number | null; endsAt: number; locationId: number }
): slot is FreeSlot =>
	!!slot &&
	slot.remaining > 0 &&
	slot.blockId === row.blockId &&
	slot.endsAt === row.endsAt &&
	slot.locationId === row.locationId;

export async function bookAtOnce(
	db: Db,
	slug: string,
	input: BookingInput,
	options: AtOnceOptions,
	attempt = 1
): Promise<AtOnce> {
	const { now, madeBy } = options;
	const start = input.start;
	const date = amsterdamDate(start);
	const today = amsterdamDate(now);
	const range = { from: date, to: addDays(date, 28), now: madeBy === 'staff' ? undefined : now };
	const key = contactKey(input);
	const week = isoWeekRange(start);
	const device = options.kioskDeviceId ?? null;
	const staffBooks = madeBy === 'staff';
	const linkKey = randomToken(16);
	const token = await bookingToken(options.linkSecret, linkKey);
	const tokenHash = await sha256Hex(token);
	const reference = readableCode(6);
	const confirmation: Confirmation = {
		token,
		tokenHash,
		reference,
		firstName: input.firstName,
		email: input.email ?? null,
		phone: input.phone ?? null,
		language: input.language,
		startsAt: start,
		now
	};

	const schoolId = sql`(SELECT id FROM schools WHERE slug = ${slug})`;
	const weekly = sql`(SELECT count(*) FROM bookings WHERE contact_key = ${key}
		AND starts_at >= ${week.start} AND starts_at < ${week.end} AND status <> 'cancelled')`;
	const contactlessToday = sql`(SELECT count(*) FROM bookings WHERE kiosk_device_id = ${device}
		AND created_at >= ${startOfDay(today)} AND phone IS NULL AND email IS NULL)`;
	const dailyCap = sql`(SELECT kiosk_daily_bookings FROM schools WHERE id = ${schoolId})`;
	const turnstileOn = sql`(SELECT o.turnstile_enabled FROM schools s
		JOIN organisations o ON o.id = s.organisation_id WHERE s.slug = ${slug})`;
	const passed = options.turnstilePassed ?? true;

	const insert = sql`
		INSERT INTO bookings (reference, manage_token_hash, link_key, school_id, staff_id, location_id,
			block_id, starts_at, ends_at, first_name, phone, email, contact_key, topic, language,
			interpreter, interpreter_language, remark, status, made_by, kiosk_device_id, created_at)
		SELECT ${reference}, ${tokenHash}, ${linkKey}, b.school_id, b.staff_id, b.location_id, b.id,
			${start}, ${start} + b.slot_minutes * 60000, ${input.firstName}, ${input.phone ?? null},
			${input.email ?? null}, ${key}, ${input.topic ?? null}, ${input.language},
			${input.interpreter ? 1 : 0},
			${input.interpreter ? (input.interpreterLanguage ?? input.language) : null},
			${input.remark ?? null}, 'booked', ${madeBy}, ${device}, ${now}
		FROM availability_blocks b
		WHERE ${slotBlock({ schoolId, staffId: input.staffId, start, now, staffBooks })}
			AND (${key} IS NULL OR ${staffBooks ? 1 : 0} = 1 OR ${weekly} < b.max_per_contact_per_week)
			AND (${device} IS NULL OR ${key} IS NOT NULL OR ${contactlessToday} < ${dailyCap})
			AND (${passed ? 1 : 0} = 1 OR NOT ${turnstileOn})
		ORDER BY b.id LIMIT 1
		RETURNING id, block_id AS blockId, ends_at AS endsAt, location_id AS locationId`;

	let results;
	try {
		results = await batchOf(db, [
			...scheduleQueries(db, slug, range),
			db
				.select({ name: organisations.name, turnstile: organisations.turnstileEnabled })
				.from(schools)
				.innerJoin(organisations, eq(organisations.id, schools.organisationId))
				.where(eq(schools.slug, slug)),
			sql`SELECT ${weekly} AS weekly, ${contactlessToday} AS made, ${dailyCap} AS cap`,
			insert,
			bookingQuery(db).where(eq(bookings.manageTokenHash, tokenHash)),
			...(options.confirmation?.(confirmation) ?? [])
		] as const);
	} catch (error) {
		// Another booking has this reference (one in millions): drawn again.
		if (String(error).includes('UNIQUE') && attempt < 3) {
			return bookAtOnce(db, slug, input, options, attempt + 1);
		}
		throw error;
	}
	const [s0, s1, s2, s3, s4, s5, s6, [organisation], counts, inserted, [booking]] = results;
	const schedule = assembleSchedule([s0, s1, s2, s3, s4, s5, s6], range);
	if (!schedule) return { ok: false, code: 'school_not_found' };
	// The schedule was read before the INSERT: the place it took still counts as free here.
	const slot = schedule.slots.find(
		(s) => s.staffId === input.staffId && s.startsAt === start && s.bookable && s.startsAt > now
	);
	const written = (inserted as D1Result<{ blockId: number; endsAt: number; locationId: number }>)
		.results[0];
	if (written && booking) {
		if (sameSlot(slot, written)) {
			return {
				ok: true,
				id: booking.id,
				reference,
				manageToken: token,
				startsAt: start,
				endsAt: written.endsAt,
				staffId: input.staffId,
				booking,
				organisation: organisation?.name ?? '',
				confirmation
			};
		}
		// Rare (blocks that overlap): taken back, with its confirmation (ON DELETE CASCADE).
		await db.delete(bookings).where(eq(bookings.id, booking.id));
		return null;
	}
	if (!passed && organisation?.turnstile) return { ok: false, code: 'turnstile_failed' };
	if (!slot) return { ok: false, code: 'slot_not_found' };
	const alternatives = alternativesFor(schedule.slots, slot.staffId, slot.startsAt);
	if (slot.remaining <= 0) return { ok: false, code: 'slot_taken', alternatives };
	const {
		weekly: made,
		made: contactless,
		cap
	} = (counts as D1Result<{ weekly: number; made: number; cap: number }>).results[0];
	if (key && !staffBooks && made >= slot.maxPerContactPerWeek) {
		return { ok: false, code: 'weekly_limit', alternatives };
	}
	if (device !== null && key === null && contactless >= cap) {
		return { ok: false, code: 'kiosk_daily_limit' };
	}
	// A free slot the INSERT did not take: a day with exceptions or closures.
	return null;
}

/** What moving at once found: the booking as it was, and whether the waiting list has anyone. */
export type MovedAtOnce =
	| {
			result: 'ok' | 'not_active' | 'slot_taken' | 'slot_not_found';
			before: ParentBooking;
			waiting: boolean;
	  }
	| { result: 'not_found' }
	/** Not sure from this batch (a day with exceptions, a row the engine did not confirm). */
	| null;

/**
 * Moves a parent's booking to another free time of the same professional at the same school in
 * one round trip: the booking as it was, that day's schedule, the conditional UPDATE (its slot
 * found as `bookAtOnce` finds it) and whether anyone waits at the school, in one batch. The
 * engine checks the moved row; one it does not confirm is moved back (`null`: the careful way).
 */
export async function moveAtOnce(
	db: Db,
	manageToken: string,
	start: number,
	now: number
): Promise<MovedAtOnce> {
	if (!manageToken || manageToken.length > 100) return { result: 'not_found' };
	const hash = await sha256Hex(manageToken);
	const which = eq(bookings.manageTokenHash, hash);
	const date = amsterdamDate(start);
	const range = { from: date, to: date, now };
	const mine = (column: string) =>
		sql`(SELECT ${sql.raw(column)} FROM bookings WHERE manage_token_hash = ${hash})`;
	const results = await batchOf(db, [
		...scheduleQueries(db, db.select({ id: bookings.schoolId }).from(bookings).where(which), range),
		bookingQuery(db).where(which),
		waitingFor(db, db.select({ id: bookings.id }).from(bookings).where(which)),
		sql`SELECT location_id AS locationId, block_id AS blockId FROM bookings
			WHERE manage_token_hash = ${hash}`,
		sql`UPDATE bookings SET starts_at = ${start}, ends_at = ${start} + b.slot_minutes * 60000,
				location_id = b.location_id, block_id = b.id, updated_at = ${now}
			FROM (SELECT * FROM availability_blocks b
				WHERE ${slotBlock({ schoolId: mine('school_id'), staffId: mine('staff_id'), start, now, staffBooks: false })}
				ORDER BY b.id LIMIT 1) AS b
			WHERE bookings.manage_token_hash = ${hash} AND bookings.status = 'booked'
				AND bookings.starts_at > ${now} AND bookings.starts_at <> ${start}
			RETURNING id, block_id AS blockId, ends_at AS endsAt, location_id AS locationId`
	] as const);
	const [s0, s1, s2, s3, s4, s5, s6, [before], counted, place, updated] = results;
	if (!before) return { result: 'not_found' };
	const waiting = counted[0].n > 0;
	if (before.status !== 'booked' || before.startsAt <= now) {
		return { result: 'not_active', before, waiting };
	}
	const schedule = assembleSchedule([s0, s1, s2, s3, s4, s5, s6], range);
	const slot = schedule?.slots.find((s) => s.staffId === before.staffId && s.startsAt === start);
	const row = (
		updated as D1Result<{ id: number; blockId: number; endsAt: number; locationId: number }>
	).results[0];
	if (row) {
		if (sameSlot(slot, row)) return { result: 'ok', before, waiting };
		// Rare (blocks that overlap): moved back as it was.
		const { locationId, blockId } = (
			place as D1Result<{ locationId: number; blockId: number | null }>
		).results[0];
		await db
			.update(bookings)
			.set({
				startsAt: before.startsAt,
				endsAt: before.endsAt,
				locationId,
				blockId,
				updatedAt: before.updatedAt
			})
			.where(eq(bookings.id, before.id));
		return null;
	}
	if (!slot) return { result: 'slot_not_found', before, waiting };
	if (slot.startsAt === before.startsAt) return { result: 'ok', before, waiting };
	if (slot.remaining <= 0) return { result: 'slot_taken', before, waiting };
	return null;
}
