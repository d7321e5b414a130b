/**
 * Parent meetings as the wijkteam runs them: plan (one-off or repeating), change, cancel (and
 * tell everyone who signed up), the door list with who came, and the parents' theme suggestions.
 * Every read and write is scoped by the access rules: staff their schools, a coordinator the
 * organisation's.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { renamed, type Db } from '../db/index.ts';
import {
	meetingSchools,
	meetingSignups,
	meetings,
	meetingSuggestions,
	schools,
	staff,
	staffSchools
} from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { visibleSchoolIds, type Viewer } from '../access/index.ts';
import { randomToken } from '../crypto.ts';
import { wallClockToInstant } from '../scheduling/time.ts';
import type { MeetingForm } from '../../validation/meetings.ts';
import {
	meetingFields,
	meetingsForSchools,
	outerMeeting,
	signupColumns,
	takenPlaces
} from './index.ts';
import { occurrenceDates } from './occurrences.ts';

/** A meeting for any of the person's schools: they see it, its door list, and mark who came. */
const visible = (db: Db, who: Viewer) =>
	inArray(meetings.id, meetingsForSchools(db, visibleSchoolIds(db, who)));

/** A meeting at one of the person's schools (where it takes place): they may change or cancel it. */
const atOwnSchool = (db: Db, who: Viewer) => inArray(meetings.schoolId, visibleSchoolIds(db, who));

/** The names of every school a meeting is for, its own first ("De Zuidwester, De Regenboog"). */
const schoolNames = sql<string>`(SELECT group_concat(name, ', ') FROM (SELECT s.name AS name
	FROM meeting_schools ms JOIN schools s ON s.id = ms.school_id WHERE ms.meeting_id = ${outerMeeting.id}
	ORDER BY s.id = ${outerMeeting.schoolId} DESC, s.name))`;

/** The meetings of the person's schools from `from` on (upcoming first), with places taken. */
export function staffMeetingsQuery(db: Db, who: Viewer, from: number) {
	return db
		.select({
			id: meetings.id,
			title: meetings.title,
			startsAt: meetings.startsAt,
			endsAt: meetings.endsAt,
			place: meetings.place,
			capacity: meetings.capacity,
			status: meetings.status,
			repeat: meetings.repeat,
			seriesKey: meetings.seriesKey,
			schoolName: schoolNames.as('school_names'),
			taken: takenPlaces.as('taken')
		})
		.from(meetings)
		.where(and(visible(db, who), gte(meetings.endsAt, from)))
		.orderBy(asc(meetings.startsAt))
		.limit(200);
}

/** Parents' suggestions per school and theme (counts only: they are anonymous), most asked first. */
export function suggestionCountsQuery(db: Db, who: Viewer) {
	return db
		.select({
			schoolId: meetingSuggestions.schoolId,
			schoolName: schools.name,
			theme: meetingSuggestions.theme,
			count: count(),
			lastAt: sql<number>`max(${meetingSuggestions.createdAt})`
		})
		.from(meetingSuggestions)
		.innerJoin(schools, eq(schools.id, meetingSuggestions.schoolId))
		.where(inArray(meetingSuggestions.schoolId, visibleSchoolIds(db, who)))
		.groupBy(meetingSuggestions.schoolId, meetingSuggestions.theme)
		.orderBy(desc(count()), asc(schools.name));
}

/** The lines parents wrote with a theme (anonymous), newest first, for one school and theme. */
export function suggestionLinesQuery(db: Db, who: Viewer) {
	return db
		.select({
			schoolId: meetingSuggestions.schoolId,
			theme: meetingSuggestions.theme,
			text: meetingSuggestions.text
		})
		.from(meetingSuggestions)
		.where(
			and(
				inArray(meetingSuggestions.schoolId, visibleSchoolIds(db, who)),
				sql`${meetingSuggestions.text} IS NOT NULL`
			)
		)
		.orderBy(desc(meetingSuggestions.createdAt))
		.limit(50);
}

/** One meeting of the person's schools, everything the edit form shows; null when not theirs. */
export function staffMeetingQuery(db: Db, who: Viewer, id: number) {
	return db
		.select({
			id: meetings.id,
			schoolId: meetings.schoolId,
			schoolName: renamed<string>(schools.name, 'school_name'),
			/** Every school it is for (JSON list of ids), its own among them. */
			schoolIds: sql<string>`(SELECT json_group_array(school_id) FROM meeting_schools
				WHERE meeting_id = ${outerMeeting.id})`.as('school_ids'),
			schoolNames: schoolNames.as('school_names'),
			mayChange: sql<boolean>`${atOwnSchool(db, who)}`.mapWith(Boolean).as('may_change'),
			seriesKey: meetings.seriesKey,
			repeat: meetings.repeat,
			...meetingFields,
			hostStaffId: meetings.hostStaffId,
			taken: takenPlaces.as('taken')
		})
		.from(meetings)
		.innerJoin(schools, eq(schools.id, meetings.schoolId))
		.where(and(eq(meetings.id, id), visible(db, who)));
}

