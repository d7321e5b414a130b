import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotsForDay, slotsForRange } from './engine.ts';
import {
	addDays,
	addMinutes,
	amsterdamDate,
	isoWeekday,
	minutesOfDay,
	startOfDay,
	timeOfDay,
	toAmsterdamIso,
	wallClockOn
} from './time.ts';
import type { AvailabilityException, Closure, Slot, SlotQuery, WeeklyBlock } from './types.ts';
import { exception } from './engine.fixtures.ts';

const RUNS = { numRuns: 200 };
const MINUTE_MS = 60_000;

// Ranges start anywhere in 2026–2028, or in the ten days before a DST change.
const DST_CHANGES = [
	'2026-03-29',
	'2026-10-25',
	'2027-03-28',
	'2027-10-31',
	'2028-03-26',
	'2028-10-29'
];
const rangeStart = fc.oneof(
	fc.integer({ min: 0, max: 3 * 365 - 31 }).map((n) => addDays('2026-01-01', n)),
	fc
		.tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -10, max: 0 }))
		.map(([date, n]) => addDays(date, n))
);

/**
 * A time on a 5-minute mark: often in the night so that blocks cross the DST changes, often a
 * common start (08:30, 09:00, 13:00) so that blocks meet.
 */
const minuteMark = fc.oneof(
	fc.integer({ min: 0, max: 287 }).map((n) => n * 5),
	fc.integer({ min: 0, max: 48 }).map((n) => n * 5),
	fc.constantFrom(510, 540, 780)
);
/** A wall-clock window [start, end] in minutes, at most five hours, possibly empty. */
const window = fc
	.tuple(minuteMark, fc.integer({ min: 0, max: 60 }))
	.map(([start, length]) => [start, Math.min(1440, start + length * 5)] as const);

const staffId = fc.integer({ min: 1, max: 3 });
const schoolId = fc.integer({ min: 1, max: 2 });
const locationId = fc.integer({ min: 10, max: 12 });
/** Where a professional works when each works at one school only. */
const schoolOf = (staff: number) => (staff === 2 ? 2 : 1);

type Scenario = SlotQuery;
type Options = { oneSchoolPerStaff?: boolean };

function blocksArb(from: string, { oneSchoolPerStaff }: Options) {
	const block = fc.record({
		staffId,
		schoolId,
		locationId,
		// Often Tuesday or Sunday (the DST changes), so that blocks meet and overlap.
		weekday: fc.oneof(fc.constantFrom(2, 7), fc.integer({ min: 1, max: 7 })),
		window,
		slotMinutes: fc.integer({ min: 5, max: 60 }),
		bufferMinutes: fc.integer({ min: 0, max: 15 }),
		capacity: fc.integer({ min: 1, max: 3 }),
		minNoticeMinutes: fc.oneof(fc.constantFrom(0, 120, 1440), fc.integer({ min: 0, max: 2880 })),
		horizonDays: fc.integer({ min: 0, max: 40 }),
		maxPerContactPerWeek: fc.integer({ min: 1, max: 3 }),
		bookable: fc.constantFrom(true, true, true, false),
		walkIn: fc.boolean(),
		validFrom: fc.integer({ min: -30, max: 10 }),
		validFor: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null })
	});
	return fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) =>
		blocks.map(({ window: [start, end], validFrom, validFor, ...rest }, i): WeeklyBlock => ({
			...rest,
			id: i + 1,
			schoolId: oneSchoolPerStaff ? schoolOf(rest.staffId) : rest.schoolId,
			startTime: timeOfDay(start),
			endTime: timeOfDay(end),
			validFrom: addDays(from, validFrom),
			validUntil: validFor === null ? null : addDays(from, validFrom + validFor)
		}))
	);
}

