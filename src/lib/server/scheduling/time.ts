/**
 * Europe/Amsterdam wall-clock time <-> instants. Every slot is defined in wall-clock time; the
 * conversion happens here and nowhere else, so DST changes never shift or double a slot.
 */
import { Temporal } from 'temporal-polyfill';

export const TIME_ZONE = 'Europe/Amsterdam';

/**
 * The instant (Unix ms) of a wall-clock date and time in Amsterdam, or null when that time does
 * not exist (it falls in the spring-forward gap: a slot that starts there does not exist).
 * In the autumn fold the earlier of the two instants is used.
 */
export function wallClockToInstant(date: string, time: string): number | null {
	const local = Temporal.PlainDateTime.from(`${date}T${time}`);
	try {
		return local.toZonedDateTime(TIME_ZONE, { disambiguation: 'reject' }).epochMilliseconds;
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		// 'reject' throws for both gap and fold; only the gap has no valid reading.
		const earlier = local.toZonedDateTime(TIME_ZONE, { disambiguation: 'earlier' });
		return earlier.toPlainDateTime().equals(local) ? earlier.epochMilliseconds : null;
	}
}

/** The Amsterdam calendar date 'YYYY-MM-DD' of an instant. */
export function amsterdamDate(instant: number): string {
	return Temporal.Instant.fromEpochMilliseconds(instant)
		.toZonedDateTimeISO(TIME_ZONE)
		.toPlainDate()
		.toString();
}

/** ISO 8601 with the Amsterdam offset, e.g. 2027-03-30T08:30:00+02:00. */
export function toAmsterdamIso(instant: number): string {
	return Temporal.Instant.fromEpochMilliseconds(instant)
		.toZonedDateTimeISO(TIME_ZONE)
		.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date. */
export function isoWeekday(date: string): number {
	return Temporal.PlainDate.from(date).dayOfWeek;
}

export function addDays(date: string, days: number): string {
	return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Minutes since midnight of a wall-clock 'HH:MM' (e.g. '08:30' is 510). */
export function minutesOfDay(time: string): number {
	const match = /^(\d{2}):([0-5]\d)$/.exec(time);
	const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
	if (!(minutes <= 1440)) throw new RangeError(`Not a time of day: ${time}`);
	return minutes;
}

/** 'HH:MM' of minutes since midnight; 1440 is '24:00', the end of the day. */
export function timeOfDay(minutes: number): string {
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
		throw new RangeError(`Not a time of day: ${minutes} minutes`);
	}
	const hours = Math.floor(minutes / 60);
	return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The wall-clock time `minutes` after `time` on the same day, by plain arithmetic on the clock
 * face (a DST change in between is ignored): addMinutes('09:50', 20) is '10:10'.
 */
export function addMinutes(time: string, minutes: number): string {
	return timeOfDay(minutesOfDay(time) + minutes);
}

/** The Monday 'YYYY-MM-DD' of the ISO week that contains the date. */
export function isoWeekStart(date: string): string {
	return addDays(date, 1 - isoWeekday(date));
}

/** The first instant of an Amsterdam calendar date (its 00:00). */
export function startOfDay(date: string): number {
	return Temporal.PlainDate.from(date).toZonedDateTime(TIME_ZONE).epochMilliseconds;
}

/** An Amsterdam calendar date's instants, from its 00:00 up to the next day's. */
export function dayInstants(date: string): { from: number; to: number } {
	return { from: startOfDay(date), to: startOfDay(addDays(date, 1)) };
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * A converter from minutes since midnight on one date to instants, with the same answers as
 * wallClockToInstant(date, timeOfDay(minutes)) for 0 <= minutes < 1440. On the ~363 days without
 * a DST change it is plain arithmetic, which keeps slot generation cheap.
 */
export function wallClockOn(date: string): (minutes: number) => number | null {
	const midnight = startOfDay(date);
	// A day of exactly 24 hours that starts at 00:00 has one UTC offset throughout
	// (Amsterdam changes at most once a day, never at midnight).
	if (
		startOfDay(addDays(date, 1)) - midnight === DAY_MS &&
		wallClockToInstant(date, '00:00') === midnight
	) {
		return (minutes) => midnight + minutes * MINUTE_MS;
	}
	return (minutes) => wallClockToInstant(date, timeOfDay(minutes));
}
