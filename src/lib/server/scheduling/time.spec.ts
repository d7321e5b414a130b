import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMinutes,
	amsterdamDate,
	isoWeekday,
	isoWeekStart,
	minutesOfDay,
	startOfDay,
	timeOfDay,
	toAmsterdamIso,
	wallClockOn,
	wallClockToInstant
} from './time';

describe('Amsterdam wall-clock time', () => {
	it('keeps 08:30 at 08:30 local on both sides of the spring change', () => {
		// 2027-03-28 is the last Sunday of March: clocks go from 02:00 to 03:00.
		expect(toAmsterdamIso(wallClockToInstant('2027-03-23', '08:30')!)).toBe(
			'2027-03-23T08:30:00+01:00'
		);
		expect(toAmsterdamIso(wallClockToInstant('2027-03-30', '08:30')!)).toBe(
			'2027-03-30T08:30:00+02:00'
		);
	});

	it('has no 02:30 on the spring-forward day', () => {
		expect(wallClockToInstant('2027-03-28', '02:30')).toBeNull();
		expect(wallClockToInstant('2026-03-29', '02:00')).toBeNull();
	});

	it('takes the first 02:30 on the autumn-back day', () => {
		const instant = wallClockToInstant('2026-10-25', '02:30')!;
		expect(toAmsterdamIso(instant)).toBe('2026-10-25T02:30:00+02:00');
	});

	it('knows dates, weekdays and leap days', () => {
		expect(amsterdamDate(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027-01-01');
		expect(isoWeekday('2026-11-23')).toBe(1);
		expect(isoWeekday('2026-11-29')).toBe(7);
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
	});
});

describe('wall-clock helpers', () => {
	it('converts between HH:MM and minutes of the day', () => {
		expect(minutesOfDay('00:00')).toBe(0);
		expect(minutesOfDay('08:30')).toBe(510);
		expect(minutesOfDay('24:00')).toBe(1440);
		expect(timeOfDay(510)).toBe('08:30');
		expect(timeOfDay(1440)).toBe('24:00');
		expect(addMinutes('09:50', 20)).toBe('10:10');
		expect(() => minutesOfDay('8:30')).toThrow(RangeError);
		expect(() => minutesOfDay('24:01')).toThrow(RangeError);
		expect(() => minutesOfDay('10:60')).toThrow(RangeError);
		expect(() => timeOfDay(1441)).toThrow(RangeError);
	});

	it('finds the Monday of an ISO week, across a year end and a leap day', () => {
		expect(isoWeekStart('2026-11-23')).toBe('2026-11-23');
		expect(isoWeekStart('2026-11-29')).toBe('2026-11-23');
		expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
		expect(isoWeekStart('2028-03-01')).toBe('2028-02-28');
	});

	it('starts every day at 00:00 local, also on the change days', () => {
		expect(toAmsterdamIso(startOfDay('2026-03-29'))).toBe('2026-03-29T00:00:00+01:00');
		expect(toAmsterdamIso(startOfDay('2026-03-30'))).toBe('2026-03-30T00:00:00+02:00');
		expect(toAmsterdamIso(startOfDay('2026-10-25'))).toBe('2026-10-25T00:00:00+02:00');
		expect(toAmsterdamIso(startOfDay('2026-10-26'))).toBe('2026-10-26T00:00:00+01:00');
	});

	it('converts every minute of a day like wallClockToInstant, DST days included', () => {
		for (const date of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2026-06-02']) {
			const clock = wallClockOn(date);
			for (let minutes = 0; minutes < 1440; minutes++) {
				expect(clock(minutes)).toBe(wallClockToInstant(date, timeOfDay(minutes)));
			}
		}
	});
});
