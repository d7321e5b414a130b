import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, isoWeekRange, slotsForDay, slotsForRange } from './engine.ts';
import { toAmsterdamIso, wallClockToInstant } from './time.ts';
import type { AvailabilityException, Closure, Slot, SlotQuery, WeeklyBlock } from './types.ts';
import { exception } from './engine.fixtures.ts';

const HOUR_MS = 3_600_000;

/** Samira's spreekuur: Tuesdays 08:30–10:00 at school 1, 20-minute slots. */
function block(overrides: Partial<WeeklyBlock> = {}): WeeklyBlock {
	return {
		id: 1,
		staffId: 1,
		schoolId: 1,
		locationId: 10,
		weekday: 2,
		startTime: '08:30',
		endTime: '10:00',
		slotMinutes: 20,
		capacity: 1,
		bufferMinutes: 0,
		minNoticeMinutes: 120,
		horizonDays: 28,
		maxPerContactPerWeek: 2,
		bookable: true,
		walkIn: false,
		validFrom: '2026-01-01',
		validUntil: null,
		...overrides
	};
}

function query(overrides: Partial<SlotQuery> & Pick<SlotQuery, 'from' | 'to'>): SlotQuery {
	return { blocks: [block()], exceptions: [], closures: [], ...overrides };
}

const starts = (slots: Slot[]) => slots.map((s) => `${s.date} ${s.start}`);
const isoStarts = (slots: Slot[]) => slots.map((s) => toAmsterdamIso(s.startsAt));

// 2026-11-24 is a Tuesday.
const TUESDAY = '2026-11-24';

describe('slots of a weekly block', () => {
	it("splits Samira's Tuesday 08:30–10:00 into four 20-minute slots", () => {
		const slots = slotsForRange(query({ from: '2026-11-23', to: '2026-11-29' }));
		expect(slots.map((s) => [s.start, s.end])).toEqual([
			['08:30', '08:50'],
			['08:50', '09:10'],
			['09:10', '09:30'],
			['09:30', '09:50']
		]);
		expect(slots.every((s) => s.date === TUESDAY && s.blockId === 1)).toBe(true);
		expect(isoStarts(slots)[0]).toBe('2026-11-24T08:30:00+01:00');
		expect(slots[3].endsAt - slots[3].startsAt).toBe(20 * 60_000);
	});

	it('leaves a buffer between slots', () => {
		const slots = slotsForDay({
			blocks: [block({ bufferMinutes: 10 })],
			exceptions: [],
			closures: [],
			date: TUESDAY
		});
		expect(slots.map((s) => s.start)).toEqual(['08:30', '09:00', '09:30']);
	});

	it('carries capacity, location and the booking rules into every slot', () => {
		const rules = { minNoticeMinutes: 60, horizonDays: 14, maxPerContactPerWeek: 1 };
		const [slot] = slotsForDay({
			blocks: [block({ capacity: 3, walkIn: true, locationId: 12, ...rules })],
			exceptions: [],
			closures: [],
			date: TUESDAY
		});
		expect(slot).toMatchObject({ capacity: 3, walkIn: true, bookable: true, locationId: 12 });
		expect(slot).toMatchObject(rules);
	});

	it('only applies between validFrom and validUntil, inclusive', () => {
		const limited = block({ validFrom: '2026-11-10', validUntil: '2026-11-24' });
		const slots = slotsForRange(query({ blocks: [limited], from: '2026-11-01', to: '2026-12-08' }));
		expect([...new Set(slots.map((s) => s.date))]).toEqual([
			'2026-11-10',
			'2026-11-17',
			'2026-11-24'
		]);
		const open = slotsForRange(
			query({ blocks: [block({ validFrom: '2026-11-10' })], from: '2026-11-01', to: '2026-12-08' })
		);
		expect(new Set(open.map((s) => s.date)).size).toBe(5);
	});

	it('gives nothing for an empty range', () => {
		expect(slotsForRange(query({ from: '2026-11-25', to: '2026-11-24' }))).toEqual([]);
	});

	it('sorts by start, then by staff', () => {
		const slots = slotsForDay({
			blocks: [block({ id: 2, staffId: 2, startTime: '08:30' }), block({ startTime: '08:50' })],
			exceptions: [],
			closures: [],
			date: TUESDAY
		});
		expect(slots.slice(0, 3).map((s) => `${s.start}/${s.staffId}`)).toEqual([
			'08:30/2',
			'08:50/1',
			'08:50/2'
		]);
	});
});

