import { asc, desc, eq, inArray } from 'drizzle-orm';
import { schools } from '../../../../../lib/server/db/schema.ts';
import { visibleSchoolIds } from '../../../../../lib/server/access/index.ts';
import {
	assembleSchedule,
	bookingWindow,
	scheduleQueries,
	slotView,
	type ScheduleRows
} from '../../../../../lib/server/bookings/schedule.ts';
import type { PageReader } from '../../../../../lib/server/staff/workspace.ts';

/**
 * Book for a parent who phoned: the free times of one of the person's schools (`?school=`, else
 * the first by name), the parents' notice period included. Null when the person has no school.
 */
export const reader = ((db, who, url, now) => {
	const asked = url.searchParams.get('school') ?? '';
	const school = db
		.select({ id: schools.id })
		.from(schools)
		.where(inArray(schools.id, visibleSchoolIds(db, who)))
		.orderBy(desc(eq(schools.slug, asked)), asc(schools.name), asc(schools.id))
		.limit(1);
	const range = bookingWindow(now, 42);
	const queries = scheduleQueries(db, school, range);
	return {
		queries,
		assemble: (rows) => {
			const schedule = assembleSchedule(rows as ScheduleRows, range);
			if (!schedule) return null;
			const { id, slug, name } = schedule.school;
			const times = schedule.slots
				.filter((s) => s.bookable && s.remaining > 0 && s.startsAt > now)
				.map((s) => ({
					...slotView(s),
					staffName: schedule.staff.find((p) => p.id === s.staffId)?.name ?? ''
				}));
			return { school: { id, slug, name }, times };
		}
	};
}) satisfies PageReader<unknown>;
