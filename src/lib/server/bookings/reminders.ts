/**
 * Reminders before an appointment (DESIGN.md, "Reaching parents"). Per organisation: off, 1 or 2
 * days before (default 2). The cron runs every 15 minutes and sends one reminder per booking, by
 * every channel the parent has, at its first run at or after the reminder moment — but only
 * between 08:00 and 20:00 in Amsterdam (a moment at night waits until 08:00). None for a booking
 * made after its reminder moment, one that starts within 3 hours, or a cancelled one; never twice
 * (the booking records when its reminder went, and only the run that sets it sends).
 */
import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { Temporal } from 'temporal-polyfill';
import { bookings, organisations, schools } from '../db/schema.ts';
import { TIME_ZONE } from '../scheduling/time.ts';
import { notifyAll, type Notifier } from '../notify/index.ts';
import { bookingRecipients } from './notices.ts';

/** Reminders go between these hours, Amsterdam time (20:00 itself is night). */
export const DAY_STARTS = 8;
export const DAY_ENDS = 20;
/** No reminder for an appointment this close: the parent just booked or is on their way. */
export const TOO_CLOSE_MS = 3 * 3600_000;

const HOUR_MS = 3600_000;

/**
 * When a booking's reminder is due: the same wall-clock time `days` days before its start (DST
 * nights included), moved to 08:00 when that falls at night (after 20:00: the next morning).
 */
export function reminderMoment(startsAt: number, days: number): number {
	let moment = Temporal.Instant.fromEpochMilliseconds(startsAt)
		.toZonedDateTimeISO(TIME_ZONE)
		.subtract({ days });
	if (moment.hour >= DAY_ENDS) moment = moment.add({ days: 1 });
	if (moment.hour < DAY_STARTS || moment.hour >= DAY_ENDS) {
		moment = moment.with({ hour: DAY_STARTS, minute: 0, second: 0, millisecond: 0 });
	}
	return moment.epochMilliseconds;
}

/** Whether `now` is within the hours reminders may go out. */
export function isDaytime(now: number): boolean {
	const hour = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(TIME_ZONE).hour;
	return hour >= DAY_STARTS && hour < DAY_ENDS;
}

/** Whether a booking gets its reminder at `now` (the rules above, for one booking). */
export function reminderDue(
	booking: { startsAt: number; createdAt: number },
	days: number,
	now: number
): boolean {
	if (days <= 0 || !isDaytime(now)) return false;
	if (booking.startsAt - now <= TOO_CLOSE_MS) return false;
	const moment = reminderMoment(booking.startsAt, days);
	return booking.createdAt < moment && moment <= now;
}

/** The longest reminder lead (2 days) and an hour of a DST change. */
const LOOK_AHEAD_MS = 2 * 24 * HOUR_MS + HOUR_MS;

/**
 * The records a reminder run reads (a booking's or a sign-up's): starting within the look-ahead
 * but not too close, of an organisation that sends reminders.
 */
export const inReminderWindow = (startsAt: SQLiteColumn, now: number) =>
	and(
		gt(startsAt, now + TOO_CLOSE_MS),
		lte(startsAt, now + LOOK_AHEAD_MS),
		gt(organisations.reminderDays, 0)
	);

/** The candidates whose reminder is due at `now`, by id. */
export const dueIds = (
	candidates: { id: number; startsAt: number; createdAt: number; days: number }[],
	now: number
) => candidates.filter((c) => reminderDue(c, c.days, now)).map((c) => c.id);

/** Sends the reminders due at `now`; returns how many bookings were reminded. */
export async function sendReminders(n: Notifier, now: number): Promise<{ reminders: number }> {
	if (!isDaytime(now)) return { reminders: 0 };
	const candidates = await n.db
		.select({
			id: bookings.id,
			startsAt: bookings.startsAt,
			createdAt: bookings.createdAt,
			days: organisations.reminderDays
		})
		.from(bookings)
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(
			and(
				eq(bookings.status, 'booked'),
				isNull(bookings.remindedAt),
				inReminderWindow(bookings.startsAt, now)
			)
		);
	const due = dueIds(candidates, now);
	if (!due.length) return { reminders: 0 };
	// Claimed in one statement: a run that overlaps this one finds them taken and sends nothing.
	const claimed = await n.db
		.update(bookings)
		.set({ remindedAt: now })
		.where(
			and(
				inArray(bookings.id, due),
				isNull(bookings.remindedAt),
				eq(bookings.status, 'booked'),
				sql`${bookings.startsAt} > ${now}`
			)
		)
		.returning({ id: bookings.id });
	const recipients = await bookingRecipients(
		n,
		claimed.map((b) => b.id)
	);
	await notifyAll(
		n,
		[...recipients.values()].map((recipient) => ({ recipient, event: 'reminder' as const }))
	);
	return { reminders: claimed.length };
}
