/**
 * Parent meetings as parents meet them: the upcoming meetings of a school, signing up (one
 * conditional INSERT, so capacity holds under any race), the sign-up's manage link, cancelling,
 * and suggesting a theme. The school page, the kiosk and the API all come here.
 */
import { and, asc, eq, gt, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { renamed, type Db } from '../db/index.ts';
import { meetingSchools, meetingSignups, meetings, schools, staff } from '../db/schema.ts';
import { hmacToken, randomToken, sha256Hex, withNewReference } from '../crypto.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { SOURCE_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { SignupInput, SuggestionInput } from '../../validation/meetings.ts';
import { MEETING_PEOPLE, type MadeBy, type SignupStatus, type Topic } from '../../domain/lists.ts';

/** How many upcoming meetings a school page and the kiosk show. */
export const UPCOMING_SHOWN = 4;

/**
 * The meeting of the row, named in full inside a correlated subquery: drizzle writes a column of a
 * select over one table without its table (`"id"`), which inside the subquery would name the
 * subquery's own table.
 */
export const outerMeeting = {
	id: sql.raw('"meetings"."id"'),
	schoolId: sql.raw('"meetings"."school_id"')
};

/**
 * The people holding places at meeting `m` (a correlated SQL name or id): signed up or come, not
 * waiting. The one rule every count of places uses.
 */
const peopleHolding = (meeting: SQLWrapper | number) => sql`(SELECT coalesce(sum(held.people), 0)
	FROM meeting_signups held WHERE held.meeting_id = ${meeting}
	AND held.status IN ('signed_up', 'attended') AND held.waiting_since IS NULL)`;

/** People already signed up for the meeting in the row, inside the statement that reads it. */
export const takenPlaces = sql<number>`${peopleHolding(outerMeeting.id)}`;

/** What a meeting is, as the parents' pages and the staff form both show it. */
export const meetingFields = {
	title: meetings.title,
	text: meetings.text,
	theme: meetings.theme,
	startsAt: meetings.startsAt,
	endsAt: meetings.endsAt,
	place: meetings.place,
	capacity: meetings.capacity,
	languages: meetings.languages,
	interpreter: meetings.interpreter,
	status: meetings.status
};

const meetingColumns = {
	id: meetings.id,
	...meetingFields,
	hostName: renamed<string | null>(staff.name, 'host_name'),
	taken: takenPlaces.as('taken'),
	/** The school where it takes place (one meeting may be for several schools). */
	schoolSlug: schools.slug,
	schoolName: renamed<string>(schools.name, 'school_name')
};

export type MeetingRow = {
	id: number;
	title: Partial<Record<Language, string>>;
	text: Partial<Record<Language, string>>;
	theme: Topic | null;
	startsAt: number;
	endsAt: number;
	place: string;
	capacity: number;
	languages: string[];
	interpreter: boolean;
	status: string;
	hostName: string | null;
	taken: number;
	schoolSlug: string;
	schoolName: string;
};

/** The ids of the meetings for the schools (`school`: a subquery or list of ids). */
export const meetingsForSchools = (db: Db, school: SQLWrapper | number[]) =>
	db
		.select({ id: meetingSchools.meetingId })
		.from(meetingSchools)
		.where(inArray(meetingSchools.schoolId, school));

/**
 * The school's planned meetings still to come, soonest first, as one statement (for a page's
 * batch): `school` is a subquery or list of the school's id. A meeting for several schools is on
 * each one's list.
 */
export function upcomingMeetingsQuery(
	db: Db,
	school: SQLWrapper | number[],
	now: number,
	limit = UPCOMING_SHOWN,
	options: { nextOfEachSeries?: boolean } = {}
) {
	// A page shows a repeating meeting once, by its next date (the API lists every date).
	const nextOfSeries = sql`(${meetings.seriesKey} IS NULL OR ${meetings.startsAt} = (SELECT min(m2.starts_at)
		FROM meetings m2 WHERE m2.series_key = ${meetings.seriesKey} AND m2.status = 'planned'
		AND m2.starts_at > ${now}))`;
	return db
		.select(meetingColumns)
		.from(meetings)
		.innerJoin(schools, eq(schools.id, meetings.schoolId))
		.leftJoin(staff, eq(staff.id, meetings.hostStaffId))
		.where(
			and(
				inArray(meetings.id, meetingsForSchools(db, school)),
				eq(meetings.status, 'planned'),
				gt(meetings.startsAt, now),
				options.nextOfEachSeries ? nextOfSeries : undefined
			)
		)
		.orderBy(asc(meetings.startsAt))
		.limit(limit);
}

/** The school's id by its slug, as a subquery. */
export const schoolIdBySlug = (db: Db, slug: string) =>
	db.select({ id: schools.id }).from(schools).where(eq(schools.slug, slug));

/** A text in `lang` where it is written, else the Dutch one (always there). */
export function inLanguage(texts: Partial<Record<Language, string>>, lang: Language) {
	const own = texts[lang];
	return own
		? { text: own, lang }
		: { text: texts[SOURCE_LANGUAGE] ?? '', lang: SOURCE_LANGUAGE as Language };
}

export const remainingOf = (m: { capacity: number; taken: number }) =>
	Math.max(0, m.capacity - m.taken);

/** A meeting as the API shows it, in `lang` where written. */
export function meetingView(m: MeetingRow, lang: Language) {
	return {
		id: m.id,
		title: inLanguage(m.title, lang).text,
		text: inLanguage(m.text, lang).text,
		theme: m.theme,
		start: toAmsterdamIso(m.startsAt),
		end: toAmsterdamIso(m.endsAt),
		place: m.place,
		capacity: m.capacity,
		remaining: remainingOf(m),
		languages: m.languages,
		interpreter: m.interpreter,
		host: m.hostName,
		school: { slug: m.schoolSlug, name: m.schoolName }
	};
}

/** The upcoming meetings of the school with `slug`; null when there is no such school. */
export async function upcomingMeetings(db: Db, slug: string, now: number, limit = 20) {
	const [found, rows] = await db.batch([
		schoolIdBySlug(db, slug),
		upcomingMeetingsQuery(db, schoolIdBySlug(db, slug), now, limit)
	]);
	return found.length ? (rows as MeetingRow[]) : null;
}

/** Every school a meeting is for, as JSON `[{ slug, name }]` (in the statement that reads it). */
const schoolsOfMeeting = sql<string>`(SELECT json_group_array(json_object('slug', s.slug, 'name', s.name))
	FROM meeting_schools ms JOIN schools s ON s.id = ms.school_id WHERE ms.meeting_id = ${outerMeeting.id})`;

/**
 * One meeting with the school where it takes place and every school it is for, for the sign-up
 * page; null when unknown.
 */
export async function findMeeting(db: Db, id: number) {
	const [row] = await db
		.select({
			...meetingColumns,
			schoolId: meetings.schoolId,
			schools: schoolsOfMeeting.as('schools')
		})
		.from(meetings)
		.innerJoin(schools, eq(schools.id, meetings.schoolId))
		.leftJoin(staff, eq(staff.id, meetings.hostStaffId))
		.where(eq(meetings.id, id));
	if (!row) return null;
	return { ...row, schools: JSON.parse(row.schools) as { slug: string; name: string }[] };
}
export type FoundMeeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** A sign-up's manage token, made again from its link key (so a reminder can carry the link). */
export function signupToken(linkSecret: string, linkKey: string) {
	return hmacToken(linkSecret, `signup:${linkKey}`);
}

export type SignUpResult =
	| {
			ok: true;
			id: number;
			reference: string;
			manageToken: string;
			people: number;
			/** On the waiting list (the meeting was full), not signed up. */
			waiting: boolean;
	  }
	| { ok: false; code: 'meeting_not_found' | 'meeting_past' }
	| { ok: false; code: 'meeting_full'; remaining: number };

/**
 * Signs a parent up for a meeting. The places are taken by one conditional INSERT: it writes only
 * while the people already signed up plus these fit the capacity and the meeting is planned and
 * still to come, so parents racing for the last places never overfill it. With `waitIfFull`, the
 * same statement puts the parent on the waiting list when they do not fit: a place or the list,
 * never both and never neither.
 */
export async function signUp(
	db: Db,
	meetingId: number,
	input: SignupInput,
	options: {
		now: number;
		madeBy: MadeBy;
		linkSecret: string;
		schoolSlug?: string;
		waitIfFull?: boolean;
	}
): Promise<SignUpResult> {
	const linkKey = randomToken(16);
	const manageToken = await signupToken(options.linkSecret, linkKey);
	const tokenHash = await sha256Hex(manageToken);
	const people = input.people ?? 1;
	const fits = sql`${peopleHolding(sql`m.id`)} + ${people} <= m.capacity`;
	const made = await withNewReference((reference) =>
		db.all<{ id: number; waiting_since: number | null }>(sql`
			INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, link_key, first_name,
				people, phone, email, language, status, made_by, waiting_since, created_at)
			SELECT m.id, ${reference}, ${tokenHash}, ${linkKey}, ${input.firstName}, ${people},
				${input.phone ?? null}, ${input.email ?? null}, ${input.language}, 'signed_up',
				${options.madeBy}, CASE WHEN ${fits} THEN NULL ELSE ${options.now} END, ${options.now}
			FROM meetings m
			WHERE m.id = ${meetingId} AND m.status = 'planned' AND m.starts_at > ${options.now}
				AND (${options.schoolSlug ?? null} IS NULL OR EXISTS (SELECT 1 FROM meeting_schools ms
					JOIN schools s ON s.id = ms.school_id
					WHERE ms.meeting_id = m.id AND s.slug = ${options.schoolSlug ?? null}))
				AND (${options.waitIfFull ? 1 : 0} OR ${fits})
			RETURNING id, waiting_since`)
	);
	const row = made?.written[0];
	if (made && row) {
		const waiting = row.waiting_since !== null;
		return { ok: true, id: row.id, reference: made.reference, manageToken, people, waiting };
	}
	// Not written: say why, from the meeting as it is now.
	const meeting = await findMeeting(db, meetingId);
	if (!meeting || meeting.status !== 'planned') return { ok: false, code: 'meeting_not_found' };
	if (options.schoolSlug && !meeting.schools.some((s) => s.slug === options.schoolSlug)) {
		return { ok: false, code: 'meeting_not_found' };
	}
	if (meeting.startsAt <= options.now) return { ok: false, code: 'meeting_past' };
	return { ok: false, code: 'meeting_full', remaining: remainingOf(meeting) };
}

/**
 * Gives the first waiting parent who fits a place at the meeting, in one statement: their sign-up
 * leaves the waiting list only while their people fit the places free at that moment, so racing
 * cancellations and sign-ups never overfill it and nobody gets a place twice. Answers the sign-up
 * it moved (none when nobody waiting fits).
 */
export function promoteFirstWaiting(db: Db, meetingId: number, now: number) {
	const first = sql`(SELECT w.id FROM meeting_signups w JOIN meetings m ON m.id = w.meeting_id
		WHERE w.meeting_id = ${meetingId} AND w.status = 'signed_up' AND w.waiting_since IS NOT NULL
			AND m.status = 'planned' AND m.starts_at > ${now}
			AND ${peopleHolding(sql`m.id`)} + w.people <= m.capacity
		ORDER BY w.waiting_since, w.id LIMIT 1)`;
	return db
		.update(meetingSignups)
		.set({ waitingSince: null, updatedAt: now })
		.where(eq(meetingSignups.id, first))
		.returning({ id: meetingSignups.id });
}

/** The most places one sign-up frees: so many promotions go in the batch that frees them. */
export const MOST_FREED_BY_ONE = MEETING_PEOPLE.length;

/**
 * Gives freed places to the waiting parents who fit, first come first served, one atomic
 * statement each (a raised capacity may free many). Answers the sign-ups that got a place.
 */
export async function promoteWaiting(db: Db, meetingId: number, now: number): Promise<number[]> {
	const promoted: number[] = [];
	for (let round = 0; round < 500; round++) {
		const [moved] = await promoteFirstWaiting(db, meetingId, now);
		if (!moved) break;
		promoted.push(moved.id);
	}
	return promoted;
}

/** Who signed up and how it stands: what the parent's page and the door list both show. */
export const signupColumns = {
	id: meetingSignups.id,
	reference: meetingSignups.reference,
	firstName: meetingSignups.firstName,
	people: meetingSignups.people,
	language: meetingSignups.language,
	status: meetingSignups.status,
	/** On the waiting list since (holds no place yet); null for a place. */
	waitingSince: meetingSignups.waitingSince,
	createdAt: meetingSignups.createdAt
};

/** A sign-up with its meeting and school, everything its manage page and messages show. */
function signupQuery(db: Db) {
	return db
		.select({
			...signupColumns,
			phone: meetingSignups.phone,
			email: meetingSignups.email,
			updatedAt: meetingSignups.updatedAt,
			meetingId: meetings.id,
			meetingStatus: renamed<string>(meetings.status, 'meeting_status'),
			title: meetings.title,
			text: meetings.text,
			startsAt: meetings.startsAt,
			endsAt: meetings.endsAt,
			place: meetings.place,
			languages: meetings.languages,
			interpreter: meetings.interpreter,
			schoolSlug: schools.slug,
			schoolName: renamed<string>(schools.name, 'school_name'),
			schoolAddress: schools.address,
			schoolTown: schools.town
		})
		.from(meetingSignups)
		.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
		.innerJoin(schools, eq(schools.id, meetings.schoolId));
}
export type ParentSignup = Awaited<ReturnType<ReturnType<typeof signupQuery>['where']>>[number];

/** The sign-up behind a manage token; null for an unknown one. */
export async function findSignup(db: Db, manageToken: string): Promise<ParentSignup | null> {
	if (!manageToken || manageToken.length > 100) return null;
	const [row] = await signupQuery(db).where(
		eq(meetingSignups.manageTokenHash, await sha256Hex(manageToken))
	);
	return row ?? null;
}

export async function findSignupsByIds(db: Db, ids: number[]): Promise<ParentSignup[]> {
	return ids.length ? signupQuery(db).where(inArray(meetingSignups.id, ids)) : [];
}

/** Where the sign-up stands for the parent: on the waiting list, or its status. */
export const signupStatus = (s: { status: SignupStatus; waitingSince: number | null }) =>
	s.status === 'signed_up' && s.waitingSince !== null ? ('waiting' as const) : s.status;

/** The sign-up as the API shows it to the parent. */
export function signupView(s: ParentSignup) {
	const lang = s.language;
	return {
		reference: s.reference,
		status: signupStatus(s),
		firstName: s.firstName,
		people: s.people,
		phone: s.phone,
		email: s.email,
		language: s.language,
		meeting: {
			id: s.meetingId,
			title: inLanguage(s.title, lang).text,
			start: toAmsterdamIso(s.startsAt),
			end: toAmsterdamIso(s.endsAt),
			place: s.place,
			cancelled: s.meetingStatus === 'cancelled'
		},
		school: { slug: s.schoolSlug, name: s.schoolName }
	};
}

/**
 * Cancels the parent's own sign-up for a meeting still to come (or takes them off its waiting
 * list). In the same batch, one transaction, the places it frees go to the first waiting parents
 * who fit: nobody can sign up in between. Answers who got a place.
 */
export async function cancelSignup(
	db: Db,
	manageToken: string,
	now: number
): Promise<{ result: 'ok'; promoted: number[] } | { result: 'not_found' | 'not_active' }> {
	const hash = await sha256Hex(manageToken);
	const [mine] = await db
		.select({ meetingId: meetingSignups.meetingId })
		.from(meetingSignups)
		.where(eq(meetingSignups.manageTokenHash, hash));
	if (!mine) return { result: 'not_found' };
	const [cancelled, ...promotions] = await db.batch([
		db
			.update(meetingSignups)
			.set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
			.where(
				and(
					eq(meetingSignups.manageTokenHash, hash),
					eq(meetingSignups.status, 'signed_up'),
					sql`(SELECT starts_at FROM meetings WHERE id = ${meetingSignups.meetingId}) > ${now}`
				)
			)
			.returning({ id: meetingSignups.id }),
		...Array.from({ length: MOST_FREED_BY_ONE }, () => promoteFirstWaiting(db, mine.meetingId, now))
	]);
	if (cancelled.length !== 1) return { result: 'not_active' };
	return { result: 'ok', promoted: promotions.flat().map((p) => p.id) };
}

/** Stores a parent's anonymous theme suggestion for the school; false for an unknown school. */
export async function suggestTheme(
	db: Db,
	slug: string,
	input: SuggestionInput,
	options: { now: number; madeBy: MadeBy }
): Promise<boolean> {
	const result = await db.run(sql`
		INSERT INTO meeting_suggestions (school_id, theme, text, language, made_by, created_at)
		SELECT id, ${input.theme}, ${input.text ?? null}, ${input.language}, ${options.madeBy},
			${options.now}
		FROM schools WHERE slug = ${slug}`);
	return result.meta.changes === 1;
}