/** The door list: who signed up (first name, people, language, status), in sign-up order. */
export function signupsQuery(db: Db, who: Viewer, meetingId: number) {
	return db
		.select({ ...signupColumns, madeBy: meetingSignups.madeBy })
		.from(meetingSignups)
		.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
		.where(and(eq(meetingSignups.meetingId, meetingId), visible(db, who)))
		.orderBy(asc(meetingSignups.createdAt), asc(meetingSignups.id));
}

/** Professionals of the person's schools, who may host a meeting. */
export function hostsQuery(db: Db, who: Viewer) {
	return db
		.selectDistinct({ id: staff.id, name: staff.name })
		.from(staff)
		.innerJoin(staffSchools, eq(staffSchools.staffId, staff.id))
		.where(and(inArray(staffSchools.schoolId, visibleSchoolIds(db, who)), eq(staff.active, true)))
		.orderBy(asc(staff.name));
}

export type MeetingResult =
	| { ok: true; ids: number[] }
	| {
			ok: false;
			code: 'meeting_not_found' | 'school_not_allowed' | 'host_not_allowed' | 'in_the_past';
	  };

/** The instants of a form's times on `date`; null where the wall clock has no such time (DST). */
function instantsOn(form: MeetingForm, date: string) {
	const startsAt = wallClockToInstant(date, form.startTime);
	const endsAt = wallClockToInstant(date, form.endTime);
	return startsAt === null || endsAt === null ? null : { startsAt, endsAt };
}

/**
 * Whether the person may plan at these schools with this host: every school one of theirs (staff
 * their own schools, a coordinator the organisation's) and of one organisation, the host one of
 * their professionals.
 */
async function checkPlace(db: Db, user: SessionUser, form: MeetingForm) {
	const [chosen, hosts] = await db.batch([
		db
			.select({ id: schools.id, organisationId: schools.organisationId })
			.from(schools)
			.where(
				and(inArray(schools.id, form.schoolIds), inArray(schools.id, visibleSchoolIds(db, user)))
			),
		hostsQuery(db, user)
	]);
	const own = chosen.find((school) => school.id === form.schoolId);
	if (
		!own ||
		chosen.length !== form.schoolIds.length ||
		chosen.some((school) => school.organisationId !== own.organisationId)
	) {
		return { ok: false as const, code: 'school_not_allowed' as const };
	}
	if (form.hostStaffId !== null && !hosts.some((h) => h.id === form.hostStaffId)) {
		return { ok: false as const, code: 'host_not_allowed' as const };
	}
	return { ok: true as const, organisationId: own.organisationId };
}

/** The schools a meeting is for besides its own, as JSON for `json_each`. */
const otherSchools = (form: MeetingForm) =>
	JSON.stringify(form.schoolIds.filter((id) => id !== form.schoolId));

/** Plans a meeting: one occurrence, or one per date of its repetition, in one batch. */
export async function createMeeting(
	db: Db,
	user: SessionUser,
	form: MeetingForm,
	now: number
): Promise<MeetingResult> {
	const place = await checkPlace(db, user, form);
	if (!place.ok) return place;
	const seriesKey = form.repeat === 'once' ? null : randomToken(12);
	const rows = occurrenceDates(form.date, form.repeat, form.until)
		.map((date) => instantsOn(form, date))
		.filter((t): t is { startsAt: number; endsAt: number } => t !== null && t.startsAt > now)
		.map((t) => ({
			organisationId: place.organisationId,
			schoolId: form.schoolId,
			seriesKey,
			repeat: form.repeat,
			title: form.title,
			text: form.text,
			theme: form.theme,
			...t,
			place: form.place,
			capacity: form.capacity,
			languages: form.languages,
			interpreter: form.interpreter,
			hostStaffId: form.hostStaffId,
			createdByUserId: user.id,
			createdAt: now
		}));
	if (rows.length === 0) return { ok: false, code: 'in_the_past' };
	// One batch, one transaction: the meetings (the trigger of migration 0017 adds their own
	// school) and their other schools. Ids only grow and nobody else writes inside the batch, so
	// the newest rows are these.
	const [inserted] = await db.batch([
		db.insert(meetings).values(rows).returning({ id: meetings.id }),
		db.insert(meetingSchools).select(
			sql`SELECT m.id, s.value FROM (SELECT id FROM meetings ORDER BY id DESC LIMIT ${rows.length}) m,
				json_each(${otherSchools(form)}) s`
		)
	]);
	return { ok: true, ids: inserted.map((r) => r.id) };
}

