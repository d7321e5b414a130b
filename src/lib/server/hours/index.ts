/**
 * A professional's hours: weekly blocks with their rules, and exceptions (a day off, changed
 * times, an extra block). A change that would leave booked parents without a slot ("stranded")
 * is reported before it is saved, so the person can cancel-and-notify them or keep them.
 */
import { and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
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
	users
} from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { isSelf, type Viewer } from '../access/index.ts';
import { slotsForRange } from '../scheduling/engine.ts';
import type { AvailabilityException, WeeklyBlock } from '../scheduling/types.ts';
import { addDays, amsterdamDate } from '../scheduling/time.ts';

export const PREVIEW_DAYS = 28;

/** The professional whose hours this person may manage: their own; an admin anyone of the organisation. */
export async function manageableStaff(db: Db, user: SessionUser, asked?: number) {
	const [row] = await manageableStaffQuery(db, user, asked);
	return row ?? null;
}

/**
 * The same as a query: the person's own staff record, or (for a coordinator who asks for one) that
 * professional's, within the person's organisation.
 */
function manageableStaffQuery(db: Db, who: Viewer, asked: number | undefined) {
	return db
		.select({ id: staff.id, name: staff.name, organisationId: staff.organisationId })
		.from(staff)
		.innerJoin(users, and(isSelf(users.id, who), eq(users.organisationId, staff.organisationId)))
		.where(
			eq(
				staff.id,
				asked
					? sql`(CASE WHEN ${users.role} = 'admin' THEN ${asked} ELSE ${users.staffId} END)`
					: users.staffId
			)
		);
}

/** One column of that professional's record, as a subquery. */
function manageable(
	db: Db,
	who: Viewer,
	asked: number | undefined,
	column: 'id' | 'organisationId'
) {
	const found = manageableStaffQuery(db, who, asked).as('manageable');
	return db.select({ id: found[column] }).from(found);
}

/**
 * Everything the hours page shows, from today on, for the professional the person may manage
 * (`?staff=` for a coordinator): who it is (nothing when nobody), then their hours.
 */
export function hoursQueries(db: Db, who: Viewer, asked: number | undefined, now: number) {
	const today = amsterdamDate(now);
	const ids = manageable(db, who, asked, 'id');
	const organisation = manageable(db, who, asked, 'organisationId');
	return [
		manageableStaffQuery(db, who, asked),
		db
			.select()
			.from(availabilityBlocks)
			.where(
				and(
					inArray(availabilityBlocks.staffId, ids),
					or(isNull(availabilityBlocks.validUntil), gte(availabilityBlocks.validUntil, today))
				)
			)
			.orderBy(asc(availabilityBlocks.weekday), asc(availabilityBlocks.startTime)),
		db
			.select()
			.from(availabilityExceptions)
			.where(
				and(inArray(availabilityExceptions.staffId, ids), gte(availabilityExceptions.date, today))
			)
			.orderBy(asc(availabilityExceptions.date)),
		db
			.select({ id: locations.id, name: locations.name, schoolId: locations.schoolId })
			.from(locations)
			.where(inArray(locations.organisationId, organisation))
			.orderBy(asc(locations.name)),
		db
			.select({ id: schools.id, name: schools.name, slug: schools.slug })
			.from(staffSchools)
			.innerJoin(schools, eq(schools.id, staffSchools.schoolId))
			.where(inArray(staffSchools.staffId, ids))
			.orderBy(asc(schools.name)),
		db
			.select({
				schoolId: closures.schoolId,
				startDate: closures.startDate,
				endDate: closures.endDate
			})
			.from(closures)
			.where(and(inArray(closures.organisationId, organisation), gte(closures.endDate, today)))
	] as const;
}

/** The professional (null when the person may not manage anyone here) and their hours. */
export function assembleHours(
	[[person], blocks, exceptions, places, schoolRows, closureRows]: BatchResponse<
		ReturnType<typeof hoursQueries>
	>,
	now: number
) {
	const hours = {
		today: amsterdamDate(now),
		blocks,
		exceptions,
		places,
		schools: schoolRows,
		closures: closureRows
	};
	return { person: person ?? null, hours };
}

export type Hours = ReturnType<typeof assembleHours>['hours'];

