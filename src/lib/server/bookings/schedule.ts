/**
 * Reads what the scheduling engine needs for a school (or several) and a date range, in one D1
 * round trip, and turns it into free slots: the engine's slots minus what is already booked.
 */
import type { StaffRole } from '../../domain/lists.ts';
import {
	and,
	asc,
	count,
	eq,
	gt,
	gte,
	inArray,
	isNull,
	lte,
	ne,
	or,
	sql,
	type SQLWrapper
} from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../db/index.ts';
import {
	availabilityBlocks,
	availabilityExceptions,
	bookings,
	closures,
	locations,
	schools,
	staff,
	staffSchools,
	waitlistEntries
} from '../db/schema.ts';
import { slotsForRange } from '../scheduling/engine.ts';
import { addDays, amsterdamDate, toAmsterdamIso, wallClockToInstant } from '../scheduling/time.ts';
import type { Slot } from '../scheduling/types.ts';

export type FreeSlot = Slot & { remaining: number; locationName: string };

export type Schedule = {
	school: { id: number; organisationId: number; slug: string; name: string };
	staff: { id: number; name: string; role: StaffRole; photoUrl: string | null }[];
	slots: FreeSlot[];
};

/** Bookings that hold a place: everything but cancelled ones. */
export const holdsPlace = ne(bookings.status, 'cancelled');

/**
 * Places held at `now` for a parent on the waiting list who was offered them (../waitlist): a
 * held place counts as taken in every slot count and in the conditional statements that book or
 * move into a slot, until the hold ends. `except` leaves out the entry that is claiming its own.
 */
export function heldPlaces(
	staffId: number | SQLWrapper,
	startsAt: number | SQLWrapper,
	now: number,
	except: number | null = null
) {
	return sql`(SELECT count(*) FROM waitlist_entries WHERE offer_staff_id = ${staffId}
		AND offer_starts_at = ${startsAt} AND status = 'offered' AND hold_until > ${now}
		AND id IS NOT ${except})`;
}

/** Places taken in a slot at `now`: its bookings and the waiting-list offers holding it. */
export const placesTaken = (
	staffId: number | SQLWrapper,
	startsAt: number | SQLWrapper,
	now: number,
	except?: number
) =>
	sql`((SELECT count(*) FROM bookings WHERE staff_id = ${staffId} AND starts_at = ${startsAt}
		AND status <> 'cancelled') + ${heldPlaces(staffId, startsAt, now, except)})`;

/**
 * The school's slots from `from` to `to` (inclusive dates) with the places left. With `now`, only
 * slots a parent can book now (notice, horizon, bookable); without, every slot.
 */
export async function loadSchedule(
	db: Db,
	slug: string,
	range: { from: string; to: string; now?: number }
): Promise<Schedule | null> {
	return (await loadScheduleWith(db, slug, range, [])).schedule;
}

/**
 * The same, with more queries of the caller's in the same D1 batch (one round trip for a whole
 * page, e.g. the kiosk's home). `which` school: its slug, or a subquery that gives its id when the
 * page knows something else (a booking's manage token).
 */
export async function loadScheduleWith<const E extends readonly BatchItem<'sqlite'>[]>(
	db: Db,
	which: string | SQLWrapper,
	range: { from: string; to: string; now?: number },
	extra: E
): Promise<{ schedule: Schedule | null; extra: BatchResponse<E> }> {
	const queries = scheduleQueries(db, which, range);
	const results = await db.batch([...queries, ...extra]);
	return {
		schedule: assembleSchedule(results.slice(0, queries.length) as unknown as ScheduleRows, range),
		extra: results.slice(queries.length) as BatchResponse<E>
	};
}

type ScheduleQueries = ReturnType<typeof scheduleQueries>;
/** What the schedule's queries give, in their order. */
export type ScheduleRows = BatchResponse<ScheduleQueries>;

const schoolFilter = (which: string | SQLWrapper) =>
	typeof which === 'string' ? eq(schools.slug, which) : inArray(schools.id, which);

/**
 * The statements behind a school's schedule, for a caller that batches them with more in one
 * round trip; `assembleSchedule` turns their rows into the schedule. `which` may also give several
 * schools: `assembleSchedules` then splits the rows per school.
 */
