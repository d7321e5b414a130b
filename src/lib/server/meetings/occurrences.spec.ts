import { describe, expect, it } from 'vitest';
import { nthWeekdayOfMonth, occurrenceDates } from './occurrences.ts';

describe('the dates of a repeating meeting', () => {
	it('finds the first Friday of a month', () => {
		expect(nthWeekdayOfMonth('2027-01', 5, 1)).toBe('2027-01-01');
		expect(nthWeekdayOfMonth('2027-02', 5, 1)).toBe('2027-02-05');
		expect(nthWeekdayOfMonth('2027-02', 5, 5)).toBeNull();
	});

	it('keeps a monthly meeting on the first Friday, across the new year', () => {
		expect(occurrenceDates('2026-11-06', 'monthly', '2027-03-31')).toEqual([
			'2026-11-06',
			'2026-12-04',
			'2027-01-01',
			'2027-02-05',
			'2027-03-05'
		]);
	});

	it('skips a month without a fifth Friday', () => {
		expect(occurrenceDates('2027-01-29', 'monthly', '2027-05-31')).toEqual([
			'2027-01-29',
			'2027-04-30'
		]);
	});

	it('repeats weekly up to and including the last day, and once is one date', () => {
		expect(occurrenceDates('2027-03-05', 'weekly', '2027-03-19')).toEqual([
			'2027-03-05',
			'2027-03-12',
			'2027-03-19'
		]);
		expect(occurrenceDates('2027-03-05', 'once', '2027-12-31')).toEqual(['2027-03-05']);
	});

	it('never makes more than a year of weekly meetings at once', () => {
		expect(occurrenceDates('2027-01-04', 'weekly', '2029-01-01')).toHaveLength(53);
	});
});
