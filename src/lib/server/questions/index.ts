/**
 * Opvoedvragen: a parent asks (without an account, anonymous if they like), the wijkteam answers,
 * the parent reads and replies on a private page. The pages, the kiosk and the API come here.
 */
import { and, asc, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { isIn, renamed, type Db } from '../db/index.ts';
import {
	questionMessages,
	questions,
	savedReplies,
	schools,
	staff,
	staffSchools
} from '../db/schema.ts';
import { hmacToken, randomToken, sha256Hex, withNewReference } from '../crypto.ts';
import { contactKey } from '../../validation/fields.ts';
import type { QuestionInput } from '../../validation/questions.ts';
import type { SessionUser } from '../auth/index.ts';
import { logAccess, accessesOf, loggedRead } from '../audit/index.ts';
import { isOwnStaff, visibleSchoolIds, type Viewer } from '../access/index.ts';

export type AskResult =
	| { ok: true; id: number; reference: string; accessToken: string; schoolId: number }
	| { ok: false; code: 'school_not_found' };

/** The private link's token of a question: made again from its link key and the server's secret. */
export function questionToken(linkSecret: string, linkKey: string) {
	return hmacToken(linkSecret, `question:${linkKey}`);
}

/**
 * Stores a question, asked at `now` (retention counts from its last activity); the access token
 * is only kept as a hash.
 */
export async function askQuestion(
	db: Db,
	slug: string,
	input: QuestionInput,
	options: { madeBy: 'parent' | 'kiosk'; linkSecret: string; now: number }
): Promise<AskResult> {
	const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.slug, slug));
	if (!school) return { ok: false, code: 'school_not_found' };
	const linkKey = randomToken(16);
	const accessToken = await questionToken(options.linkSecret, linkKey);
	const tokenHash = await sha256Hex(accessToken);
	const made = await withNewReference((reference) =>
		db
			.insert(questions)
			.values({
				reference,
				accessTokenHash: tokenHash,
				linkKey,
				schoolId: school.id,
				category: input.category,
				text: input.text,
				ageGroup: input.ageGroup ?? null,
				answerBy: input.answerBy,
				firstName: input.anonymous ? null : (input.firstName ?? null),
				anonymous: Boolean(input.anonymous || !input.firstName),
				phone: input.phone ?? null,
				email: input.email ?? null,
				contactKey: contactKey(input),
				language: input.language,
				madeBy: options.madeBy,
				createdAt: options.now
			})
			.returning({ id: questions.id })
	);
	if (!made) throw new Error('No free reference');
	const [row] = made.written;
	return { ok: true, id: row.id, reference: made.reference, accessToken, schoolId: school.id };
}

const questionColumns = {
	id: questions.id,
	reference: questions.reference,
	schoolId: questions.schoolId,
	schoolSlug: schools.slug,
	schoolName: schools.name,
	category: questions.category,
	text: questions.text,
	ageGroup: questions.ageGroup,
	answerBy: questions.answerBy,
	firstName: questions.firstName,
	anonymous: questions.anonymous,
	phone: questions.phone,
	email: questions.email,
	language: questions.language,
	status: questions.status,
	assignedStaffId: questions.assignedStaffId,
	createdAt: questions.createdAt,
	closedAt: questions.closedAt
};

/**
 * A question's messages, oldest first; the question is an id or a subquery that gives it (one
 * question's or, for the AVG look-up, several).
 */
export function messagesOf(db: Db, questionId: number | SQLWrapper) {
	return db
		.select({
			id: questionMessages.id,
			questionId: questionMessages.questionId,
			author: questionMessages.author,
			staffName: staff.name,
			body: questionMessages.body,
			createdAt: questionMessages.createdAt
		})
		.from(questionMessages)
		.leftJoin(staff, eq(staff.id, questionMessages.staffId))
		.where(isIn(questionMessages.questionId, questionId))
		.orderBy(asc(questionMessages.createdAt), asc(questionMessages.id));
}

/**
 * The question behind an access token with its answers and who of the wijkteam opened it; null if
 * unknown. One D1 round trip: the three reads key on the token.
 */
export async function findQuestion(db: Db, accessToken: string) {
	if (!accessToken || accessToken.length > 100) return null;
	const which = eq(questions.accessTokenHash, await sha256Hex(accessToken));
	const id = db.select({ id: questions.id }).from(questions).where(which);
	const [[row], messages, readers] = await db.batch([
		db
			.select(questionColumns)
			.from(questions)
			.innerJoin(schools, eq(schools.id, questions.schoolId))
			.where(which),
		messagesOf(db, id),
		accessesOf(db, 'question', id)
	]);
	if (!row) return null;
	return { ...row, messages, readers };
}

