/**
 * The AVG's rights of access and erasure, for a coordinator: everything their organisation keeps
 * about one phone number or e-mail address (bookings, questions with answers and replies, walk-in
 * tickets made from those bookings, copies of the e-mails without the secrets in their links, who
 * of the wijkteam opened them), as a
 * view and as JSON, and erasing it. Admins only, own organisation only. Every look-up, export and
 * erasure is written to the audit log under a keyed hash of the contact, never the contact itself.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import {
	auditLog,
	bookings,
	outbox,
	questionMessages,
	questions,
	schools,
	staff,
	walkInTickets
} from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { hmacToken } from '../crypto.ts';
import { forgetTicketNames } from '../bookings/index.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { redactLinks } from '../mail/index.ts';
import { auditEntryColumns } from '../audit/index.ts';

/**
 * How a contact appears in the audit log: the same contact always gives the same mark (so a
 * look-up and the erasure that followed can be matched), but without the server's secret the
 * mark cannot be traced back to a phone number by trying them all.
 */
export async function contactMark(secret: string, key: string): Promise<string> {
	return (await hmacToken(secret, `contact:${key}`)).slice(0, 16);
}

function orgSchools(db: Db, admin: SessionUser) {
	return db
		.select({ id: schools.id })
		.from(schools)
		.where(eq(schools.organisationId, admin.organisationId));
}

/**
 * The records of one contact within the organisation. A booking or question with both a phone
 * number and an e-mail address is keyed by the phone, so an e-mail look-up also reads `email`.
 */
function bookingsOf(db: Db, admin: SessionUser, key: string) {
	return and(
		inArray(bookings.schoolId, orgSchools(db, admin)),
		or(eq(bookings.contactKey, key), sql`lower(${bookings.email}) = ${key}`)
	);
}

function questionsOf(db: Db, admin: SessionUser, key: string) {
	return and(
		inArray(questions.schoolId, orgSchools(db, admin)),
		or(eq(questions.contactKey, key), sql`lower(${questions.email}) = ${key}`)
	);
}

const bookingIds = (db: Db, admin: SessionUser, key: string) =>
	db
		.select({ id: bookings.id })
		.from(bookings)
		.where(bookingsOf(db, admin, key));
const questionIds = (db: Db, admin: SessionUser, key: string) =>
	db
		.select({ id: questions.id })
		.from(questions)
		.where(questionsOf(db, admin, key));