describe('the end of the calendar', () => {
	it('stops after 9999-12-31 (Temporal writes the next day as +010000-01-01)', () => {
		const slots = slotsForRange({
			blocks: [block({ weekday: 5 })],
			exceptions: [],
			closures: [],
			from: '9999-12-31',
			to: '9999-12-31'
		});
		expect(slots.length).toBeGreaterThan(0);
		expect([...new Set(slots.map((s) => s.date))]).toEqual(['9999-12-31']);
	});
});

describe('closures', () => {
	const twoSchools = [block(), block({ id: 2, schoolId: 2, startTime: '13:00', endTime: '14:00' })];

	it('closes every school for an organisation-wide holiday', () => {
		const christmas: Closure = { schoolId: null, startDate: '2026-12-21', endDate: '2027-01-03' };
		const slots = slotsForRange(
			query({ blocks: twoSchools, closures: [christmas], from: '2026-12-14', to: '2027-01-10' })
		);
		expect([...new Set(slots.map((s) => s.date))]).toEqual(['2026-12-15', '2027-01-05']);
	});

	it('closes only the one school of a school closure, extra blocks included', () => {
		const studyDay: Closure = { schoolId: 1, startDate: TUESDAY, endDate: TUESDAY };
		const extra = exception({
			kind: 'extra',
			date: TUESDAY,
			schoolId: 1,
			locationId: 10,
			startTime: '15:00',
			endTime: '16:00'
		});
		const slots = slotsForDay({
			blocks: twoSchools,
			exceptions: [extra],
			closures: [studyDay],
			date: TUESDAY
		});
		expect(slots.map((s) => s.schoolId)).toEqual([2, 2, 2]);
	});
});