/** Exceptions, mostly on a date where the block they name happens. */
function exceptionsArb(
	from: string,
	days: number,
	blocks: WeeklyBlock[],
	options: Options & {
		kinds?: AvailabilityException['kind'][];
		minLength?: number;
		maxLength?: number;
	} = {}
) {
	const { kinds = ['off', 'off', 'changed', 'extra'], minLength = 0, maxLength = 6 } = options;
	const oneException = fc.record({
		kind: fc.constantFrom(...kinds),
		wholeDay: fc.boolean(),
		blockIndex: fc.nat(),
		ownStaff: fc.constantFrom(true, true, true, false),
		staffId,
		schoolId: fc.option(schoolId, { nil: null }),
		locationId,
		onBlockDay: fc.constantFrom(true, true, false),
		week: fc.integer({ min: 0, max: 4 }),
		offset: fc.integer({ min: 0, max: days }),
		window,
		keepStart: fc.boolean(),
		slotMinutes: fc.option(fc.integer({ min: 5, max: 60 }), { nil: null }),
		capacity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
		bookable: fc.option(fc.boolean(), { nil: null }),
		walkIn: fc.option(fc.boolean(), { nil: null })
	});
	return fc.array(oneException, { minLength, maxLength }).map((list) =>
		list.map((e, i): AvailabilityException => {
			const kind = e.kind;
			const block = blocks.length > 0 ? blocks[e.blockIndex % blocks.length] : undefined;
			const blockDay =
				block && addDays(from, ((block.weekday - isoWeekday(from) + 7) % 7) + 7 * e.week);
			const date =
				e.onBlockDay && blockDay && blockDay <= addDays(from, days)
					? blockDay
					: addDays(from, e.offset);
			const staff = block && e.ownStaff ? block.staffId : e.staffId;
			const base = exception({ id: i + 1, staffId: staff, date, kind });
			if (kind === 'off') {
				return e.wholeDay || !block
					? { ...base, schoolId: e.schoolId }
					: { ...base, blockId: block.id };
			}
			const [start, end] = e.window;
			const rules = {
				slotMinutes: e.slotMinutes,
				capacity: e.capacity,
				bookable: e.bookable,
				walkIn: e.walkIn
			};
			if (kind === 'changed') {
				return {
					...base,
					...rules,
					blockId: block?.id ?? null,
					locationId: e.wholeDay ? e.locationId : null,
					startTime: e.keepStart ? null : timeOfDay(start),
					endTime: timeOfDay(end)
				};
			}
			return {
				...base,
				...rules,
				schoolId: options.oneSchoolPerStaff ? schoolOf(staff) : (e.schoolId ?? 1),
				locationId: e.locationId,
				startTime: timeOfDay(start),
				endTime: timeOfDay(end)
			};
		})
	);
}

function closureArb(from: string, days: number): fc.Arbitrary<Closure> {
	return fc
		.record({
			schoolId: fc.option(schoolId, { nil: null }),
			start: fc.integer({ min: -5, max: days }),
			length: fc.integer({ min: 0, max: 7 })
		})
		.map(({ schoolId, start, length }) => ({
			schoolId,
			startDate: addDays(from, start),
			endDate: addDays(from, start + length)
		}));
}

/** A whole query: blocks, exceptions and closures over up to 31 days, maybe a `now`. */
function scenarioArb(options: Options = {}): fc.Arbitrary<Scenario> {
	return fc.tuple(rangeStart, fc.integer({ min: 0, max: 30 })).chain(([from, days]) =>
		blocksArb(from, options).chain((blocks) =>
			fc.record({
				blocks: fc.constant(blocks),
				exceptions: exceptionsArb(from, days, blocks, options),
				closures: fc.array(closureArb(from, days), { maxLength: 2 }),
				from: fc.constant(from),
				to: fc.constant(addDays(from, days)),
				schoolId: fc.oneof(
					{ arbitrary: fc.constant(undefined), weight: 3 },
					{ arbitrary: schoolId, weight: 1 }
				),
				now: fc.option(
					fc
						.integer({ min: 0, max: (days + 4) * 1440 })
						.map((m) => startOfDay(addDays(from, -3)) + m * MINUTE_MS),
					{ nil: undefined, freq: 2 }
				)
			})
		)
	);
}

function datesOf(from: string, to: string): string[] {
	const dates: string[] = [];
	for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
	return dates;
}

const covers = (c: Closure, date: string, school: number) =>
	c.startDate <= date && date <= c.endDate && (c.schoolId === null || c.schoolId === school);

/** A block as it happens on a date, written out independently of the engine. */
type Sitting = {
	staffId: number;
	schoolId: number;
	locationId: number;
	blockId: number | null;
	start: number;
	end: number;
	step: number;
	rules: Pick<
		Slot,
		'capacity' | 'bookable' | 'walkIn' | 'minNoticeMinutes' | 'horizonDays' | 'maxPerContactPerWeek'
	> & { slotMinutes: number };
};