/**
 * Changes one meeting (`series`: and its later occurrences too, each keeping its own date). A
 * capacity below the people already signed up is refused by the caller's form check, not here:
 * places once given stay given.
 */
export async function updateMeeting(
	db: Db,
	user: SessionUser,
	id: number,
	form: MeetingForm,
	options: { now: number; series: boolean }
): Promise<MeetingResult> {
	const [current] = await staffMeetingQuery(db, user, id);
	if (!current || !current.mayChange || current.status !== 'planned') {
		return { ok: false, code: 'meeting_not_found' };
	}
	const place = await checkPlace(db, user, form);
	if (!place.ok) return place;
	const times = instantsOn(form, form.date);
	if (!times || times.startsAt <= options.now) return { ok: false, code: 'in_the_past' };
	const content = {
		title: form.title,
		text: form.text,
		theme: form.theme,
		place: form.place,
		capacity: Math.max(form.capacity, current.taken),
		languages: form.languages,
		interpreter: form.interpreter,
		hostStaffId: form.hostStaffId,
		updatedAt: options.now
	};
	const later =
		options.series && current.seriesKey
			? and(
					eq(meetings.seriesKey, current.seriesKey),
					sql`${meetings.startsAt} > ${current.startsAt}`,
					eq(meetings.status, 'planned'),
					atOwnSchool(db, user)
				)
			: undefined;
	const changed = db
		.select({ id: meetings.id })
		.from(meetings)
		.where(later ? or(eq(meetings.id, id), later) : eq(meetings.id, id));
	await db.batch([
		db
			.update(meetings)
			.set({ ...content, ...times })
			.where(eq(meetings.id, id)),
		...(later ? [db.update(meetings).set(content).where(later)] : []),
		// The schools it is for: the person's own as the form says; others' schools stay.
		db
			.delete(meetingSchools)
			.where(
				and(
					inArray(meetingSchools.meetingId, changed),
					inArray(meetingSchools.schoolId, visibleSchoolIds(db, user)),
					sql`${meetingSchools.schoolId} <> (SELECT school_id FROM meetings WHERE id = ${meetingSchools.meetingId})`
				)
			),
		db
			.insert(meetingSchools)
			.select(
				sql`SELECT m.id, s.value FROM meetings m, json_each(${otherSchools(form)}) s
					WHERE m.id IN ${changed}`
			)
			.onConflictDoNothing()
	]);
	return { ok: true, ids: [id] };
}

/**
 * Cancels a meeting (`series`: and its later occurrences). Answers the ids of the sign-ups that
 * stood, so the caller tells each parent (meetings/messages.ts).
 */
export async function cancelMeeting(
	db: Db,
	user: SessionUser,
	id: number,
	options: { now: number; series: boolean }
): Promise<{ ok: true; signupIds: number[] } | { ok: false; code: 'meeting_not_found' }> {
	const [current] = await staffMeetingQuery(db, user, id);
	if (!current || !current.mayChange || current.status !== 'planned') {
		return { ok: false, code: 'meeting_not_found' };
	}
	const which =
		options.series && current.seriesKey
			? and(
					eq(meetings.seriesKey, current.seriesKey),
					gte(meetings.startsAt, current.startsAt),
					eq(meetings.status, 'planned'),
					visible(db, user)
				)
			: eq(meetings.id, id);
	const ids = db.select({ id: meetings.id }).from(meetings).where(which);
	const [standing] = await db.batch([
		db
			.select({ id: meetingSignups.id })
			.from(meetingSignups)
			.where(
				and(
					inArray(meetingSignups.meetingId, ids),
					inArray(meetingSignups.status, ['signed_up', 'attended'])
				)
			),
		db
			.update(meetings)
			.set({ status: 'cancelled', cancelledAt: options.now, updatedAt: options.now })
			.where(inArray(meetings.id, ids))
	]);
	return { ok: true, signupIds: standing.map((s) => s.id) };
}

/** Marks whether a parent came (at the door): `attended` or back to signed up. */
export async function markAttended(
	db: Db,
	user: SessionUser,
	signupId: number,
	came: boolean,
	now: number
): Promise<boolean> {
	const result = await db
		.update(meetingSignups)
		.set({ status: came ? 'attended' : 'signed_up', updatedAt: now })
		.where(
			and(
				eq(meetingSignups.id, signupId),
				inArray(meetingSignups.status, ['signed_up', 'attended']),
				isNull(meetingSignups.waitingSince),
				inArray(
					meetingSignups.meetingId,
					db.select({ id: meetings.id }).from(meetings).where(visible(db, user))
				)
			)
		);
	return result.meta.changes === 1;
}
