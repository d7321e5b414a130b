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