/** Everything the organisation keeps about the contact (`key`: a normalised phone or e-mail). */
export async function contactRecords(db: Db, admin: SessionUser, key: string) {
	// Not one db.batch: D1's batch returns rows as objects, and joined columns of the same name
	// (school and staff `name`) would overwrite each other.
	const [bookingRows, questionRows, messageRows, ticketRows, mailRows] = await Promise.all([
		db
			.select({
				id: bookings.id,
				reference: bookings.reference,
				status: bookings.status,
				school: schools.name,
				staff: staff.name,
				startsAt: bookings.startsAt,
				endsAt: bookings.endsAt,
				firstName: bookings.firstName,
				phone: bookings.phone,
				email: bookings.email,
				topic: bookings.topic,
				language: bookings.language,
				interpreter: bookings.interpreter,
				interpreterLanguage: bookings.interpreterLanguage,
				remark: bookings.remark,
				madeBy: bookings.madeBy,
				cancelReason: bookings.cancelReason,
				createdAt: bookings.createdAt
			})
			.from(bookings)
			.innerJoin(schools, eq(schools.id, bookings.schoolId))
			.innerJoin(staff, eq(staff.id, bookings.staffId))
			.where(bookingsOf(db, admin, key))
			.orderBy(asc(bookings.startsAt)),
		db
			.select({
				id: questions.id,
				reference: questions.reference,
				status: questions.status,
				school: schools.name,
				category: questions.category,
				text: questions.text,
				ageGroup: questions.ageGroup,
				answerBy: questions.answerBy,
				firstName: questions.firstName,
				phone: questions.phone,
				email: questions.email,
				language: questions.language,
				createdAt: questions.createdAt,
				closedAt: questions.closedAt
			})
			.from(questions)
			.innerJoin(schools, eq(schools.id, questions.schoolId))
			.where(questionsOf(db, admin, key))
			.orderBy(asc(questions.createdAt)),
		db
			.select({
				questionId: questionMessages.questionId,
				author: questionMessages.author,
				staffName: staff.name,
				body: questionMessages.body,
				createdAt: questionMessages.createdAt
			})
			.from(questionMessages)
			.leftJoin(staff, eq(staff.id, questionMessages.staffId))
			.where(inArray(questionMessages.questionId, questionIds(db, admin, key)))
			.orderBy(asc(questionMessages.createdAt), asc(questionMessages.id)),
		db
			.select({
				id: walkInTickets.id,
				bookingId: walkInTickets.bookingId,
				date: walkInTickets.date,
				number: walkInTickets.number,
				firstName: walkInTickets.firstName,
				status: walkInTickets.status
			})
			.from(walkInTickets)
			.where(inArray(walkInTickets.bookingId, bookingIds(db, admin, key)))
			.orderBy(asc(walkInTickets.date)),
		db
			.select({
				bookingId: outbox.bookingId,
				questionId: outbox.questionId,
				to: outbox.toAddress,
				subject: outbox.subject,
				text: outbox.text,
				kind: outbox.kind,
				status: outbox.status,
				createdAt: outbox.createdAt
			})
			.from(outbox)
			.where(
				or(
					inArray(outbox.bookingId, bookingIds(db, admin, key)),
					inArray(outbox.questionId, questionIds(db, admin, key))
				)
			)
			.orderBy(asc(outbox.createdAt))
	]);
	const accessRows = await accessesAbout(
		db,
		bookingRows.map((b) => b.id),
		questionRows.map((q) => q.id),
		ticketRows.map((t) => t.id)
	);
	const bookingRef = new Map(bookingRows.map((b) => [b.id, b.reference]));
	const questionRef = new Map(questionRows.map((q) => [q.id, q.reference]));
	// Column defaults store milliseconds with a fraction (unixepoch('subsec') * 1000).
	const iso = (at: number | null) => (at === null ? null : toAmsterdamIso(Math.round(at)));
	return {
		bookings: bookingRows.map(({ id: _id, startsAt, endsAt, createdAt, ...b }) => ({
			...b,
			start: iso(startsAt),
			end: iso(endsAt),
			createdAt: iso(createdAt)
		})),
		questions: questionRows.map(({ id, createdAt, closedAt, ...q }) => ({
			...q,
			createdAt: iso(createdAt),
			closedAt: iso(closedAt),
			messages: messageRows
				.filter((m) => m.questionId === id)
				.map((m) => ({
					author: m.author,
					staffName: m.author === 'staff' ? m.staffName : null,
					body: m.body,
					at: iso(m.createdAt)
				}))
		})),
		walkInTickets: ticketRows.map(({ id: _id, bookingId, ...t }) => ({
			...t,
			booking: bookingId === null ? null : (bookingRef.get(bookingId) ?? null)
		})),
		// A copy of a mail shows where its links led, never the secret that opens them: a
		// coordinator has no business in the parent's booking or question page.
		mails: mailRows.map(({ bookingId, questionId, createdAt, text, ...m }) => ({
			...m,
			text: redactLinks(text),
			about:
				(bookingId !== null ? bookingRef.get(bookingId) : undefined) ??
				(questionId !== null ? questionRef.get(questionId) : undefined) ??
				null,
			createdAt: iso(createdAt)
		})),
		accesses: accessRows.map((a) => ({
			at: iso(a.at),
			actorName: a.actorName,
			action: a.action,
			record:
				(a.entity === 'booking' ? bookingRef.get(a.entityId ?? -1) : undefined) ??
				(a.entity === 'question' ? questionRef.get(a.entityId ?? -1) : undefined) ??
				`${a.entity} ${a.entityId ?? ''}`.trim(),
			detail: a.detail
		}))
	};
}