function referenceSittings(s: Scenario, date: string): Sitting[] {
	const dayOff = (staff: number, school: number) =>
		s.exceptions.some(
			(e) =>
				e.date === date &&
				e.kind === 'off' &&
				e.blockId === null &&
				e.staffId === staff &&
				(e.schoolId === null || e.schoolId === school)
		);
	const closed = (school: number) => s.closures.some((c) => covers(c, date, school));
	const sittings: Sitting[] = [];
	for (const b of s.blocks) {
		if (isoWeekday(date) !== b.weekday || date < b.validFrom) continue;
		if (b.validUntil !== null && date > b.validUntil) continue;
		if (closed(b.schoolId) || dayOff(b.staffId, b.schoolId)) continue;
		const own = s.exceptions.filter(
			(e) => e.date === date && e.blockId === b.id && e.staffId === b.staffId
		);
		if (own.some((e) => e.kind === 'off')) continue;
		const change = own.filter((e) => e.kind === 'changed').sort((x, y) => y.id - x.id)[0];
		const slotMinutes = change?.slotMinutes ?? b.slotMinutes;
		sittings.push({
			staffId: b.staffId,
			schoolId: b.schoolId,
			locationId: change?.locationId ?? b.locationId,
			blockId: b.id,
			start: minutesOfDay(change?.startTime ?? b.startTime),
			end: minutesOfDay(change?.endTime ?? b.endTime),
			step: slotMinutes + b.bufferMinutes,
			rules: {
				slotMinutes,
				capacity: change?.capacity ?? b.capacity,
				bookable: change?.bookable ?? b.bookable,
				walkIn: change?.walkIn ?? b.walkIn,
				minNoticeMinutes: b.minNoticeMinutes,
				horizonDays: b.horizonDays,
				maxPerContactPerWeek: b.maxPerContactPerWeek
			}
		});
	}
	for (const e of s.exceptions) {
		if (e.date !== date || e.kind !== 'extra' || e.schoolId === null) continue;
		if (closed(e.schoolId) || dayOff(e.staffId, e.schoolId)) continue;
		const slotMinutes = e.slotMinutes ?? 20;
		sittings.push({
			staffId: e.staffId,
			schoolId: e.schoolId,
			locationId: e.locationId!,
			blockId: null,
			start: minutesOfDay(e.startTime!),
			end: minutesOfDay(e.endTime!),
			step: slotMinutes,
			rules: {
				slotMinutes,
				capacity: e.capacity ?? 1,
				bookable: e.bookable ?? true,
				walkIn: e.walkIn ?? false,
				minNoticeMinutes: 120,
				horizonDays: 28,
				maxPerContactPerWeek: 2
			}
		});
	}
	return sittings;
}

/** Every slot the sittings would give before the overlap guard and the filters. */
function referenceCandidates(s: Scenario): Slot[] {
	const candidates: Slot[] = [];
	for (const date of datesOf(s.from, s.to)) {
		const clock = wallClockOn(date);
		for (const sitting of referenceSittings(s, date)) {
			const { slotMinutes, ...rules } = sitting.rules;
			for (let m = sitting.start; m + slotMinutes <= sitting.end; m += sitting.step) {
				const startsAt = clock(m);
				if (startsAt === null) continue;
				candidates.push({
					staffId: sitting.staffId,
					schoolId: sitting.schoolId,
					locationId: sitting.locationId,
					blockId: sitting.blockId,
					date,
					start: timeOfDay(m),
					end: timeOfDay(m + slotMinutes),
					startsAt,
					endsAt: startsAt + slotMinutes * MINUTE_MS,
					...rules
				});
			}
		}
	}
	return candidates;
}

const unfiltered = (s: Scenario) => slotsForRange({ ...s, schoolId: undefined, now: undefined });
const key = (slot: Slot) => JSON.stringify(slot);
const overlap = (a: Slot, b: Slot) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

