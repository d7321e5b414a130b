/**
 * The bookings staff work with: lists over the schools the person may see (`visibleSchoolIds`),
 * one booking with the parent's contact details (its opening logged), marking attended or not
 * shown, and cancelling with a reason.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { bookings } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { logAccess, loggedBookingChanges, loggedListReads, loggedRead } from '../audit/index.ts';
import {
	bookingColumns,
	bookingDetailColumns,
	bookingQuery,
	withPlaces,
	type ParentBooking
} from './index.ts';
import { visibleSchoolIds, type Viewer } from '../access/index.ts';
import type { CancelledBy } from '../../domain/lists.ts';

export type BookingFilter = {
	from: number;
	to: number;
	schoolId?: number;
	status?: 'booked' | 'cancelled' | 'attended' | 'no_show';
	/** Only this professional's own bookings. */
	staffId?: number;
};

/** Bookings in a time range over the schools the person may see, in time order. */
export async function bookingsFor(db: Db, user: SessionUser, filter: BookingFilter) {
	return bookingsQuery(db, user, filter);
}

/** The same as one statement, for a batch (the week and the appointments read it with the session). */
export function bookingsQuery(db: Db, user: Viewer, filter: BookingFilter) {
	return withPlaces(db.select(bookingColumns).from(bookings).$dynamic())
		.where(bookingFilter(db, user, filter))
		.orderBy(asc(bookings.startsAt), asc(bookings.id))
		.limit(500);
}

function bookingFilter(db: Db, user: Viewer, filter: BookingFilter) {
	return and(
		inArray(bookings.schoolId, visibleSchoolIds(db, user)),
		gte(bookings.startsAt, filter.from),
		lt(bookings.startsAt, filter.to),
		filter.schoolId ? eq(bookings.schoolId, filter.schoolId) : undefined,
		filter.status ? eq(bookings.status, filter.status) : undefined,
		filter.staffId ? eq(bookings.staffId, filter.staffId) : undefined
	);
}

/** The same with the parent's contact details, for the CSV export (the caller logs the export). */
export async function bookingsWithContactFor(db: Db, user: SessionUser, filter: BookingFilter) {
	return withPlaces(
		db
			.select({ ...bookingColumns, phone: bookings.phone, email: bookings.email })
			.from(bookings)
			.$dynamic()
	)
		.where(bookingFilter(db, user, filter))
		.orderBy(asc(bookings.startsAt), asc(bookings.id))
		.limit(5000);
}

/** One booking with the parent's contact details, if the person may see it; the opening is logged. */
export async function bookingDetail(db: Db, user: SessionUser, id: number, now: number) {
	const [rows] = await db.batch(bookingDetailQueries(db, user, id, now));
	return rows[0] ?? null;
}

/** The same as statements for a batch: the booking, and the entry in the audit log if there is one. */
export function bookingDetailQueries(db: Db, who: Viewer, id: number, now: number) {
	return [
		withPlaces(db.select(bookingDetailColumns).from(bookings).$dynamic()).where(
			and(eq(bookings.id, id), inArray(bookings.schoolId, visibleSchoolIds(db, who)))
		),
		loggedRead(db, who, 'booking', id, now)
	] as const;
}

/**
 * The parents' phone numbers of one day's appointments (not the cancelled ones) over the person's
 * schools, so Today and Week can offer a call from the list; with their audit entries
 * (`loggedListReads`): two statements for the page's batch.
 */
export function dayContactQueries(
	db: Db,
	who: Viewer,
	day: { from: number; to: number },
	now: number
) {
	const which = and(
		gte(bookings.startsAt, day.from),
		lt(bookings.startsAt, day.to),
		ne(bookings.status, 'cancelled'),
		isNotNull(bookings.phone)
	);
	return [
		db
			.select({ id: bookings.id, phone: bookings.phone })
			.from(bookings)
			.where(and(which, inArray(bookings.schoolId, visibleSchoolIds(db, who)))),
		loggedListReads(db, who, which, day.from, now)
	] as const;
}

/**
 * A list's rows with the day's work: the appointments of `day` (its instants) that are not
 * cancelled can be marked from the list, with the parent's phone number where there is one.
 */
export function withDaysWork<B extends { id: number; startsAt: number; status: string }>(
	rows: B[],
	contacts: { id: number; phone: string | null }[],
	day: { from: number; to: number }
) {
	const phones = new Map(contacts.map((c) => [c.id, c.phone]));
	return rows.map((b) => ({
		...b,
		markable: b.startsAt >= day.from && b.startsAt < day.to && b.status !== 'cancelled',
		phone: phones.get(b.id) ?? null
	}));
}

/** Marks a booking attended or not shown; only bookings the person may see, only once it has started. */
export async function markBooking(
	db: Db,
	user: SessionUser,
	id: number,
	status: 'attended' | 'no_show',
	now: number
): Promise<boolean> {
	const result = await db
		.update(bookings)
		.set({ status, updatedAt: now })
		.where(
			and(
				eq(bookings.id, id),
				inArray(bookings.schoolId, visibleSchoolIds(db, user)),
				inArray(bookings.status, ['booked', 'attended', 'no_show'])
			)
		);
	if (result.meta.changes !== 1) return false;
	await logAccess(db, user, {
		action: 'update',
		entity: 'booking',
		entityId: id,
		schoolId: null,
		detail: status,
		now
	});
	return true;
}

/**
 * Cancels coming bookings of the person's schools with a reason the parents will see. The
 * cancellations, an audit entry for each and the bookings as the messages show them are one D1
 * batch, however many there are (a change of hours can strand several). Answers the bookings it
 * cancelled; the caller tells their parents (`sendCancellation`).
 */
export async function cancelByStaff(
	db: Db,
	user: SessionUser,
	ids: number[],
	reason: string,
	now: number,
	by: Exclude<CancelledBy, 'parent'> = 'staff'
): Promise<ParentBooking[]> {
	const detail = by === 'hours' ? 'cancelled (hours changed)' : 'cancelled';
	if (ids.length === 0) return [];
	const ofTheirs = and(
		inArray(bookings.id, ids),
		inArray(bookings.schoolId, visibleSchoolIds(db, user))
	);
	// The rows this batch cancelled: the statements after the update see them so.
	const cancelledHere = and(
		ofTheirs,
		eq(bookings.status, 'cancelled'),
		eq(bookings.cancelledAt, now),
		eq(bookings.updatedAt, now)
	);
	const [changed, , cancelled] = await db.batch([
		db
			.update(bookings)
			.set({
				status: 'cancelled',
				cancelReason: reason,
				cancelledAt: now,
				cancelledBy: by,
				updatedAt: now
			})
			.where(and(ofTheirs, eq(bookings.status, 'booked')))
			.returning({ id: bookings.id }),
		loggedBookingChanges(db, user, cancelledHere, detail, now),
		bookingQuery(db).where(cancelledHere)
	]);
	const done = new Set(changed.map((b) => b.id));
	return cancelled.filter((b) => done.has(b.id));
}