export function scheduleQueries(
	db: Db,
	which: string | SQLWrapper,
	range: { from: string; to: string; now?: number }
) {
	const thisSchool = schoolFilter(which);
	const schoolId = db.select({ id: schools.id }).from(schools).where(thisSchool);
	const organisationId = db.select({ id: schools.organisationId }).from(schools).where(thisSchool);
	const staffIds = db
		.select({ id: availabilityBlocks.staffId })
		.from(availabilityBlocks)
		.where(inArray(availabilityBlocks.schoolId, schoolId));
	// Instants of the range's first and last day, with a day's margin for the time zone.
	const fromInstant = (wallClockToInstant(range.from, '00:00') ?? 0) - 86_400_000;
	const toInstant = (wallClockToInstant(addDays(range.to, 1), '00:00') ?? 0) + 86_400_000;

	return [
		db
			.select({
				id: schools.id,
				organisationId: schools.organisationId,
				slug: schools.slug,
				name: schools.name
			})
			.from(schools)
			.where(thisSchool)
			.orderBy(asc(schools.name)),
		db
			.select({
				id: staff.id,
				name: staff.name,
				role: staff.role,
				photoUrl: staff.photoUrl,
				schoolId: staffSchools.schoolId
			})
			.from(staffSchools)
			.innerJoin(staff, eq(staff.id, staffSchools.staffId))
			.where(and(inArray(staffSchools.schoolId, schoolId), eq(staff.active, true)))
			.orderBy(asc(staffSchools.sortOrder), asc(staff.name)),
		db
			.select()
			.from(availabilityBlocks)
			.where(
				and(
					inArray(availabilityBlocks.schoolId, schoolId),
					lte(availabilityBlocks.validFrom, range.to),
					or(isNull(availabilityBlocks.validUntil), gte(availabilityBlocks.validUntil, range.from))
				)
			),
		db
			.select()
			.from(availabilityExceptions)
			.where(
				and(
					inArray(availabilityExceptions.staffId, staffIds),
					gte(availabilityExceptions.date, range.from),
					lte(availabilityExceptions.date, range.to)
				)
			),
		db
			.select({
				schoolId: closures.schoolId,
				startDate: closures.startDate,
				endDate: closures.endDate
			})
			.from(closures)
			.where(
				and(
					inArray(closures.organisationId, organisationId),
					or(isNull(closures.schoolId), inArray(closures.schoolId, schoolId)),
					lte(closures.startDate, range.to),
					gte(closures.endDate, range.from)
				)
			),
		db
			.select({ id: locations.id, name: locations.name })
			.from(locations)
			.where(inArray(locations.organisationId, organisationId)),
		db
			.select({ staffId: bookings.staffId, startsAt: bookings.startsAt, taken: count() })
			.from(bookings)
			.where(
				and(
					inArray(bookings.staffId, staffIds),
					gte(bookings.startsAt, fromInstant),
					lte(bookings.startsAt, toInstant),
					holdsPlace
				)
			)
			.groupBy(bookings.staffId, bookings.startsAt)
			.unionAll(
				// Held for a waiting-list offer (without `now`, every offer still marked as held).
				db
					.select({
						staffId: sql<number>`${waitlistEntries.offerStaffId}`,
						startsAt: sql<number>`${waitlistEntries.offerStartsAt}`,
						taken: count()
					})
					.from(waitlistEntries)
					.where(
						and(
							inArray(waitlistEntries.offerStaffId, staffIds),
							gte(waitlistEntries.offerStartsAt, fromInstant),
							lte(waitlistEntries.offerStartsAt, toInstant),
							eq(waitlistEntries.status, 'offered'),
							gt(waitlistEntries.holdUntil, range.now ?? 0)
						)
					)
					.groupBy(waitlistEntries.offerStaffId, waitlistEntries.offerStartsAt)
			)
	] as const;
}

