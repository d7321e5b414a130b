/**
 * The period a figures page or export covers, the period before it (to compare with), and the
 * months in between: all as Amsterdam dates, with the instants where they start. Pure, no I/O.
 */
import { addDays, amsterdamDate, startOfDay } from '../scheduling/time.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The longest range of two dates a person may ask for: two years, and a day for a leap year. */
export const MAX_RANGE_DAYS = 731;

/** Dates 'YYYY-MM-DD'; `to` is the first day after the period. */
export type Span = { from: string; to: string };

export type Period = {
	kind: PeriodKind;
	current: Span;
	previous: Span;
	/**
	 * The months of both periods and of the twelve months up to the period's end (the trend
	 * line), cut where a period starts or ends: each bucket lies wholly in one of them.
	 */
	buckets: Bucket[];
	/** What the form shows: the values asked for (or the defaults). */
	asked: { month: string; quarter: string; year: string; from: string; to: string };
};

export type Bucket = {
	/** 'YYYY-MM' */
	month: string;
	from: string;
	to: string;
	fromAt: number;
	toAt: number;
	/** Which period it counts for; 'trend' only draws the line over the months. */
	part: 'current' | 'previous' | 'trend';
};

/** Months of the trend line: a year up to the end of the period. */
export const TREND_MONTHS = 12;

export type PeriodProblem = 'range_order' | 'range_long';

const MONTH = /^(2\d{3})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(2\d{3})-Q([1-4])$/;
const YEAR = /^2\d{3}$/;
const DAY = /^2\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const isDay = (value: string | null): value is string => {
	if (!value || !DAY.test(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const pad = (n: number) => String(n).padStart(2, '0');
/** The first day of the month `months` after the month of `date`. */
function addMonths(date: string, months: number): string {
	const [y, m] = date.split('-').map(Number);
	const total = y * 12 + (m - 1) + months;
	return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01`;
}
const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The period asked for in a query string (`period=month&month=2026-11`, `period=quarter&
 * quarter=2026-Q4`, `period=year&year=2026`, `period=range&from=…&to=…` with `to` the last day),
 * else this month. A range the wrong way round or longer than two years gives a problem and this
 * month.
 */
export function periodOf(
	params: URLSearchParams,
	now: number
): { period: Period; problem?: PeriodProblem } {
	const today = amsterdamDate(now);
	const [ty, tm] = today.split('-').map(Number);
	const asked = {
		month: MONTH.test(params.get('month') ?? '') ? params.get('month')! : today.slice(0, 7),
		quarter: QUARTER.test(params.get('quarter') ?? '')
			? params.get('quarter')!
			: `${ty}-Q${Math.ceil(tm / 3)}`,
		year: YEAR.test(params.get('year') ?? '') ? params.get('year')! : String(ty),
		from: isDay(params.get('from')) ? params.get('from')! : `${today.slice(0, 7)}-01`,
		to: isDay(params.get('to')) ? params.get('to')! : today
	};
	const kind = PERIOD_KINDS.find((k) => k === params.get('period')) ?? 'month';
	const monthly = (first: string, months: number): Period => {
		const current = { from: first, to: addMonths(first, months) };
		return build(kind, current, { from: addMonths(first, -months), to: first }, asked);
	};
	if (kind === 'month') return { period: monthly(`${asked.month}-01`, 1) };
	if (kind === 'quarter') {
		const [, y, q] = QUARTER.exec(asked.quarter)!;
		return { period: monthly(`${y}-${pad((Number(q) - 1) * 3 + 1)}-01`, 3) };
	}
	if (kind === 'year') return { period: monthly(`${asked.year}-01-01`, 12) };
	const to = addDays(asked.to, 1);
	const days = daysBetween(asked.from, to);
	if (days < 1 || days > MAX_RANGE_DAYS) {
		const fallback = periodOf(new URLSearchParams(), now).period;
		return {
			period: { ...fallback, asked },
			problem: days < 1 ? 'range_order' : 'range_long'
		};
	}
	return {
		period: build(
			'range',
			{ from: asked.from, to },
			{ from: addDays(asked.from, -days), to: asked.from },
			asked
		)
	};
}

function build(kind: PeriodKind, current: Span, previous: Span, asked: Period['asked']): Period {
	const trendFrom = addMonths(addDays(current.to, -1), 1 - TREND_MONTHS);
	const spans: (Span & { part: Bucket['part'] })[] = [
		...(trendFrom < previous.from
			? [{ from: trendFrom, to: previous.from, part: 'trend' as const }]
			: []),
		{ ...previous, part: 'previous' },
		{ ...current, part: 'current' }
	];
	const buckets: Bucket[] = [];
	for (const span of spans) {
		let from = span.from;
		while (from < span.to) {
			const next = addMonths(from, 1);
			const to = next < span.to ? next : span.to;
			buckets.push({
				month: from.slice(0, 7),
				from,
				to,
				fromAt: startOfDay(from),
				toAt: startOfDay(to),
				part: span.part
			});
			from = to;
		}
	}
	return { kind, current, previous, buckets, asked };
}
