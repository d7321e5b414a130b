/**
 * Reminders before a meeting, by the same rules as a booking's (DESIGN.md, "Reaching parents";
 * ../bookings/reminders.ts): the organisation's 1 or 2 days before (none when off), at the cron's
 * first run at or after that moment, only between 08:00 and 20:00 in Amsterdam; none for a
 * sign-up made after its moment, a meeting starting within 3 hours, a cancelled sign-up or a
 * cancelled meeting, or a parent still on the waiting list; never twice (the sign-up records when its reminder went, and only the run
 * that sets it sends).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { meetingSignups, meetings, organisations } from '../db/schema.ts';
import { dueIds, inReminderWindow, isDaytime } from '../bookings/reminders.ts';
import type { Notifier } from '../notify/index.ts';
import { notifySignups } from './notices.ts';

/** Sends the meeting reminders due at `now`; returns how many sign-ups were reminded. */
export async function sendMeetingReminders(
	n: Notifier,
	now: number
): Promise<{ meetingReminders: number }> {
	if (!isDaytime(now)) return { meetingReminders: 0 };
	const candidates = await n.db
		.select({
			id: meetingSignups.id,
			startsAt: meetings.startsAt,
			createdAt: meetingSignups.createdAt,
			days: organisations.reminderDays
		})
		.from(meetingSignups)
		.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
		.innerJoin(organisations, eq(organisations.id, meetings.organisationId))
		.where(
			and(
				eq(meetingSignups.status, 'signed_up'),
				// Not on the waiting list: their place is not sure yet.
				isNull(meetingSignups.waitingSince),
				eq(meetings.status, 'planned'),
				isNull(meetingSignups.remindedAt),
				inReminderWindow(meetings.startsAt, now)
			)
		);
	const due = dueIds(candidates, now);
	if (!due.length) return { meetingReminders: 0 };
	// Claimed in one statement: a run that overlaps this one finds them taken and sends nothing.
	const claimed = await n.db
		.update(meetingSignups)
		.set({ remindedAt: now })
		.where(
			and(
				inArray(meetingSignups.id, due),
				isNull(meetingSignups.remindedAt),
				eq(meetingSignups.status, 'signed_up'),
				isNull(meetingSignups.waitingSince),
				sql`(SELECT status FROM meetings WHERE id = ${meetingSignups.meetingId}) = 'planned'`
			)
		)
		.returning({ id: meetingSignups.id });
	await notifySignups(
		n,
		claimed.map((s) => s.id),
		'meeting_reminder'
	);
	return { meetingReminders: claimed.length };
}
