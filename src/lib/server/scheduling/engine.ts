/**
 * The scheduling engine: spreekuur slots derived from weekly blocks, exceptions and closures.
 * Pure functions, no I/O; every time is an Europe/Amsterdam wall-clock time until the single
 * conversion to instants in time.ts.
 */
import type { AvailabilityException, Closure, Slot, SlotQuery, WeeklyBlock } from './types.ts';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	isoWeekStart,
	minutesOfDay,
	startOfDay,
	timeOfDay,
	wallClockOn
} from './time.ts';

type BookingRules = Pick<
	WeeklyBlock,
	'bufferMinutes' | 'minNoticeMinutes' | 'horizonDays' | 'maxPerContactPerWeek'
>;

/** The booking rules of an extra block (an 'extra' exception has no rules of its own). */
export const DEFAULT_RULES: Readonly<BookingRules> = Object.freeze({
	bufferMinutes: 0,
	minNoticeMinutes: 120,
	horizonDays: 28,
	maxPerContactPerWeek: 2
});

const MINUTE_MS = 60_000;

/** One block as it actually happens on one date, after exceptions; times in minutes of the day. */
type Sitting = BookingRules & {
	staffId: number;
	schoolId: number;
	locationId: number;
	blockId: number | null;
	/** The 'extra' exception it comes from (0 for a weekly block): a tie-breaker only. */
	extraId: number;
	start: number;
	end: number;
	slotMinutes: number;
	capacity: number;
	bookable: boolean;
	walkIn: boolean;
};

/**
 * All slots from `query.from` to `query.to` (inclusive dates), sorted by start and then staffId.
 * Without `now` every slot is returned, walk-in-only ones (bookable: false) included; with `now`
 * only the slots a parent can book at that moment (bookable, within notice and horizon).
 * A professional never gets two overlapping slots, even with overlapping blocks at two schools.
 */
export function slotsForRange(query: SlotQuery): Slot[] {
	const blocksByWeekday = new Map<number, WeeklyBlock[]>();
	for (const block of query.blocks) {
		const list = blocksByWeekday.get(block.weekday) ?? [];
		list.push(block);
		blocksByWeekday.set(block.weekday, list);
	}
	const exceptionsByDate = new Map<string, AvailabilityException[]>();
	for (const exception of query.exceptions) {
		if (exception.date < query.from || exception.date > query.to) continue;
		const list = exceptionsByDate.get(exception.date) ?? [];
		list.push(exception);
		exceptionsByDate.set(exception.date, list);
	}
	const closures = query.closures.filter((c) => c.startDate <= query.to && c.endDate >= query.from);

	const candidates: { slot: Slot; extraId: number }[] = [];
	let weekday = query.from <= query.to ? isoWeekday(query.from) : 0;
	// Past year 9999 Temporal writes '+010000-01-01', which sorts before any 'YYYY-…' date: the
	// length check ends the loop there instead of never.
	for (let date = query.from; date <= query.to && date.length === 10; date = addDays(date, 1)) {
		const sittings = sittingsOn(
			date,
			blocksByWeekday.get(weekday) ?? [],
			exceptionsByDate.get(date) ?? [],
			closures.filter((c) => c.startDate <= date && date <= c.endDate)
		);
		if (sittings.length > 0) {
			const clock = wallClockOn(date);
			for (const sitting of sittings) {
				for (const slot of slotsOf(sitting, date, clock)) {
					candidates.push({ slot, extraId: sitting.extraId });
				}
			}
		}
		weekday = (weekday % 7) + 1;
	}

	// The overlap guard runs on every candidate, before the school and booking filters, so a
	// slot hidden by a clash stays hidden whichever school or moment is asked about.
	candidates.sort(
		({ slot: a, extraId: aExtra }, { slot: b, extraId: bExtra }) =>
			a.startsAt - b.startsAt ||
			a.schoolId - b.schoolId ||
			(a.blockId ?? Infinity) - (b.blockId ?? Infinity) ||
			aExtra - bExtra ||
			a.locationId - b.locationId ||
			a.staffId - b.staffId
	);
	const busyUntil = new Map<number, number>();
	const kept: Slot[] = [];
	for (const { slot } of candidates) {
		// Sorted by start, so a slot overlaps a kept one exactly when it starts before the
		// latest end among them.
		if ((busyUntil.get(slot.staffId) ?? -Infinity) > slot.startsAt) continue;
		busyUntil.set(slot.staffId, Math.max(busyUntil.get(slot.staffId) ?? -Infinity, slot.endsAt));
		kept.push(slot);
	}

	let result = kept;
	if (query.schoolId !== undefined) result = result.filter((s) => s.schoolId === query.schoolId);
	if (query.now !== undefined) result = result.filter(bookableAt(query.now));
	return result.sort((a, b) => a.startsAt - b.startsAt || a.staffId - b.staffId);
}

/** The slots of one date; see slotsForRange. */
export function slotsForDay(query: Omit<SlotQuery, 'from' | 'to'> & { date: string }): Slot[] {
	const { date, ...rest } = query;
	return slotsForRange({ ...rest, from: date, to: date });
}