/** The slots of the next four weeks that the hours give (all of them, bookable or walk-in). */
export function preview(hours: Pick<Hours, 'blocks' | 'exceptions' | 'closures' | 'today'>) {
	return slotsForRange({
		blocks: hours.blocks,
		exceptions: hours.exceptions,
		closures: hours.closures,
		from: hours.today,
		to: addDays(hours.today, PREVIEW_DAYS)
	});
}

/**
 * Whether an extra hour would clash with the person's other hours that day. A clash is not an
 * error in the engine (the earlier hours win, the rest is hidden), but a professional who adds a
 * walk-in hour that then never opens would not know why: the form refuses it instead.
 */
export function clashesWithOwnHours(
	hours: Pick<Hours, 'blocks' | 'exceptions' | 'closures'>,
	extra: AvailabilityException
): boolean {
	const day = (exceptions: AvailabilityException[], blocks: WeeklyBlock[]) =>
		slotsForRange({
			blocks,
			exceptions,
			closures: hours.closures,
			from: extra.date,
			to: extra.date
		}).length;
	const before = day(hours.exceptions, hours.blocks);
	const after = day([...hours.exceptions, extra], hours.blocks);
	// What the extra hour gives on its own, on a day off too (that hides it, but is no clash).
	const off = hours.exceptions.filter((e) => e.kind === 'off');
	return after - before < day([...off, extra], []);
}

/**
 * The coming bookings of the professional that would have no slot any more with the given blocks
 * and exceptions: what a change would strand.
 */
export async function strandedBy(
	db: Db,
	staffId: number,
	proposed: {
		blocks: WeeklyBlock[];
		exceptions: AvailabilityException[];
		closures: Hours['closures'];
	},
	now: number
) {
	const coming = await db
		.select({ id: bookings.id, startsAt: bookings.startsAt, firstName: bookings.firstName })
		.from(bookings)
		.where(
			and(
				eq(bookings.staffId, staffId),
				eq(bookings.status, 'booked'),
				sql`${bookings.startsAt} > ${now}`
			)
		)
		.orderBy(asc(bookings.startsAt));
	if (coming.length === 0) return [];
	const last = amsterdamDate(coming[coming.length - 1].startsAt);
	const starts = new Set(
		slotsForRange({
			blocks: proposed.blocks,
			exceptions: proposed.exceptions,
			closures: proposed.closures,
			from: amsterdamDate(now),
			to: last
		})
			.filter((s) => s.staffId === staffId)
			.map((s) => s.startsAt)
	);
	return coming.filter((b) => !starts.has(b.startsAt));
}

export type BlockInput = Omit<
	typeof availabilityBlocks.$inferInsert,
	'id' | 'staffId' | 'createdAt'
>;
export type ExceptionInput = Omit<
	typeof availabilityExceptions.$inferInsert,
	'id' | 'staffId' | 'createdAt'
>;

export async function addBlock(db: Db, staffId: number, input: BlockInput) {
	await db.insert(availabilityBlocks).values({ ...input, staffId });
}

/** Ends a weekly block from today: it stays in the past, it makes no more slots. */
export async function endBlock(db: Db, staffId: number, blockId: number, today: string) {
	const yesterday = addDays(today, -1);
	const [block] = await db
		.select()
		.from(availabilityBlocks)
		.where(and(eq(availabilityBlocks.id, blockId), eq(availabilityBlocks.staffId, staffId)));
	if (!block) return false;
	if (block.validFrom > yesterday) {
		await db.delete(availabilityBlocks).where(eq(availabilityBlocks.id, blockId));
	} else {
		await db
			.update(availabilityBlocks)
			.set({ validUntil: yesterday })
			.where(eq(availabilityBlocks.id, blockId));
	}
	return true;
}

export async function addException(db: Db, staffId: number, input: ExceptionInput) {
	await db.insert(availabilityExceptions).values({ ...input, staffId });
}

export async function removeException(db: Db, staffId: number, exceptionId: number) {
	const result = await db
		.delete(availabilityExceptions)
		.where(
			and(eq(availabilityExceptions.id, exceptionId), eq(availabilityExceptions.staffId, staffId))
		);
	return result.meta.changes === 1;
}