export type ParentQuestion = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

/** The question as the API shows it to the parent. */
export function questionApiView(q: ParentQuestion) {
	return {
		reference: q.reference,
		status: q.status,
		category: q.category,
		text: q.text,
		ageGroup: q.ageGroup,
		answerBy: q.answerBy,
		language: q.language,
		school: { slug: q.schoolSlug, name: q.schoolName },
		createdAt: new Date(q.createdAt).toISOString(),
		messages: q.messages.map((m) => ({
			author: m.author,
			name: m.author === 'staff' ? m.staffName : null,
			body: m.body,
			at: new Date(m.createdAt).toISOString()
		}))
	};
}

/** The parent's reply on their private page; a closed question takes no more replies. */
export async function replyAsParent(db: Db, accessToken: string, body: string, now: number) {
	const question = await findQuestion(db, accessToken);
	if (!question) return 'not_found' as const;
	if (question.status === 'closed') return 'closed' as const;
	await db.batch([
		db
			.insert(questionMessages)
			.values({ questionId: question.id, author: 'parent', body, createdAt: now }),
		db
			.update(questions)
			.set({ status: 'in_progress', updatedAt: now })
			.where(eq(questions.id, question.id))
	]);
	return 'ok' as const;
}

/** Deletes the question and every answer (the parent's right to erasure). */
export async function deleteQuestion(db: Db, accessToken: string) {
	const result = await db
		.delete(questions)
		.where(eq(questions.accessTokenHash, await sha256Hex(accessToken)));
	// D1 counts the answers removed with it (ON DELETE CASCADE) too.
	return result.meta.changes > 0;
}

// ——— The wijkteam's side ———

export type InboxFilter = {
	schoolId?: number;
	answerBy?: string;
	status?: (typeof questions.$inferSelect)['status'];
	category?: string;
	ageGroup?: string;
};

/** Questions of the person's schools, the longest waiting first. */
export async function inboxFor(db: Db, user: SessionUser, filter: InboxFilter) {
	return inboxQuery(db, user, filter);
}

/** The same as one statement, for a batch (the inbox page reads it with the session). */
export function inboxQuery(db: Db, user: Viewer, filter: InboxFilter) {
	return db
		.select({
			id: questions.id,
			reference: questions.reference,
			schoolName: renamed<string>(schools.name, 'school_name'),
			category: questions.category,
			ageGroup: questions.ageGroup,
			answerBy: questions.answerBy,
			language: questions.language,
			status: questions.status,
			firstName: questions.firstName,
			createdAt: questions.createdAt,
			assignedName: renamed<string | null>(staff.name, 'assigned_name')
		})
		.from(questions)
		.innerJoin(schools, eq(schools.id, questions.schoolId))
		.leftJoin(staff, eq(staff.id, questions.assignedStaffId))
		.where(
			and(
				inArray(questions.schoolId, visibleSchoolIds(db, user)),
				filter.status ? eq(questions.status, filter.status) : sql`${questions.status} <> 'closed'`,
				filter.schoolId ? eq(questions.schoolId, filter.schoolId) : undefined,
				filter.answerBy ? eq(questions.answerBy, filter.answerBy as never) : undefined,
				filter.category ? eq(questions.category, filter.category as never) : undefined,
				filter.ageGroup ? eq(questions.ageGroup, filter.ageGroup as never) : undefined
			)
		)
		.orderBy(asc(questions.createdAt))
		.limit(300);
}

/** One question for the wijkteam (with contact details), if the person may see it; the opening is logged. */
export async function questionDetail(db: Db, user: SessionUser, id: number, now: number) {
	const [[row], , messages] = await db.batch(questionDetailQueries(db, user, id, now));
	return row ? { ...row, messages } : null;
}

/** The same as statements for a batch: the question, the entry in the audit log, the messages. */
export function questionDetailQueries(db: Db, who: Viewer, id: number, now: number) {
	const visible = visibleQuestion(db, who, id);
	return [
		db
			.select(questionColumns)
			.from(questions)
			.innerJoin(schools, eq(schools.id, questions.schoolId))
			.where(inArray(questions.id, visible)),
		loggedRead(db, who, 'question', id, now),
		messagesOf(db, visible)
	] as const;
}