export type ContactRecords = Awaited<ReturnType<typeof contactRecords>>;

/** Who of the wijkteam opened or changed these records; D1 takes at most 100 values per query. */
async function accessesAbout(
	db: Db,
	bookingIdList: number[],
	questionIdList: number[],
	ticketIdList: number[]
) {
	const about = [
		...bookingIdList.map((id) => ['booking', id] as const),
		...questionIdList.map((id) => ['question', id] as const),
		...ticketIdList.map((id) => ['ticket', id] as const)
	];
	const rows = [];
	for (let i = 0; i < about.length; i += 30) {
		const part = about.slice(i, i + 30);
		rows.push(
			...(await db
				.select(auditEntryColumns)
				.from(auditLog)
				.where(
					or(
						...part.map(([entity, id]) =>
							and(eq(auditLog.entity, entity), eq(auditLog.entityId, id))
						)
					)
				)
				.orderBy(desc(auditLog.at)))
		);
	}
	return rows.sort((a, b) => b.at - a.at);
}

export const isEmpty = (r: ContactRecords) =>
	r.bookings.length + r.questions.length + r.walkInTickets.length + r.mails.length === 0;

/**
 * Looks the contact up (the right of access) and writes it to the audit log: once for the
 * contact, and once for every booking and question found, so the parent sees the opening on
 * their own page like any other.
 */
export async function lookUpContact(
	db: Db,
	admin: SessionUser,
	key: string,
	options: { now: number; secret: string; action: 'read' | 'export' }
) {
	const [records, [foundBookings, foundQuestions], mark] = await Promise.all([
		contactRecords(db, admin, key),
		db.batch([bookingIds(db, admin, key), questionIds(db, admin, key)]),
		contactMark(options.secret, key)
	]);
	const entry = (entity: 'contact' | 'booking' | 'question', entityId: number | null) =>
		db.insert(auditLog).values({
			at: options.now,
			userId: admin.id,
			actorName: admin.name,
			action: options.action,
			entity,
			entityId,
			schoolId: null,
			detail: entity === 'contact' ? mark : null
		});
	await db.batch([
		entry('contact', null),
		...foundBookings.map((row) => entry('booking', row.id)),
		...foundQuestions.map((row) => entry('question', row.id))
	]);
	return records;
}

export type ErasureCounts = { bookings: number; questions: number };

/**
 * Erases the contact (the right to erasure): every booking and question of the organisation
 * with this phone number or e-mail address goes, with their answers, replies and e-mail copies
 * (ON DELETE CASCADE) and the first name on walk-in tickets made from the bookings. In one
 * batch, so it happens entirely or not at all, together with its audit entry. The audit log
 * itself stays: it holds no parent data, only who of the wijkteam did what and when.
 */
export async function eraseContact(
	db: Db,
	admin: SessionUser,
	key: string,
	options: { now: number; secret: string }
): Promise<ErasureCounts> {
	const [[{ b }], [{ q }]] = await db.batch([
		db
			.select({ b: sql<number>`count(*)` })
			.from(bookings)
			.where(bookingsOf(db, admin, key)),
		db
			.select({ q: sql<number>`count(*)` })
			.from(questions)
			.where(questionsOf(db, admin, key))
	]);
	const mark = await contactMark(options.secret, key);
	await db.batch([
		forgetTicketNames(db, bookingIds(db, admin, key)),
		db.delete(bookings).where(bookingsOf(db, admin, key)),
		db.delete(questions).where(questionsOf(db, admin, key)),
		db.insert(auditLog).values({
			at: options.now,
			userId: admin.id,
			actorName: admin.name,
			action: 'delete',
			entity: 'contact',
			entityId: null,
			schoolId: null,
			detail: `${mark} bookings:${b} questions:${q}`
		})
	]);
	return { bookings: b, questions: q };
}
