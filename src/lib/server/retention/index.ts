/**
 * Data retention, run once a day by the Workers cron trigger (src/worker.ts). Personal data is
 * kept only as long as it serves the parent: bookings are anonymised N days after the appointment
 * and questions deleted N days after their last activity, closed or not (N per organisation),
 * waiting-list places deleted N days after their last date (their messages with them), and the leftovers of
 * sign-in, pairing, walk-in queues, mail and rate limits go once they are of no use.
 * What the figures need of a deleted question, walk-in ticket or waiting-list place stays behind in
 * a small record without personal data (`question_records`, `walk_in_records`, `waitlist_records`,
 * written by triggers in D1).
 *
 * Everything happens in one D1 batch (one transaction): a run either does all of it or nothing.
 * The clock is passed in, so a test can stand on either side of every boundary.
 */
import { and, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import {
	accountTokens,
	bookings,
	kioskDevices,
	meetingSignups,
	meetings,
	outbox,
	localMessages,
	pushSubscriptions,
	questionMessages,
	questions,
	rateLimits,
	sessions,
	signInThrottle,
	waitlistEntries,
	walkInTickets
} from '../db/schema.ts';
import { SESSION_IDLE_MS, LOCK_MS } from '../auth/index.ts';
import { addDays, amsterdamDate } from '../scheduling/time.ts';

const DAY_MS = 86_400_000;
/** Walk-in tickets are kept through the day after their walk-in hour, then they go. */
export const WALK_IN_KEEP_DAYS = 1;
/** Sent (or given-up) mail in the outbox is kept this long, for questions about delivery. */
export const OUTBOX_KEEP_DAYS = 30;
/** What an anonymised booking shows instead of the parent's first name (the column may not be empty). */
export const ANONYMOUS_NAME = '-';

/** What each retention rule touched, in the order of the statements in `runRetention`'s batch. */
const RULES = [
	'bookingsAnonymised',
	'questionMessagesDeleted',
	'questionsDeleted',
	'sessionsDeleted',
	'kioskDevicesDeleted',
	'pairingCodesCleared',
	'walkInTicketsDeleted',
	'outboxDeleted',
	// Push subscriptions of anonymised bookings (the rest go with their record).
	'pushSubscriptionsDeleted',
	// What the local stand-ins recorded (text messages, push), kept as long as the outbox.
	'localMessagesDeleted',
	'accountTokensDeleted',
	'rateLimitRowsDeleted',
	'signInThrottleDeleted',
	'meetingSignupsAnonymised',
	'waitlistEntriesDeleted'
] as const;

export type RetentionCounts = Record<(typeof RULES)[number], number>;

/** The retention period of the organisation that owns a row's school, in milliseconds. */
const retentionMs = (
	column: 'booking_retention_days' | 'question_retention_days',
	school: unknown
) =>
	sql`(SELECT o.${sql.raw(column)} FROM schools s JOIN organisations o ON o.id = s.organisation_id
		WHERE s.id = ${school}) * ${DAY_MS}`;

/** Runs every retention rule once, at `now` (Unix ms), and says how many rows each one touched. */
export async function runRetention(db: Db, now: number): Promise<RetentionCounts> {
	// Every question, closed or not (a parent who never comes back leaves it open), goes N days
	// after the last thing that happened to it: asked, answered, replied to, taken or closed.
	const lastActivity = sql`max(
		${questions.createdAt},
		coalesce(${questions.updatedAt}, 0),
		coalesce(${questions.closedAt}, 0),
		coalesce((SELECT max(m.created_at) FROM question_messages m WHERE m.question_id = ${questions.id}), 0)
	)`;
	const questionDue = lt(
		lastActivity,
		sql`${now} - ${retentionMs('question_retention_days', questions.schoolId)}`
	);
	// A place on a waiting list goes with its window, whatever became of it: N days after its
	// last date, as a booking is anonymised N days after its appointment (N per organisation).
	const waitlistDue = sql`${waitlistEntries.toDate} < date(${amsterdamDate(now)}, '-' || (
		SELECT o.booking_retention_days FROM schools s JOIN organisations o ON o.id = s.organisation_id
		WHERE s.id = ${waitlistEntries.schoolId}) || ' days')`;
	const pairingDone = or(lt(kioskDevices.pairingExpiresAt, now), isNotNull(kioskDevices.pairedAt));

	const results = await db.batch([
		db
			.update(bookings)
			.set({
				firstName: ANONYMOUS_NAME,
				phone: null,
				email: null,
				contactKey: null,
				remark: null,
				// A language code stays for the figures (interpreters asked per language), as the
				// parent's own language does; words a parent typed there go.
				interpreterLanguage: sql`CASE WHEN ${bookings.interpreterLanguage} GLOB '[a-z][a-z]'
					OR ${bookings.interpreterLanguage} GLOB '[a-z][a-z][a-z]'
					THEN ${bookings.interpreterLanguage} END`,
				cancelReason: null,
				anonymisedAt: now,
				updatedAt: now
			})
			.where(
				and(
					isNull(bookings.anonymisedAt),
					lt(
						bookings.endsAt,
						sql`${now} - ${retentionMs('booking_retention_days', bookings.schoolId)}`
					)
				)
			),
		// The answers first, so the count is theirs and nothing hangs on the foreign key.
		db
			.delete(questionMessages)
			.where(
				inArray(
					questionMessages.questionId,
					db.select({ id: questions.id }).from(questions).where(questionDue)
				)
			),
		// Counted by the rows it returns: D1's `changes` also counts the records the triggers write.
		db.delete(questions).where(questionDue).returning({ id: questions.id }),
		db
			.delete(sessions)
			.where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - SESSION_IDLE_MS))),
		// A device that was never paired and whose code ran out is nothing but a dead code.
		db
			.delete(kioskDevices)
			.where(
				and(
					isNotNull(kioskDevices.pairingCodeHash),
					lt(kioskDevices.pairingExpiresAt, now),
					isNull(kioskDevices.pairedAt),
					isNull(kioskDevices.tokenHash)
				)
			),
		db
			.update(kioskDevices)
			.set({ pairingCodeHash: null, pairingExpiresAt: null })
			.where(and(isNotNull(kioskDevices.pairingCodeHash), pairingDone)),
		db
			.delete(walkInTickets)
			.where(lt(walkInTickets.date, addDays(amsterdamDate(now), -WALK_IN_KEEP_DAYS)))
			.returning({ id: walkInTickets.id }),
		db.delete(outbox).where(lt(outbox.createdAt, now - OUTBOX_KEEP_DAYS * DAY_MS)),
		db
			.delete(pushSubscriptions)
			.where(
				inArray(
					pushSubscriptions.bookingId,
					db.select({ id: bookings.id }).from(bookings).where(isNotNull(bookings.anonymisedAt))
				)
			),
		db.delete(localMessages).where(lt(localMessages.createdAt, now - OUTBOX_KEEP_DAYS * DAY_MS)),
		db.delete(accountTokens).where(lt(accountTokens.expiresAt, now)),
		db.delete(rateLimits).where(lt(rateLimits.expiresAt, now)),
		db
			.delete(signInThrottle)
			.where(
				and(
					lt(signInThrottle.windowStart, now - LOCK_MS),
					or(isNull(signInThrottle.lockedUntil), lt(signInThrottle.lockedUntil, now))
				)
			),
		// A meeting's sign-ups keep their counts (people, language, who came) and lose the parent's
		// name and contact as a booking does: the organisation's booking period after the meeting.
		db
			.update(meetingSignups)
			.set({
				firstName: ANONYMOUS_NAME,
				phone: null,
				email: null,
				anonymisedAt: now,
				updatedAt: now
			})
			.where(
				and(
					isNull(meetingSignups.anonymisedAt),
					inArray(
						meetingSignups.meetingId,
						db
							.select({ id: meetings.id })
							.from(meetings)
							.where(
								lt(
									meetings.endsAt,
									sql`${now} - ${retentionMs('booking_retention_days', meetings.schoolId)}`
								)
							)
					)
				)
			),
		// Their messages in the outbox go with them (ON DELETE CASCADE). Counted by the rows it
		// returns: `changes` also counts the records the figures' trigger writes.
		db.delete(waitlistEntries).where(waitlistDue).returning({ id: waitlistEntries.id })
	]);
	// One statement per rule, in RULES' order: each answers its rows (RETURNING) or its changes.
	const counts = results.map((r) => (Array.isArray(r) ? r.length : r.meta.changes));
	return Object.fromEntries(RULES.map((rule, i) => [rule, counts[i]])) as RetentionCounts;
}
