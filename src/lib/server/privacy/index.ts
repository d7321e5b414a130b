/**
 * The AVG's rights of access and erasure, for a coordinator: everything their organisation keeps
 * about one phone number or e-mail address (bookings, questions with answers and replies, walk-in
 * tickets made from those bookings, places on waiting lists, sign-ups for parent meetings, the
 * devices that take push notifications for any of them, copies of the e-mails without the secrets
 * in their links, who of the wijkteam opened them), as a view and as JSON, and erasing it. Admins only, own organisation only. Every look-up, export and
 * erasure is written to the audit log under a keyed hash of the contact, never the contact itself.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import {
	auditLog,
	bookings,
	meetingSignups,
	meetings,
	outbox,
	pushSubscriptions,
	questions,
	schools,
	staff,
	waitlistEntries,
	walkInTickets
} from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { hmacToken } from '../crypto.ts';
import { forgetTicketNames } from '../bookings/index.ts';
import { messagesOf } from '../questions/index.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { redactLinks } from '../mail/index.ts';
import { contactKey } from '../../validation/fields.ts';
import { auditEntryColumns } from '../audit/index.ts';
import { organisationSchoolIds } from '../access/index.ts';

/**
 * How a contact appears in the audit log: the same contact always gives the same mark (so a
 * look-up and the erasure that followed can be matched), but without the server's secret the
 * mark cannot be traced back to a phone number by trying them all.
 */
export async function contactMark(secret: string, key: string): Promise<string> {
	return (await hmacToken(secret, `contact:${key}`)).slice(0, 16);
}

/** The kinds of record that keep a parent's contact key (sign-ups keep their phone as typed). */
type KeyedRecord = typeof bookings | typeof questions | typeof waitlistEntries;

/**
 * The records of one contact within the organisation. A booking or question with both a phone
 * number and an e-mail address is keyed by the phone, so an e-mail look-up also reads `email`.
 */
function ofContact(record: KeyedRecord, db: Db, admin: SessionUser, key: string) {
	return and(
		inArray(record.schoolId, organisationSchoolIds(db, admin)),
		or(eq(record.contactKey, key), sql`lower(${record.email}) = ${key}`)
	);
}

/** Their ids, as a subquery. */
const idsOf = (record: KeyedRecord, db: Db, admin: SessionUser, key: string) =>
	db
		.select({ id: record.id })
		.from(record)
		.where(ofContact(record, db, admin, key));

/**
 * The organisation's meeting sign-ups of this contact. A sign-up keeps its phone as typed (no
 * key), so those still holding a contact are read and matched here as a booking's key is made;
 * retention takes the contact off a few weeks after the meeting, so they are few.
 */
async function signupIdsOf(db: Db, admin: SessionUser, key: string): Promise<number[]> {
	const rows = await db
		.select({ id: meetingSignups.id, phone: meetingSignups.phone, email: meetingSignups.email })
		.from(meetingSignups)
		.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
		.where(
			and(
				eq(meetings.organisationId, admin.organisationId),
				or(sql`${meetingSignups.phone} IS NOT NULL`, sql`${meetingSignups.email} IS NOT NULL`)
			)
		);
	return rows
		.filter(
			(row) =>
				(row.phone && contactKey({ phone: row.phone }) === key) || row.email?.toLowerCase() === key
		)
		.map((row) => row.id);
}