/** The schedule from the rows of `scheduleQueries`; null when there is no such school. */
export function assembleSchedule(
	rows: ScheduleRows,
	range: { from: string; to: string; now?: number }
): Schedule | null {
	const [schoolRows, staffRows, blockRows, exceptionRows, closureRows, locationRows, taken] = rows;
	const school = schoolRows[0];
	if (!school) return null;
	// A slot may have two rows: its bookings and the offers holding it.
	const takenBy = new Map<string, number>();
	for (const t of taken) {
		const key = `${t.staffId}@${t.startsAt}`;
		takenBy.set(key, (takenBy.get(key) ?? 0) + t.taken);
	}
	const locationName = new Map(locationRows.map((l) => [l.id, l.name]));
	const slots = slotsForRange({
		blocks: blockRows,
		exceptions: exceptionRows,
		closures: closureRows,
		from: range.from,
		to: range.to,
		schoolId: school.id,
		now: range.now
	}).map((slot) => ({
		...slot,
		remaining: Math.max(0, slot.capacity - (takenBy.get(`${slot.staffId}@${slot.startsAt}`) ?? 0)),
		locationName: locationName.get(slot.locationId) ?? ''
	}));
	return { school, staff: staffRows.map(({ schoolId: _, ...person }) => person), slots };
}

/**
 * Who works at which of the schools (has weekly hours there, in any period): with several schools
 * in one read, the exceptions and bookings of a school's schedule are those of its own people, as
 * when the school is read alone.
 */
export function scheduleStaffQuery(db: Db, which: SQLWrapper) {
	return db
		.selectDistinct({ staffId: availabilityBlocks.staffId, schoolId: availabilityBlocks.schoolId })
		.from(availabilityBlocks)
		.where(
			inArray(
				availabilityBlocks.schoolId,
				db.select({ id: schools.id }).from(schools).where(schoolFilter(which))
			)
		);
}

/**
 * One schedule per school, in name order, from `scheduleQueries` asked for several schools at once
 * (a subquery that gives their ids) and `scheduleStaffQuery`: each school's rows go to
 * `assembleSchedule` as if the school were read alone.
 */
export function assembleSchedules(
	rows: ScheduleRows,
	working: { staffId: number; schoolId: number }[],
	range: { from: string; to: string }
): Schedule[] {
	const [schoolRows, staffRows, blockRows, exceptionRows, closureRows, locationRows, taken] = rows;
	return schoolRows.map((school) => {
		const people = new Set(working.filter((w) => w.schoolId === school.id).map((w) => w.staffId));
		// Never null: the school's own row is given.
		return assembleSchedule(
			[
				[school],
				staffRows.filter((p) => p.schoolId === school.id),
				blockRows.filter((b) => b.schoolId === school.id),
				exceptionRows.filter((e) => people.has(e.staffId)),
				closureRows.filter((c) => c.schoolId === null || c.schoolId === school.id),
				locationRows,
				taken.filter((t) => people.has(t.staffId))
			],
			range
		)!;
	});
}

/** The dates a parent can book in from `now`: today until the longest horizon of the school. */
export function bookingWindow(now: number, horizonDays = 28): { from: string; to: string } {
	const today = amsterdamDate(now);
	return { from: today, to: addDays(today, horizonDays) };
}

/** A free slot as the API shows it. */
export function slotView(slot: FreeSlot) {
	return {
		staffId: slot.staffId,
		start: toAmsterdamIso(slot.startsAt),
		end: toAmsterdamIso(slot.endsAt),
		location: slot.locationName,
		remaining: slot.remaining
	};
}

/**
 * Where a parent is in the booking steps, from the step query (?staff=…&day=…&start=…) over the
 * school's free slots: who (when several can be booked), day, time, details. The phone's booking
 * pages and the kiosk's both use it.
 */
export function bookingSteps(schedule: Schedule, query: URLSearchParams) {
	const staff = schedule.staff.filter((p) => schedule.slots.some((s) => s.staffId === p.id));
	const asked = Number(query.get('staff'));
	const person = staff.find((p) => p.id === asked) ?? (staff.length === 1 ? staff[0] : null);
	const free = schedule.slots.filter((s) => s.remaining > 0 && s.staffId === person?.id);
	const days = [...new Set(free.map((s) => s.date))].map((date) => ({
		date,
		count: free.filter((s) => s.date === date).length
	}));
	const day = days.find((d) => d.date === query.get('day'))?.date ?? null;
	const times = day ? free.filter((s) => s.date === day).map(slotView) : [];
	const start = query.get('start');
	const chosen = times.find((s) => s.start === start) ?? null;
	return {
		staff,
		person,
		days,
		day,
		times,
		chosen,
		startGone: Boolean(start && !chosen),
		step: (!person ? 'who' : !day ? 'day' : !chosen ? 'time' : 'details') as
			'who' | 'day' | 'time' | 'details'
	};
}
