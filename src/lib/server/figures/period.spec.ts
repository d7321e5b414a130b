import { describe, expect, it } from 'vitest';
import { MAX_RANGE_DAYS, periodOf } from './period.ts';
import { addDays, startOfDay } from '../scheduling/time.ts';

const at = (iso: string) => Date.parse(iso);
const ask = (params: Record<string, string>, now = at('2026-12-06T10:00:00+01:00')) =>
	periodOf(new URLSearchParams(params), now);

describe('the period of the figures', () => {
	it('is this month by default, against the month before, with a year of months for the trend', () => {
		const { period, problem } = ask({});
		expect(problem).toBeUndefined();
		expect(period.current).toEqual({ from: '2026-12-01', to: '2027-01-01' });
		expect(period.previous).toEqual({ from: '2026-11-01', to: '2026-12-01' });
		expect(new Set(period.buckets.map((b) => b.month)).size).toBe(12);
		expect(period.buckets.at(0)!.from).toBe('2026-01-01');
	});

	it('takes a quarter and a year, each against the one before', () => {
		expect(ask({ period: 'quarter', quarter: '2027-Q1' }).period.previous).toEqual({
			from: '2026-10-01',
			to: '2027-01-01'
		});
		const year = ask({ period: 'year', year: '2026' }).period;
		expect(year.current).toEqual({ from: '2026-01-01', to: '2027-01-01' });
		expect(year.previous).toEqual({ from: '2025-01-01', to: '2026-01-01' });
		expect(year.buckets.filter((b) => b.part === 'current')).toHaveLength(12);
	});

	it('takes two dates (the last one included) against as many days before', () => {
		const { period } = ask({ period: 'range', from: '2026-03-15', to: '2026-04-14' });
		expect(period.current).toEqual({ from: '2026-03-15', to: '2026-04-15' });
		expect(period.previous).toEqual({ from: '2026-02-12', to: '2026-03-15' });
	});

	it('refuses a range the wrong way round or longer than two years, and shows this month', () => {
		expect(ask({ period: 'range', from: '2026-05-01', to: '2026-04-01' }).problem).toBe(
			'range_order'
		);
		const long = ask({
			period: 'range',
			from: '2024-01-01',
			to: addDays('2024-01-01', MAX_RANGE_DAYS)
		});
		expect(long.problem).toBe('range_long');
		expect(long.period.kind).toBe('month');
		expect(
			ask({ period: 'range', from: '2024-01-01', to: addDays('2024-01-01', MAX_RANGE_DAYS - 1) })
				.problem
		).toBeUndefined();
	});

	it('cuts the buckets where months and periods start, one after the other, at Amsterdam midnights', () => {
		for (const params of [
			{ period: 'range', from: '2026-03-15', to: '2027-04-02' } as Record<string, string>,
			{ period: 'year', year: '2027' },
			{ period: 'month', month: '2027-03' }
		]) {
			const { buckets } = ask(params).period;
			for (const [i, b] of buckets.entries()) {
				expect(b.fromAt).toBe(startOfDay(b.from));
				expect(b.toAt).toBe(startOfDay(b.to));
				expect(b.from < b.to).toBe(true);
				if (i > 0) expect(b.from).toBe(buckets[i - 1].to);
				expect(b.to.slice(0, 7) === b.month || b.to.endsWith('-01')).toBe(true);
			}
		}
	});

	it('ignores values that are not dates, months or quarters', () => {
		const { period } = ask({ period: 'month', month: '2026-13' });
		expect(period.current.from).toBe('2026-12-01');
		expect(ask({ period: 'range', from: '2026-02-30', to: 'x' }).period.current.from).toBe(
			'2026-12-01'
		);
	});
});