/** Everything the organisation keeps about the contact (`key`: a normalised phone or e-mail). */
export async function contactRecords(db: Db, admin: SessionUser, key: string) {
	const signupIds = await signupIdsOf(db, admin, key);
	// Not one db.batch: D1's batch returns rows as objects, and joined columns of the same name
	// (school and staff `name`) would overwrite each other.
	const [
		bookingRows,
		questionRows,
		messageRows,
		ticketRows,
		mailRows,
		waitlistRows,
		signupRows,
		deviceRows
	] = await Promise.all([
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
			.where(ofContact(bookings, db, admin, key))
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
			.where(ofContact(questions, db, admin, key))
			.orderBy(asc(questions.createdAt)),
		messagesOf(db, idsOf(questions, db, admin, key)),
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
			.where(inArray(walkInTickets.bookingId, idsOf(bookings, db, admin, key)))
			.orderBy(asc(walkInTickets.date)),
		db
			.select({
				bookingId: outbox.bookingId,
				questionId: outbox.questionId,
				waitlistEntryId: outbox.waitlistEntryId,
				signupId: outbox.signupId,
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
					inArray(outbox.bookingId, idsOf(bookings, db, admin, key)),
					inArray(outbox.questionId, idsOf(questions, db, admin, key)),
					inArray(outbox.waitlistEntryId, idsOf(waitlistEntries, db, admin, key)),
					inArray(outbox.signupId, signupIds)
				)
			)
			.orderBy(asc(outbox.createdAt)),
		db
			.select({
				id: waitlistEntries.id,
				reference: waitlistEntries.reference,
				status: waitlistEntries.status,
				school: schools.name,
				staff: staff.name,
				from: waitlistEntries.fromDate,
				to: waitlistEntries.toDate,
				firstName: waitlistEntries.firstName,
				phone: waitlistEntries.phone,
				email: waitlistEntries.email,
				language: waitlistEntries.language,
				offerStartsAt: waitlistEntries.offerStartsAt,
				createdAt: waitlistEntries.createdAt
			})
			.from(waitlistEntries)
			.innerJoin(schools, eq(schools.id, waitlistEntries.schoolId))
			.leftJoin(staff, eq(staff.id, waitlistEntries.staffId))
			.where(ofContact(waitlistEntries, db, admin, key))
			.orderBy(asc(waitlistEntries.createdAt)),
		db
			.select({
				id: meetingSignups.id,
				reference: meetingSignups.reference,
				status: meetingSignups.status,
				title: meetings.title,
				startsAt: meetings.startsAt,
				firstName: meetingSignups.firstName,
				people: meetingSignups.people,
				phone: meetingSignups.phone,
				email: meetingSignups.email,
				language: meetingSignups.language,
				createdAt: meetingSignups.createdAt
			})
			.from(meetingSignups)
			.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
			.where(inArray(meetingSignups.id, signupIds))
			.orderBy(asc(meetings.startsAt)),
		db
			.select({
				bookingId: pushSubscriptions.bookingId,
				questionId: pushSubscriptions.questionId,
				ticketId: pushSubscriptions.ticketId,
				waitlistEntryId: pushSubscriptions.waitlistEntryId,
				signupId: pushSubscriptions.signupId,
				endpoint: pushSubscriptions.endpoint,
				createdAt: pushSubscriptions.createdAt
			})
			.from(pushSubscriptions)
			.where(
				or(
					inArray(pushSubscriptions.bookingId, idsOf(bookings, db, admin, key)),
					inArray(pushSubscriptions.questionId, idsOf(questions, db, admin, key)),
					inArray(
						pushSubscriptions.ticketId,
						db
							.select({ id: walkInTickets.id })
							.from(walkInTickets)
							.where(inArray(walkInTickets.bookingId, idsOf(bookings, db, admin, key)))
					),
					inArray(pushSubscriptions.waitlistEntryId, idsOf(waitlistEntries, db, admin, key)),
					inArray(pushSubscriptions.signupId, signupIds)
				)
			)
			.orderBy(asc(pushSubscriptions.createdAt))
	]);
	const accessRows = await accessesAbout(
		db,
		bookingRows.map((b) => b.id),
		questionRows.map((q) => q.id),
		ticketRows.map((t) => t.id)
	);
	const bookingRef = new Map(bookingRows.map((b) => [b.id, b.reference]));
	const questionRef = new Map(questionRows.map((q) => [q.id, q.reference]));
	const waitlistRef = new Map(waitlistRows.map((w) => [w.id, w.reference]));
	const signupRef = new Map(signupRows.map((s) => [s.id, s.reference]));
	const ticketBooking = new Map(ticketRows.map((t) => [t.id, t.bookingId]));
	/** The reference of the record a mail or a device belongs to. */
	const aboutOf = (row: {
		bookingId?: number | null;
		questionId?: number | null;
		ticketId?: number | null;
		waitlistEntryId?: number | null;
		signupId?: number | null;
	}) =>
		(row.bookingId != null ? bookingRef.get(row.bookingId) : undefined) ??
		(row.questionId != null ? questionRef.get(row.questionId) : undefined) ??
		(row.ticketId != null ? bookingRef.get(ticketBooking.get(row.ticketId) ?? -1) : undefined) ??
		(row.waitlistEntryId != null ? waitlistRef.get(row.waitlistEntryId) : undefined) ??
		(row.signupId != null ? signupRef.get(row.signupId) : undefined) ??
		null;
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
		mails: mailRows.map(
			({ bookingId, questionId, waitlistEntryId, signupId, createdAt, text, ...m }) => ({
				...m,
				text: redactLinks(text),
				about: aboutOf({ bookingId, questionId, waitlistEntryId, signupId }),
				createdAt: iso(createdAt)
			})
		),
		waitlist: waitlistRows.map(({ id: _id, offerStartsAt, createdAt, ...w }) => ({
			...w,
			offer: iso(offerStartsAt),
			createdAt: iso(createdAt)
		})),
		meetingSignups: signupRows.map(({ id: _id, title, startsAt, createdAt, ...s }) => ({
			...s,
			meeting: title.nl ?? Object.values(title)[0] ?? '',
			start: iso(startsAt),
			createdAt: iso(createdAt)
		})),
		// A device is its push service and when it was turned on; the endpoint's secret path and
		// the keys stay out (they are the device's, and of no use to anyone reading this).
		pushDevices: deviceRows.map(({ endpoint, createdAt, ...d }) => ({
			service: new URL(endpoint).origin,
			about: aboutOf(d),
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
	r.bookings.length +
		r.questions.length +
		r.walkInTickets.length +
		r.mails.length +
		r.waitlist.length +
		r.meetingSignups.length ===
	0;

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
		db.batch([idsOf(bookings, db, admin, key), idsOf(questions, db, admin, key)]),
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

export type ErasureCounts = {
	bookings: number;
	questions: number;
	waitlist: number;
	meetingSignups: number;
};

/** Places the erasure set free (coming bookings, offers held), per school: for the waiting list. */
export type FreedPlaces = { schoolId: number; places: { staffId: number; startsAt: number }[] }[];

/**
 * Erases the contact (the right to erasure): every booking, question, waiting-list entry and
 * meeting sign-up of the organisation with this phone number or e-mail address goes, with their
 * answers, replies, e-mail copies and push devices (ON DELETE CASCADE), and the first name on
 * walk-in tickets made from the bookings. In one
 * batch, so it happens entirely or not at all, together with its audit entry. The audit log
 * itself stays: it holds no parent data, only who of the wijkteam did what and when. Answers the
 * places it set free (a coming booking, an offer held), which the caller passes on to the
 * parents waiting for them.
 */
export async function eraseContact(
	db: Db,
	admin: SessionUser,
	key: string,
	options: { now: number; secret: string }
): Promise<ErasureCounts & { freed: FreedPlaces }> {
	const signupIds = await signupIdsOf(db, admin, key);
	const [[{ b }], [{ q }], [{ w }], coming, held] = await db.batch([
		db
			.select({ b: sql<number>`count(*)` })
			.from(bookings)
			.where(ofContact(bookings, db, admin, key)),
		db
			.select({ q: sql<number>`count(*)` })
			.from(questions)
			.where(ofContact(questions, db, admin, key)),
		db
			.select({ w: sql<number>`count(*)` })
			.from(waitlistEntries)
			.where(ofContact(waitlistEntries, db, admin, key)),
		db
			.select({
				schoolId: bookings.schoolId,
				staffId: bookings.staffId,
				startsAt: bookings.startsAt
			})
			.from(bookings)
			.where(
				and(
					ofContact(bookings, db, admin, key),
					eq(bookings.status, 'booked'),
					sql`${bookings.startsAt} > ${options.now}`
				)
			),
		db
			.select({
				schoolId: waitlistEntries.schoolId,
				staffId: waitlistEntries.offerStaffId,
				startsAt: waitlistEntries.offerStartsAt
			})
			.from(waitlistEntries)
			.where(
				and(
					ofContact(waitlistEntries, db, admin, key),
					eq(waitlistEntries.status, 'offered'),
					sql`${waitlistEntries.holdUntil} > ${options.now}`
				)
			)
	]);
	const s = signupIds.length;
	const mark = await contactMark(options.secret, key);
	await db.batch([
		forgetTicketNames(db, idsOf(bookings, db, admin, key)),
		// A waiting-list entry that became a booking points at it: the entry goes first.
		db.delete(waitlistEntries).where(ofContact(waitlistEntries, db, admin, key)),
		db.delete(bookings).where(ofContact(bookings, db, admin, key)),
		db.delete(questions).where(ofContact(questions, db, admin, key)),
		db.delete(meetingSignups).where(inArray(meetingSignups.id, signupIds)),
		db.insert(auditLog).values({
			at: options.now,
			userId: admin.id,
			actorName: admin.name,
			action: 'delete',
			entity: 'contact',
			entityId: null,
			schoolId: null,
			detail: `${mark} bookings:${b} questions:${q} waitlist:${w} signups:${s}`
		})
	]);
	const places = [...coming, ...held].flatMap((p) =>
		p.staffId === null || p.startsAt === null
			? []
			: [{ schoolId: p.schoolId, staffId: p.staffId, startsAt: p.startsAt }]
	);
	const freed = [...new Set(places.map((p) => p.schoolId))].map((schoolId) => ({
		schoolId,
		places: places
			.filter((p) => p.schoolId === schoolId)
			.map(({ staffId, startsAt }) => ({ staffId, startsAt }))
	}));
	return { bookings: b, questions: q, waitlist: w, meetingSignups: s, freed };
}