describe('slotsForRange properties', () => {
	it('(a, e, f) gives sorted, non-overlapping slots that really exist on the wall clock', () => {
		fc.assert(
			fc.property(scenarioArb(), (s) => {
				const slots = slotsForRange(s);
				const busyUntil = new Map<number, number>();
				const seen = new Set<string>();
				const clocks = new Map<string, (minutes: number) => number | null>();
				for (let i = 0; i < slots.length; i++) {
					const slot = slots[i];
					if (i > 0) {
						const prev = slots[i - 1];
						expect(
							prev.startsAt < slot.startsAt ||
								(prev.startsAt === slot.startsAt && prev.staffId < slot.staffId)
						).toBe(true);
					}
					// (a) sorted by start, so the latest end so far tells whether it overlaps.
					expect(slot.startsAt).toBeGreaterThanOrEqual(busyUntil.get(slot.staffId) ?? -Infinity);
					busyUntil.set(
						slot.staffId,
						Math.max(busyUntil.get(slot.staffId) ?? -Infinity, slot.endsAt)
					);
					// (f) no repeated (staffId, startsAt) and no start in the spring-forward gap.
					expect(seen.has(`${slot.staffId}@${slot.startsAt}`)).toBe(false);
					seen.add(`${slot.staffId}@${slot.startsAt}`);
					let clock = clocks.get(slot.date);
					if (!clock) clocks.set(slot.date, (clock = wallClockOn(slot.date)));
					expect(clock(minutesOfDay(slot.start))).toBe(slot.startsAt);
					if (DST_CHANGES.includes(slot.date)) {
						expect(toAmsterdamIso(slot.startsAt).slice(0, 16)).toBe(`${slot.date}T${slot.start}`);
					}
					expect(amsterdamDate(slot.startsAt)).toBe(slot.date);
					expect(slot.date >= s.from && slot.date <= s.to).toBe(true);
					const minutes = (slot.endsAt - slot.startsAt) / MINUTE_MS;
					expect(slot.end).toBe(addMinutes(slot.start, minutes));
					if (s.schoolId !== undefined) expect(slot.schoolId).toBe(s.schoolId);
				}
			}),
			RUNS
		);
	});

	it('(b) takes every slot from a block that happens that date, inside its window', () => {
		fc.assert(
			fc.property(scenarioArb(), (s) => {
				const sittings = new Map(datesOf(s.from, s.to).map((d) => [d, referenceSittings(s, d)]));
				for (const slot of slotsForRange(s)) {
					const start = minutesOfDay(slot.start);
					const end = minutesOfDay(slot.end);
					const sources = sittings
						.get(slot.date)!
						.filter(
							(x) =>
								x.staffId === slot.staffId &&
								x.schoolId === slot.schoolId &&
								x.locationId === slot.locationId &&
								x.blockId === slot.blockId &&
								x.start <= start &&
								end <= x.end &&
								(start - x.start) % x.step === 0 &&
								x.rules.slotMinutes === end - start &&
								x.rules.capacity === slot.capacity &&
								x.rules.bookable === slot.bookable &&
								x.rules.walkIn === slot.walkIn &&
								x.rules.minNoticeMinutes === slot.minNoticeMinutes &&
								x.rules.horizonDays === slot.horizonDays &&
								x.rules.maxPerContactPerWeek === slot.maxPerContactPerWeek
						);
					expect(sources.length).toBeGreaterThan(0);
				}
			}),
			RUNS
		);
	});

	it('(b) leaves out a possible slot only when it clashes with a slot of the same professional', () => {
		fc.assert(
			fc.property(scenarioArb(), (s) => {
				const slots = unfiltered(s);
				const kept = new Set(slots.map(key));
				for (const candidate of referenceCandidates(s)) {
					if (kept.has(key(candidate))) continue;
					const clash = slots.some((x) => x.staffId === candidate.staffId && overlap(x, candidate));
					expect(clash).toBe(true);
				}
			}),
			RUNS
		);
	});

	it('(c) with now: only bookable slots, with enough notice, within the horizon', () => {
		fc.assert(
			fc.property(
				scenarioArb(),
				fc.integer({ min: 0, max: 35 * 1440 }),
				fc.nat(),
				(s, minutes, pick) => {
					const all = slotsForRange({ ...s, now: undefined });
					// Half the time `now` is exactly the notice before some slot: the edge case.
					const edge = all.length > 0 && pick % 2 === 0 ? all[pick % all.length] : undefined;
					const now = edge
						? edge.startsAt - edge.minNoticeMinutes * MINUTE_MS
						: startOfDay(addDays(s.from, -3)) + minutes * MINUTE_MS;
					const slots = slotsForRange({ ...s, now });
					const today = amsterdamDate(now);
					for (const slot of slots) {
						expect(slot.bookable).toBe(true);
						expect(slot.startsAt).toBeGreaterThanOrEqual(now + slot.minNoticeMinutes * MINUTE_MS);
						expect(slot.date <= addDays(today, slot.horizonDays)).toBe(true);
					}
					// Exactly the slots without `now` that pass those three tests.
					const expected = all.filter(
						(slot) =>
							slot.bookable &&
							slot.startsAt >= now + slot.minNoticeMinutes * MINUTE_MS &&
							slot.date <= addDays(today, slot.horizonDays)
					);
					expect(slots).toEqual(expected);
					if (edge?.bookable && edge.date <= addDays(today, edge.horizonDays)) {
						expect(slots).toContainEqual(edge);
					}
				}
			),
			RUNS
		);
	});

	/**
	 * Adding a closure or 'off' exception removes exactly the covered slots. Removing a slot can
	 * free a clashing slot of the same professional (overlapping blocks), so outside the
	 * professionals and dates it touches nothing may change, and inside them the result is the
	 * old one minus the covered slots whenever the guard had dropped nothing there.
	 */
	function expectRemovesExactly(
		s: Scenario,
		extra: { closure?: Closure; exception?: AvailabilityException },
		covered: (slot: Slot) => boolean,
		touched: (slot: Slot) => boolean,
		exact: boolean
	) {
		const before = slotsForRange(s);
		const after = slotsForRange({
			...s,
			closures: extra.closure ? [...s.closures, extra.closure] : s.closures,
			exceptions: extra.exception ? [...s.exceptions, extra.exception] : s.exceptions
		});
		expect(after.some(covered)).toBe(false);
		expect(after.filter((x) => !touched(x))).toEqual(before.filter((x) => !touched(x)));
		const clashFree =
			s.now === undefined &&
			s.schoolId === undefined &&
			referenceCandidates(s).filter(touched).length === before.filter(touched).length;
		if (exact || clashFree) expect(after).toEqual(before.filter((x) => !covered(x)));
	}

	it('(d) a closure removes exactly the slots of the closed days and schools', () => {
		fc.assert(
			fc.property(
				fc
					.boolean()
					.chain((oneSchoolPerStaff) =>
						scenarioArb({ oneSchoolPerStaff }).chain((s) =>
							fc.tuple(
								fc.constant(s),
								fc.constant(oneSchoolPerStaff),
								closureArb(s.from, datesOf(s.from, s.to).length - 1)
							)
						)
					),
				([s, oneSchoolPerStaff, closure]) => {
					const inside = (x: Slot) => closure.startDate <= x.date && x.date <= closure.endDate;
					expectRemovesExactly(
						s,
						{ closure },
						(x) => covers(closure, x.date, x.schoolId),
						inside,
						closure.schoolId === null || oneSchoolPerStaff
					);
				}
			),
			RUNS
		);
	});

	it("(d) an 'off' exception removes exactly that professional's slots it covers", () => {
		fc.assert(
			fc.property(
				fc.boolean().chain((oneSchoolPerStaff) =>
					scenarioArb({ oneSchoolPerStaff }).chain((s) =>
						fc.tuple(
							fc.constant(s),
							fc.constant(oneSchoolPerStaff),
							exceptionsArb(s.from, datesOf(s.from, s.to).length - 1, s.blocks, {
								oneSchoolPerStaff,
								kinds: ['off'],
								minLength: 1,
								maxLength: 1
							})
						)
					)
				),
				([s, oneSchoolPerStaff, [generated]]) => {
					const off = { ...generated, id: 1000 };
					const ofStaffThatDay = (x: Slot) => x.staffId === off.staffId && x.date === off.date;
					const covered = (x: Slot) =>
						ofStaffThatDay(x) &&
						(off.blockId !== null
							? x.blockId === off.blockId
							: off.schoolId === null || x.schoolId === off.schoolId);
					const exact = off.blockId === null && (off.schoolId === null || oneSchoolPerStaff);
					expectRemovesExactly(s, { exception: off }, covered, ofStaffThatDay, exact);
				}
			),
			RUNS
		);
	});

	it('(e) is deterministic, whatever the order of the input and however the range is cut', () => {
		fc.assert(
			fc.property(scenarioArb(), (s) => {
				const slots = slotsForRange(s);
				expect(slotsForRange(s)).toEqual(slots);
				const reversed = {
					...s,
					blocks: [...s.blocks].reverse(),
					exceptions: [...s.exceptions].reverse(),
					closures: [...s.closures].reverse()
				};
				expect(slotsForRange(reversed)).toEqual(slots);
				const byDay = datesOf(s.from, s.to).flatMap((date) => slotsForDay({ ...s, date }));
				expect(byDay).toEqual(slots);
			}),
			RUNS
		);
	});
});
