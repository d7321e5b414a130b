import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate, isoWeekday, toAmsterdamIso, wallClockToInstant } from './time';

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