/** The question's id (or its school's), if the person may see it, as a subquery. */
function visibleQuestion(db: Db, who: Viewer, id: number, column: 'id' | 'schoolId' = 'id') {
	return db
		.select({ id: questions[column] })
		.from(questions)
		.where(and(eq(questions.id, id), inArray(questions.schoolId, visibleSchoolIds(db, who))));
}

/**
 * What the question's page offers besides the question: the person's saved replies, and the
 * professionals of the question's school (to assign it to; none if the person may not see it).
 */
export function questionToolsQueries(db: Db, who: Viewer, id: number) {
	return [
		savedRepliesQuery(db, who),
		professionalsQuery(db, visibleQuestion(db, who, id, 'schoolId'))
	] as const;
}

/** An answer by the wijkteam: the question is answered, and assigned to whoever answered. */
export async function answerQuestion(
	db: Db,
	user: SessionUser,
	id: number,
	body: string,
	now: number
) {
	const allowed = await db
		.select({ id: questions.id })
		.from(questions)
		.where(and(eq(questions.id, id), inArray(questions.schoolId, visibleSchoolIds(db, user))));
	if (allowed.length === 0) return false;
	await db.batch([
		db
			.insert(questionMessages)
			.values({ questionId: id, author: 'staff', staffId: user.staffId, body, createdAt: now }),
		db
			.update(questions)
			.set({
				status: 'answered',
				updatedAt: now,
				assignedStaffId: sql`coalesce(${questions.assignedStaffId}, ${user.staffId})`
			})
			.where(eq(questions.id, id))
	]);
	await logAccess(db, user, {
		action: 'update',
		entity: 'question',
		entityId: id,
		schoolId: null,
		detail: 'answered',
		now
	});
	return true;
}

/** Status and assignment changes: in progress, closed, assigned to a professional. */
export async function updateQuestion(
	db: Db,
	user: SessionUser,
	id: number,
	change: { status?: 'in_progress' | 'closed'; assignedStaffId?: number | null },
	now: number
) {
	const result = await db
		.update(questions)
		.set({
			...(change.status
				? { status: change.status, closedAt: change.status === 'closed' ? now : null }
				: {}),
			...(change.assignedStaffId !== undefined ? { assignedStaffId: change.assignedStaffId } : {}),
			updatedAt: now
		})
		.where(
			and(
				eq(questions.id, id),
				inArray(questions.schoolId, visibleSchoolIds(db, user)),
				// Only to a professional of the question's own school (never one of another organisation).
				typeof change.assignedStaffId === 'number'
					? sql`${change.assignedStaffId} IN (SELECT staff_id FROM staff_schools WHERE school_id = ${questions.schoolId})`
					: undefined
			)
		);
	if (result.meta.changes !== 1) return false;
	await logAccess(db, user, {
		action: 'update',
		entity: 'question',
		entityId: id,
		schoolId: null,
		detail: JSON.stringify(change),
		now
	});
	return true;
}

/** A professional's saved replies, to reuse and adapt. */
/** The person's own saved replies, by title. */
export function savedRepliesQuery(db: Db, who: Viewer) {
	return db
		.select({ id: savedReplies.id, title: savedReplies.title, body: savedReplies.body })
		.from(savedReplies)
		.where(isOwnStaff(db, savedReplies.staffId, who))
		.orderBy(asc(savedReplies.title));
}

export async function saveReply(db: Db, staffId: number, title: string, body: string) {
	await db.insert(savedReplies).values({ staffId, title, body });
}

/** The professionals of a school, to assign a question to. */
export async function professionalsOf(db: Db, schoolId: number) {
	return professionalsQuery(db, schoolId);
}

/** The same as one statement; the school is an id or a subquery that gives it. */
export function professionalsQuery(db: Db, school: number | SQLWrapper) {
	return db
		.select({ id: staff.id, name: staff.name })
		.from(staffSchools)
		.innerJoin(staff, eq(staff.id, staffSchools.staffId))
		.where(and(isIn(staffSchools.schoolId, school), eq(staff.active, true)))
		.orderBy(asc(staff.name));
}

/** How many questions wait for a first look at the person's schools. */
export async function newQuestionCount(db: Db, user: SessionUser): Promise<number> {
	const [row] = await newQuestionCountQuery(db, user);
	return row?.n ?? 0;
}

export function newQuestionCountQuery(db: Db, user: Viewer) {
	return db
		.select({ n: sql<number>`count(*)` })
		.from(questions)
		.where(
			and(eq(questions.status, 'new'), inArray(questions.schoolId, visibleSchoolIds(db, user)))
		);
}