describe('exceptions', () => {
	const atTwoSchools = [
		block(),
		block({ id: 2, schoolId: 2, locationId: 20, startTime: '13:00', endTime: '14:00' })
	];
	const otherStaff = block({ id: 3, staffId: 2 });
	const extra = exception({
		id: 9,
		kind: 'extra',
		date: TUESDAY,
		schoolId: 1,
		locationId: 11,
		startTime: '15:00',
		endTime: '16:00'
	});
	const day = (exceptions: AvailabilityException[], blocks = [...atTwoSchools, otherStaff]) =>
		slotsForDay({ blocks, exceptions, closures: [], date: TUESDAY });

	it("'off' for the whole day removes all of that professional's blocks, extra ones too", () => {
		const slots = day([extra, exception({ id: 2, kind: 'off', date: TUESDAY })]);
		expect(slots.map((s) => s.staffId)).toEqual([2, 2, 2, 2]);
	});

	it("'off' for the whole day at one school leaves the other school", () => {
		const slots = day([extra, exception({ id: 2, kind: 'off', date: TUESDAY, schoolId: 1 })]);
		expect(slots.filter((s) => s.staffId === 1).map((s) => s.schoolId)).toEqual([2, 2, 2]);
	});

	it("'off' for one block removes only that block, on that date only", () => {
		const off = exception({ kind: 'off', date: TUESDAY, blockId: 1 });
		expect(
			day([off])
				.filter((s) => s.staffId === 1)
				.map((s) => s.blockId)
		).toEqual([2, 2, 2]);
		const week = slotsForRange(query({ exceptions: [off], from: TUESDAY, to: '2026-12-01' }));
		expect(starts(week)).toEqual([
			'2026-12-01 08:30',
			'2026-12-01 08:50',
			'2026-12-01 09:10',
			'2026-12-01 09:30'
		]);
	});

	it("ignores an exception of another professional for the block's id", () => {
		const notHers = exception({ kind: 'off', date: TUESDAY, blockId: 1, staffId: 2 });
		expect(day([notHers], [block()])).toHaveLength(4);
	});

	it("'changed' replaces the times and the values that are set", () => {
		const changed = exception({
			kind: 'changed',
			date: TUESDAY,
			blockId: 1,
			startTime: '11:00',
			endTime: '12:00',
			locationId: 12,
			slotMinutes: 30,
			capacity: 2,
			walkIn: true
		});
		const slots = day([changed], [block({ bufferMinutes: 0, minNoticeMinutes: 30 })]);
		expect(slots.map((s) => [s.start, s.end])).toEqual([
			['11:00', '11:30'],
			['11:30', '12:00']
		]);
		expect(slots[0]).toMatchObject({
			blockId: 1,
			locationId: 12,
			capacity: 2,
			walkIn: true,
			bookable: true,
			minNoticeMinutes: 30
		});
	});

	it("'changed' keeps the block's own values where the exception has none", () => {
		const later = exception({ kind: 'changed', date: TUESDAY, blockId: 1, startTime: '09:10' });
		const slots = day([later], [block({ capacity: 2 })]);
		expect(slots.map((s) => s.start)).toEqual(['09:10', '09:30']);
		expect(slots.every((s) => s.capacity === 2 && s.locationId === 10)).toBe(true);
	});

	it("takes the latest 'changed' when there are two for one block and date", () => {
		const first = exception({ id: 4, kind: 'changed', date: TUESDAY, blockId: 1, capacity: 2 });
		const second = exception({ id: 7, kind: 'changed', date: TUESDAY, blockId: 1, capacity: 5 });
		expect(day([second, first], [block()])[0].capacity).toBe(5);
		expect(day([first, second], [block()])[0].capacity).toBe(5);
	});

	it("'changed' can make a block walk-in only", () => {
		const walkIn = exception({ kind: 'changed', date: TUESDAY, blockId: 1, bookable: false });
		expect(day([walkIn], [block()]).every((s) => !s.bookable)).toBe(true);
	});

	it("'extra' adds a block with the defaults and DEFAULT_RULES", () => {
		const slots = day([extra], []);
		expect(slots.map((s) => s.start)).toEqual(['15:00', '15:20', '15:40']);
		expect(slots[0]).toMatchObject({
			staffId: 1,
			schoolId: 1,
			locationId: 11,
			blockId: null,
			capacity: 1,
			bookable: true,
			walkIn: false,
			minNoticeMinutes: DEFAULT_RULES.minNoticeMinutes,
			horizonDays: DEFAULT_RULES.horizonDays,
			maxPerContactPerWeek: DEFAULT_RULES.maxPerContactPerWeek
		});
	});

	it("'extra' takes the slot length, capacity and walk-in it is given", () => {
		const slots = day([{ ...extra, slotMinutes: 30, capacity: 4, walkIn: true }], []);
		expect(slots.map((s) => s.start)).toEqual(['15:00', '15:30']);
		expect(slots[0]).toMatchObject({ capacity: 4, walkIn: true });
	});
});

describe('one professional at two places', () => {
	it('never gets overlapping slots; the earlier slot wins, whichever school is asked', () => {
		const blocks = [
			block({ startTime: '09:00', endTime: '10:00' }),
			block({ id: 2, schoolId: 2, startTime: '09:30', endTime: '11:00' })
		];
		const all = slotsForDay({ blocks, exceptions: [], closures: [], date: TUESDAY });
		expect(all.map((s) => `${s.schoolId} ${s.start}`)).toEqual([
			'1 09:00',
			'1 09:20',
			'1 09:40',
			'2 10:10',
			'2 10:30'
		]);
		const atSchool2 = slotsForDay({
			blocks,
			exceptions: [],
			closures: [],
			date: TUESDAY,
			schoolId: 2
		});
		expect(atSchool2.map((s) => s.start)).toEqual(['10:10', '10:30']);
	});
});