/**
 * The ISO week (Monday 00:00 to the next Monday 00:00, Amsterdam time) that contains the
 * instant, as instants: the window of the per-contact weekly cap. A week with a DST change is
 * an hour shorter or longer than seven times 24 hours.
 */
export function isoWeekRange(instant: number): { start: number; end: number } {
	const monday = isoWeekStart(amsterdamDate(instant));
	return { start: startOfDay(monday), end: startOfDay(addDays(monday, 7)) };
}

/** The blocks that happen on one date, with exceptions applied and closed schools left out. */
function sittingsOn(
	date: string,
	blocks: WeeklyBlock[],
	exceptions: AvailabilityException[],
	closures: Closure[]
): Sitting[] {
	const closed = (schoolId: number) =>
		closures.some((c) => c.schoolId === null || c.schoolId === schoolId);
	const dayOff = (staffId: number, schoolId: number) =>
		exceptions.some(
			(e) =>
				e.kind === 'off' &&
				e.blockId === null &&
				e.staffId === staffId &&
				(e.schoolId === null || e.schoolId === schoolId)
		);
	const sittings: Sitting[] = [];

	for (const block of blocks) {
		if (date < block.validFrom || (block.validUntil !== null && date > block.validUntil)) continue;
		if (closed(block.schoolId) || dayOff(block.staffId, block.schoolId)) continue;
		const own = exceptions.filter((e) => e.blockId === block.id && e.staffId === block.staffId);
		if (own.some((e) => e.kind === 'off')) continue;
		// Two changes for one block on one date should not exist; the latest (highest id) wins.
		const change = own
			.filter((e) => e.kind === 'changed')
			.reduce<AvailabilityException | null>((a, e) => (a && a.id > e.id ? a : e), null);
		sittings.push({
			staffId: block.staffId,
			schoolId: block.schoolId,
			locationId: change?.locationId ?? block.locationId,
			blockId: block.id,
			extraId: 0,
			start: minutesOfDay(change?.startTime ?? block.startTime),
			end: minutesOfDay(change?.endTime ?? block.endTime),
			slotMinutes: change?.slotMinutes ?? block.slotMinutes,
			capacity: change?.capacity ?? block.capacity,
			bookable: change?.bookable ?? block.bookable,
			walkIn: change?.walkIn ?? block.walkIn,
			bufferMinutes: block.bufferMinutes,
			minNoticeMinutes: block.minNoticeMinutes,
			horizonDays: block.horizonDays,
			maxPerContactPerWeek: block.maxPerContactPerWeek
		});
	}

	for (const extra of exceptions) {
		if (extra.kind !== 'extra') continue;
		const { schoolId, locationId, startTime, endTime } = extra;
		// An extra block without a place or times cannot happen.
		if (schoolId === null || locationId === null || startTime === null || endTime === null) {
			continue;
		}
		if (closed(schoolId) || dayOff(extra.staffId, schoolId)) continue;
		sittings.push({
			...DEFAULT_RULES,
			staffId: extra.staffId,
			schoolId,
			locationId,
			blockId: null,
			extraId: extra.id,
			start: minutesOfDay(startTime),
			end: minutesOfDay(endTime),
			slotMinutes: extra.slotMinutes ?? 20,
			capacity: extra.capacity ?? 1,
			bookable: extra.bookable ?? true,
			walkIn: extra.walkIn ?? false
		});
	}
	return sittings;
}

/** The slots of one sitting on its date; a start in the spring-forward gap gives no slot. */
function slotsOf(
	sitting: Sitting,
	date: string,
	clock: (minutes: number) => number | null
): Slot[] {
	const slots: Slot[] = [];
	if (!(sitting.slotMinutes > 0)) return slots;
	const step = sitting.slotMinutes + Math.max(0, sitting.bufferMinutes);
	for (let start = sitting.start; start + sitting.slotMinutes <= sitting.end; start += step) {
		const startsAt = clock(start);
		if (startsAt === null) continue;
		slots.push({
			staffId: sitting.staffId,
			schoolId: sitting.schoolId,
			locationId: sitting.locationId,
			blockId: sitting.blockId,
			date,
			start: timeOfDay(start),
			end: timeOfDay(start + sitting.slotMinutes),
			startsAt,
			endsAt: startsAt + sitting.slotMinutes * MINUTE_MS,
			capacity: sitting.capacity,
			bookable: sitting.bookable,
			walkIn: sitting.walkIn,
			minNoticeMinutes: sitting.minNoticeMinutes,
			horizonDays: sitting.horizonDays,
			maxPerContactPerWeek: sitting.maxPerContactPerWeek
		});
	}
	return slots;
}

/** Whether a parent can book the slot at `now`: bookable, enough notice, within the horizon. */
function bookableAt(now: number): (slot: Slot) => boolean {
	const today = amsterdamDate(now);
	const lastDates = new Map<number, string>();
	return (slot) => {
		if (!slot.bookable || slot.startsAt < now + slot.minNoticeMinutes * MINUTE_MS) return false;
		let lastDate = lastDates.get(slot.horizonDays);
		if (lastDate === undefined) {
			lastDate = addDays(today, slot.horizonDays);
			lastDates.set(slot.horizonDays, lastDate);
		}
		return slot.date <= lastDate;
	};
}
