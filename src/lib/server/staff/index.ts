/**
 * What a signed-in professional or coordinator may see and do. Every query is scoped here, in the
 * service: staff see the schools they work at, an admin the schools of their organisation.
 */
import {
	and,
	asc,
	eq,
	exists,
	gte,
	inArray,
	lt,
	or,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BatchResponse } from 'drizzle-orm/batch';
import { isIn, renamed, type Db } from '../db/index.ts';
import {
	auditLog,
	bookings,
	locations,
	questions,
	schools,
	staff,
	staffSchools,
	users
} from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { logAccess } from '../audit/index.ts';
import {
	assembleSchedules,
	scheduleQueries,
	scheduleStaffQuery,
	type Schedule
} from '../bookings/schedule.ts';
import { addDays, wallClockToInstant } from '../scheduling/time.ts';

/**
 * Who is asking: the signed-in person, or (for reads in one batch with the session, before the
 * person is known) a subquery that gives their user id (`signedInUserId`).
 */
export type Viewer = SessionUser | SQLWrapper;

const isPerson = (who: Viewer): who is SessionUser => 'secondFactor' in who;

/** The person's user id, or the subquery that gives it. */
export const userIdOf = (who: Viewer): number | SQLWrapper => (isPerson(who) ? who.id : who);

/** The person's own rows, by a column that holds a user id. */
export function isSelf(column: SQLiteColumn, who: Viewer) {
	return isIn(column, userIdOf(who));
}

/** The person's own staff record, by a column that holds a staff id (nothing for a person without one). */
export function isOwnStaff(db: Db, column: SQLiteColumn, who: Viewer) {
	return isPerson(who)
		? eq(column, who.staffId ?? -1)
		: inArray(column, db.select({ id: users.staffId }).from(users).where(inArray(users.id, who)));
}

const admins = (db: Db, who: SQLWrapper) =>
	db
		.select({ organisationId: users.organisationId })
		.from(users)
		.where(and(inArray(users.id, who), eq(users.role, 'admin')));

/** Whether the person is a coordinator, as a condition. */
export function isAdmin(db: Db, who: Viewer): SQL {
	return isPerson(who) ? sql`${who.role === 'admin' ? 1 : 0}` : exists(admins(db, who));
}

/**
 * A coordinator's own organisation, by a column that holds an organisation id: nothing for anyone
 * else, so an admin page's reads give nothing to a professional even before the role is known.
 */
export function isOwnOrganisation(db: Db, column: SQLiteColumn, who: Viewer) {
	return isPerson(who)
		? eq(column, who.role === 'admin' ? who.organisationId : -1)
		: inArray(column, admins(db, who));
}

/** The ids of the schools a person may see, as a subquery. */
export function visibleSchoolIds(db: Db, who: Viewer) {
	if (!isPerson(who)) {
		// The same rule in SQL, for a person known only by a subquery.
		return db
			.select({ id: schools.id })
			.from(users)
			.innerJoin(schools, eq(schools.organisationId, users.organisationId))
			.where(
				and(
					inArray(users.id, who),
					or(
						eq(users.role, 'admin'),
						inArray(
							schools.id,
							db
								.select({ id: staffSchools.schoolId })
								.from(staffSchools)
								.where(eq(staffSchools.staffId, users.staffId))
						)
					)
				)
			);
	}
	return who.role === 'admin'
		? db
				.select({ id: schools.id })
				.from(schools)
				.where(eq(schools.organisationId, who.organisationId))
		: db
				.select({ id: staffSchools.schoolId })
				.from(staffSchools)
				.where(eq(staffSchools.staffId, who.staffId ?? -1));
}

export async function schoolsOf(db: Db, user: SessionUser) {
	return schoolsQuery(db, user);
}

export function schoolsQuery(db: Db, who: Viewer) {
	return db
		.select({ id: schools.id, slug: schools.slug, name: schools.name })
		.from(schools)
		.where(inArray(schools.id, visibleSchoolIds(db, who)))
		.orderBy(asc(schools.name));
}

const bookingColumns = {
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
	schoolName: renamed<string>(schools.name, 'school_name'),
	staffId: bookings.staffId,
	staffName: renamed<string>(staff.name, 'staff_name'),
	locationName: renamed<string | null>(locations.name, 'location_name')
};

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
	return db
		.select(bookingColumns)
		.from(bookings)
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.innerJoin(staff, eq(staff.id, bookings.staffId))
		.leftJoin(locations, eq(locations.id, bookings.locationId))
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
	return db
		.select({ ...bookingColumns, phone: bookings.phone, email: bookings.email })
		.from(bookings)
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.innerJoin(staff, eq(staff.id, bookings.staffId))
		.leftJoin(locations, eq(locations.id, bookings.locationId))
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
		db
			.select({
				...bookingColumns,
				phone: bookings.phone,
				email: bookings.email,
				remark: bookings.remark,
				cancelReason: bookings.cancelReason,
				createdAt: bookings.createdAt
			})
			.from(bookings)
			.innerJoin(schools, eq(schools.id, bookings.schoolId))
			.innerJoin(staff, eq(staff.id, bookings.staffId))
			.leftJoin(locations, eq(locations.id, bookings.locationId))
			.where(and(eq(bookings.id, id), inArray(bookings.schoolId, visibleSchoolIds(db, who)))),
		loggedRead(db, who, 'booking', id, now)
	] as const;
}