describe('booking now', () => {
	const first = wallClockToInstant(TUESDAY, '08:30')!;

	it('leaves out walk-in-only blocks when now is set', () => {
		const walkIn = block({
			id: 2,
			bookable: false,
			walkIn: true,
			startTime: '13:00',
			endTime: '14:00'
		});
		const all = slotsForDay({
			blocks: [block(), walkIn],
			exceptions: [],
			closures: [],
			date: TUESDAY
		});
		expect(all.filter((s) => !s.bookable)).toHaveLength(3);
		const now = first - 7 * 24 * HOUR_MS;
		const bookable = slotsForDay({
			blocks: [block(), walkIn],
			exceptions: [],
			closures: [],
			date: TUESDAY,
			now
		});
		expect(bookable.map((s) => s.start)).toEqual(['08:30', '08:50', '09:10', '09:30']);
	});

	it('needs the minimum notice: 1h59 ahead is out, 2h ahead is in', () => {
		const at = (now: number) =>
			slotsForDay({ blocks: [block()], exceptions: [], closures: [], date: TUESDAY, now }).map(
				(s) => s.start
			);
		expect(at(first - 2 * HOUR_MS)).toEqual(['08:30', '08:50', '09:10', '09:30']);
		expect(at(first - 2 * HOUR_MS + 60_000)).toEqual(['08:50', '09:10', '09:30']);
	});

	it('looks no further ahead than the horizon, in Amsterdam dates', () => {
		// 23:30 UTC on Monday 23 November is already Tuesday 24 November in Amsterdam.
		const now = Date.UTC(2026, 10, 23, 23, 30);
		const slots = slotsForRange(query({ from: '2026-11-24', to: '2027-01-05', now }));
		const dates = [...new Set(slots.map((s) => s.date))];
		expect(dates).toEqual(['2026-11-24', '2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22']);
		const shortHorizon = slotsForRange(
			query({ blocks: [block({ horizonDays: 7 })], from: '2026-11-24', to: '2027-01-05', now })
		);
		expect([...new Set(shortHorizon.map((s) => s.date))]).toEqual(['2026-11-24', '2026-12-01']);
	});
});

describe('daylight saving time', () => {
	const tuesdays = (from: string, to: string) =>
		slotsForRange(query({ from, to })).filter((s) => s.start === '08:30');

	it('keeps Tuesday 08:30 at 08:30 local around the March changes of 2026 and 2027', () => {
		expect(isoStarts(tuesdays('2026-03-23', '2026-04-05'))).toEqual([
			'2026-03-24T08:30:00+01:00',
			'2026-03-31T08:30:00+02:00'
		]);
		expect(isoStarts(tuesdays('2027-03-22', '2027-04-04'))).toEqual([
			'2027-03-23T08:30:00+01:00',
			'2027-03-30T08:30:00+02:00'
		]);
	});

	it('keeps Tuesday 08:30 at 08:30 local around the October changes of 2026 and 2027', () => {
		expect(isoStarts(tuesdays('2026-10-19', '2026-11-01'))).toEqual([
			'2026-10-20T08:30:00+02:00',
			'2026-10-27T08:30:00+01:00'
		]);
		expect(isoStarts(tuesdays('2027-10-25', '2027-11-07'))).toEqual([
			'2027-10-26T08:30:00+02:00',
			'2027-11-02T08:30:00+01:00'
		]);
	});

	const night = (date: string, slotMinutes: number) =>
		slotsForDay({
			blocks: [block({ weekday: 7, startTime: '01:00', endTime: '04:00', slotMinutes })],
			exceptions: [],
			closures: [],
			date
		});

	const expectNoOverlap = (slots: Slot[]) => {
		for (let i = 1; i < slots.length; i++) {
			expect(slots[i].startsAt).toBeGreaterThanOrEqual(slots[i - 1].endsAt);
		}
	};

	it('starts no slot in the spring-forward gap on the change night', () => {
		const slots = night('2026-03-29', 20);
		expect(isoStarts(slots)).toEqual([
			'2026-03-29T01:00:00+01:00',
			'2026-03-29T01:20:00+01:00',
			'2026-03-29T01:40:00+01:00',
			'2026-03-29T03:00:00+02:00',
			'2026-03-29T03:20:00+02:00',
			'2026-03-29T03:40:00+02:00'
		]);
		expectNoOverlap(slots);
	});

	it('drops a slot that would overlap one running through the gap', () => {
		// 01:50 lasts 25 real minutes, until 03:15 local, so 03:05 would overlap it.
		const slots = night('2026-03-29', 25);
		expect(slots.map((s) => s.start)).toEqual(['01:00', '01:25', '01:50', '03:30']);
		expect(toAmsterdamIso(slots[2].endsAt)).toBe('2026-03-29T03:15:00+02:00');
		expectNoOverlap(slots);
	});

	it('doubles no slot in the autumn fold: the first 02:00–03:00 is used', () => {
		const slots = night('2026-10-25', 20);
		expect(isoStarts(slots)).toEqual([
			'2026-10-25T01:00:00+02:00',
			'2026-10-25T01:20:00+02:00',
			'2026-10-25T01:40:00+02:00',
			'2026-10-25T02:00:00+02:00',
			'2026-10-25T02:20:00+02:00',
			'2026-10-25T02:40:00+02:00',
			'2026-10-25T03:00:00+01:00',
			'2026-10-25T03:20:00+01:00',
			'2026-10-25T03:40:00+01:00'
		]);
		expect(new Set(slots.map((s) => s.startsAt)).size).toBe(slots.length);
		expectNoOverlap(slots);
	});
});

