import type { BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../../../../lib/server/db/index.ts';
import { dayOr } from '../../../../lib/validation/fields.ts';
import { addDays, amsterdamDate, dayInstants } from '../../../../lib/server/scheduling/time.ts';
import { visibleSchoolIds, type Viewer } from '../../../../lib/server/access/index.ts';
import {
	bookingsQuery,
	dayContactQueries,
	withDaysWork
} from '../../../../lib/server/bookings/staff.ts';
import { newQuestionCountQuery } from '../../../../lib/server/questions/index.ts';
import {
	assembleSchedules,
	scheduleQueries,
	scheduleStaffQuery,
	type Schedule
} from '../../../../lib/server/bookings/schedule.ts';
import type { PageReader } from '../../../../lib/server/staff/workspace.ts';

/** The day Today shows: the one asked for (`?date=`), if it exists; else today in Amsterdam. */
export function todayDate(asked: string | null, now: number): string {
	return dayOr(asked, amsterdamDate(now));
}

/** Today: the day's appointments, the new questions waiting, the walk-in hours. */
export const reader = ((db, who, url, now) => {
	const date = todayDate(url.searchParams.get('date'), now);
	return {
		queries: todayQueries(db, who, date, now),
		assemble: (rows) => ({
			...assembleToday(rows as TodayRows, date, now),
			// Another day than today: the heading and the texts do not say "today".
			isToday: date === amsterdamDate(now),
			previous: addDays(date, -1),
			next: addDays(date, 1)
		})
	};
}) satisfies PageReader<unknown>;

/**
 * The Today page's reads, for one D1 batch: the day's appointments, the parents' phone numbers of
 * today's (with their audit entries), the new questions waiting and the walk-in hours of the
 * person's schools (one schedule read for all of them). `assembleToday` turns their rows into the
 * page.
 */
export function todayQueries(db: Db, who: Viewer, date: string, now: number) {
	const visible = visibleSchoolIds(db, who);
	return [
		bookingsQuery(db, who, dayInstants(date)),
		...dayContactQueries(db, who, dayInstants(amsterdamDate(now)), now),
		newQuestionCountQuery(db, who),
		scheduleStaffQuery(db, visible),
		...scheduleQueries(db, visible, { from: date, to: date })
	] as const;
}

export type TodayRows = BatchResponse<ReturnType<typeof todayQueries>>;

export function assembleToday(rows: TodayRows, date: string, now: number) {
	const [bookingRows, contacts, , countRows, working, ...scheduleRows] = rows;
	return {
		date,
		bookings: withDaysWork(bookingRows, contacts, dayInstants(amsterdamDate(now))),
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