/**
 * "This person opened this record", as one statement that writes the audit entry only when the
 * person may see the record (so it can go in a batch with the reads, before anyone knows whether
 * the record is there): the same rule as the page's own read.
 */
export function loggedRead(
	db: Db,
	who: Viewer,
	entity: 'booking' | 'question',
	id: number,
	now: number
) {
	const record = entity === 'booking' ? bookings : questions;
	return db.insert(auditLog).select(
		db
			.select({
				id: sql<number>`null`.as('id'),
				at: sql<number>`${now}`.as('at'),
				userId: users.id,
				// As a session gives the person's name: their staff name, else their e-mail address.
				actorName: sql<string>`coalesce(${staff.name}, ${users.email})`.as('actor_name'),
				action: sql<'read'>`'read'`.as('action'),
				entity: sql<typeof entity>`${entity}`.as('entity'),
				entityId: record.id,
				schoolId: record.schoolId,
				detail: sql<null>`null`.as('detail')
			})
			.from(record)
			.innerJoin(users, isSelf(users.id, who))
			.leftJoin(staff, eq(staff.id, users.staffId))
			.where(and(eq(record.id, id), inArray(record.schoolId, visibleSchoolIds(db, who))))
	);
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

/** Cancels a coming booking with a reason the parent will see. */
export async function cancelByStaff(
	db: Db,
	user: SessionUser,
	id: number,
	reason: string,
	now: number
): Promise<boolean> {
	const result = await db
		.update(bookings)
		.set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
		.where(
			and(
				eq(bookings.id, id),
				eq(bookings.status, 'booked'),
				inArray(bookings.schoolId, visibleSchoolIds(db, user))
			)
		);
	if (result.meta.changes !== 1) return false;
	await logAccess(db, user, {
		action: 'update',
		entity: 'booking',
		entityId: id,
		schoolId: null,
		detail: 'cancelled',
		now
	});
	return true;
}

/** How many questions wait for a first look at the person's schools. */
export async function newQuestionCount(db: Db, user: SessionUser): Promise<number> {
	const [row] = await newQuestionCountQuery(db, user);
	return row?.n ?? 0;
}

function newQuestionCountQuery(db: Db, user: Viewer) {
	return db
		.select({ n: sql<number>`count(*)` })
		.from(questions)
		.where(
			and(eq(questions.status, 'new'), inArray(questions.schoolId, visibleSchoolIds(db, user)))
		);
}

/**
 * The Today page's reads, for one D1 batch: the day's appointments, the new questions waiting and
 * the walk-in hours of the person's schools (one schedule read for all of them). `assembleToday`
 * turns their rows into the page.
 */
export function todayQueries(db: Db, who: Viewer, date: string) {
	const range = {
		from: wallClockToInstant(date, '00:00')!,
		to: wallClockToInstant(addDays(date, 1), '00:00')!
	};
	const visible = visibleSchoolIds(db, who);
	return [
		bookingsQuery(db, who, range),
		newQuestionCountQuery(db, who),
		scheduleStaffQuery(db, visible),
		...scheduleQueries(db, visible, { from: date, to: date })
	] as const;
}

export type TodayRows = BatchResponse<ReturnType<typeof todayQueries>>;

export function assembleToday(rows: TodayRows, date: string) {
	const [bookingRows, countRows, working, ...scheduleRows] = rows;
	return {
		date,
		bookings: bookingRows,
		questions: countRows[0]?.n ?? 0,
		walkIns: walkInLines(assembleSchedules(scheduleRows, working, { from: date, to: date }))
	};
}

export type Today = ReturnType<typeof assembleToday>;

/**
 * The walk-in hours of one day (from the same engine as the slots, so exceptions and holidays
 * count): one line per professional, school and block with walk-in slots in the schedules.
 */
function walkInLines(schedules: Schedule[]) {
	return schedules.flatMap((schedule) => {
		const walkIn = schedule.slots.filter((s) => s.walkIn);
		const groups = new Map<string, typeof walkIn>();
		for (const slot of walkIn) {
			const key = `${slot.staffId}:${slot.blockId}:${slot.locationId}`;
			groups.set(key, [...(groups.get(key) ?? []), slot]);
		}
		return [...groups.values()].map((slots) => ({
			school: schedule.school.name,
			staff: schedule.staff.find((p) => p.id === slots[0].staffId)?.name ?? '',
			location: slots[0].locationName,
			start: slots[0].start,
			end: slots[slots.length - 1].end
		}));
	});
}