describe('calendar edges', () => {
	it('has slots on leap day 2028-02-29, a Tuesday', () => {
		const slots = slotsForRange(query({ from: '2028-02-28', to: '2028-03-01' }));
		expect(starts(slots)[0]).toBe('2028-02-29 08:30');
		expect(slots).toHaveLength(4);
	});

	it('runs across the year end', () => {
		const blocks = [block(), block({ id: 2, weekday: 4, startTime: '14:00', endTime: '14:40' })];
		const slots = slotsForRange(query({ blocks, from: '2026-12-28', to: '2027-01-05' }));
		expect(starts(slots)).toEqual([
			'2026-12-29 08:30',
			'2026-12-29 08:50',
			'2026-12-29 09:10',
			'2026-12-29 09:30',
			'2026-12-31 14:00',
			'2026-12-31 14:20',
			'2027-01-05 08:30',
			'2027-01-05 08:50',
			'2027-01-05 09:10',
			'2027-01-05 09:30'
		]);
	});
});

describe('isoWeekRange', () => {
	const range = (instant: number) => {
		const { start, end } = isoWeekRange(instant);
		return [toAmsterdamIso(start), toAmsterdamIso(end)];
	};

	it('spans Monday 00:00 to the next Monday 00:00 in a week with the spring change', () => {
		const week = ['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00'];
		expect(range(wallClockToInstant('2026-03-25', '12:00')!)).toEqual(week);
		expect(range(wallClockToInstant('2026-03-23', '00:00')!)).toEqual(week);
		expect(range(wallClockToInstant('2026-03-29', '23:59')!)).toEqual(week);
		const { start, end } = isoWeekRange(wallClockToInstant('2026-03-25', '12:00')!);
		expect(end - start).toBe(7 * 24 * HOUR_MS - HOUR_MS);
	});

	it('is an hour longer in a week with the autumn change', () => {
		const { start, end } = isoWeekRange(wallClockToInstant('2027-10-31', '02:30')!);
		expect([toAmsterdamIso(start), toAmsterdamIso(end)]).toEqual([
			'2027-10-25T00:00:00+02:00',
			'2027-11-01T00:00:00+01:00'
		]);
		expect(end - start).toBe(7 * 24 * HOUR_MS + HOUR_MS);
	});

	it('uses the Amsterdam date around the year end', () => {
		// 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
		expect(range(Date.UTC(2026, 11, 31, 23, 30))).toEqual([
			'2026-12-28T00:00:00+01:00',
			'2027-01-04T00:00:00+01:00'
		]);
		expect(range(Date.UTC(2027, 0, 3, 23, 30))).toEqual([
			'2027-01-04T00:00:00+01:00',
			'2027-01-11T00:00:00+01:00'
		]);
	});
});
