/**
 * The figures as a file for the municipality: one row per school per month of the period. No
 * family may be recognised in a small school, so a count from 1 to 4 reads "<5". That alone is not
 * enough where parts add up to a published total (attended + no-show + cancelled + still to come
 * = booked): with one part hidden, the total gives it away. So in every such group with exactly
 * one hidden part the smallest other part is hidden too ("x"), and so is a part whose difference to
 * its total is small (12 tickets, 10 served: 2 not served). A rate is shown only when the
 * counts it comes from are shown, and a median only over 5 or more values.
 */
import { BOOKING_MADE_BY, CANCELLED_BY, LANGUAGES, TOPICS } from '../../domain/lists.ts';
import {
	COUNTS,
	addCells,
	countedFigures,
	summarise,
	type Cell,
	type CountName,
	type Summary
} from './index.ts';
import type { Period } from './period.ts';

/** Counts from 1 to this number are never shown. */
export const SMALLEST_SHOWN = 5;
export const HIDDEN_SMALL = '<5';
export const HIDDEN_SECOND = 'x';

/** Parts that add up to a total, both in the export. */
const GROUPS: { total: CountName; parts: CountName[] }[] = [
	{
		total: 'booked',
		parts: ['attended', 'no_show', 'open', ...CANCELLED_BY.map((by) => `cancelled_${by}` as const)]
	},
	{ total: 'booked', parts: BOOKING_MADE_BY.map((by) => `made_${by}` as const) },
	{
		total: 'booked',
		parts: [...TOPICS.map((t) => `booking_topic_${t}` as const), 'booking_topic_none']
	},
	{ total: 'booked', parts: LANGUAGES.map((l) => `booking_language_${l}` as const) },
	{
		total: 'tickets',
		parts: ['tickets_from_booking', ...LANGUAGES.map((l) => `ticket_language_${l}` as const)]
	},
	{ total: 'asked', parts: TOPICS.map((t) => `question_topic_${t}` as const) },
	{ total: 'asked', parts: LANGUAGES.map((l) => `question_language_${l}` as const) },
	// Claimed and run out are most of what was offered (the rest: still held, or left).
	{ total: 'waitlist_offered', parts: ['waitlist_claimed', 'waitlist_offer_expired'] },
	{ total: 'signups', parts: LANGUAGES.map((l) => `signup_language_${l}` as const) }
];

/**
 * A part whose difference to its total is a count too (tickets not served, questions not
 * answered, appointments without an interpreter or a reminder, parents on the waiting list never
 * offered a place, sign-ups who did not come): a small difference hides the part.
 */
const COMPLEMENTS: { total: CountName; part: CountName }[] = [
	{ total: 'tickets', part: 'served' },
	{ total: 'asked', part: 'answered' },
	{ total: 'booked', part: 'interpreter' },
	{ total: 'booked', part: 'reminded' },
	{ total: 'waitlist_joined', part: 'waitlist_offered' },
	{ total: 'signups', part: 'signups_attended' }
];

/** The counts of the export, in column order: every count the figures keep. */
export const EXPORT_COUNTS: readonly CountName[] = COUNTS;

export const EXPORT_HEADER = [
	'school',
	'month',
	...EXPORT_COUNTS,
	'no_show_rate',
	'median_wait_minutes',
	'p90_wait_minutes',
	'median_first_answer_hours'
];

const small = (n: number) => n >= 1 && n < SMALLEST_SHOWN;

/**
 * Which counts of one row are hidden, and how: '<5' for a small count, 'x' for a part hidden so
 * that a small one cannot be worked out from its total.
 */
export function hiddenCounts(
	counts: Record<CountName, number>
): Map<CountName, typeof HIDDEN_SMALL | typeof HIDDEN_SECOND> {
	const hidden = new Map<CountName, typeof HIDDEN_SMALL | typeof HIDDEN_SECOND>();
	for (const name of EXPORT_COUNTS) if (small(counts[name])) hidden.set(name, HIDDEN_SMALL);
	for (const { total, parts } of GROUPS) {
		if (hidden.has(total)) continue;
		const hiddenParts = parts.filter((p) => hidden.has(p));
		if (hiddenParts.length !== 1) continue;
		const next = parts
			.filter((p) => !hidden.has(p) && counts[p] > 0)
			.sort((a, b) => counts[a] - counts[b])[0];
		if (next) hidden.set(next, HIDDEN_SECOND);
	}
	for (const { total, part } of COMPLEMENTS) {
		if (hidden.has(total) || hidden.has(part)) continue;
		if (small(counts[total] - counts[part])) hidden.set(part, HIDDEN_SECOND);
	}
	return hidden;
}

/** One row of the export: the counts with the small ones hidden, and what may be derived. */
export function exportRow(
	school: string,
	month: string,
	summary: Summary,
	format: { decimal: (n: number, digits: number) => string }
): string[] {
	const { counts } = summary;
	const hidden = hiddenCounts(counts);
	const shown = (name: CountName) => hidden.get(name) ?? String(counts[name]);
	// A rate of hidden counts would give them back (no-show 3 of 8 is 0.375).
	const rate =
		summary.noShowRate === null || hidden.has('no_show') || hidden.has('attended')
			? ''
			: format.decimal(summary.noShowRate, 2);
	const enough = (n: number) => n >= SMALLEST_SHOWN;
	const minutes = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 60_000)));
	return [
		school,
		month,
		...EXPORT_COUNTS.map(shown),
		rate,
		enough(counts.served) ? minutes(summary.medianWaitMs) : '',
		enough(counts.served) ? minutes(summary.p90WaitMs) : '',
		enough(counts.answered) && summary.medianAnswerMs !== null
			? format.decimal(summary.medianAnswerMs / 3_600_000, 1)
			: ''
	];
}

/**
 * The export of a batch of `figureQueries`: every school of the scope for every month of the
 * period (a month with nothing happening is a row of zeros), numbers in the staff language.
 */
export function figuresExport(rows: readonly unknown[], period: Period, lang: 'nl' | 'en') {
	const { schools, cells } = countedFigures(rows);
	const decimal = (n: number, digits: number) =>
		new Intl.NumberFormat(lang, {
			useGrouping: false,
			minimumFractionDigits: digits,
			maximumFractionDigits: digits
		}).format(n);
	const months = [
		...new Set(period.buckets.filter((b) => b.part === 'current').map((b) => b.month))
	];
	// Each cell to its school and month, in one pass.
	const byKey = new Map<string, Cell[]>();
	for (const cell of cells.values()) {
		const { schoolId, bucket } = cell.at!;
		const b = period.buckets[bucket];
		if (b?.part !== 'current') continue;
		const key = `${schoolId}:${b.month}`;
		byKey.set(key, [...(byKey.get(key) ?? []), cell]);
	}
	const lines = schools.flatMap((school) =>
		months.map((month) =>
			exportRow(school.name, month, summarise(addCells(byKey.get(`${school.id}:${month}`) ?? [])), {
				decimal
			})
		)
	);
	return { header: EXPORT_HEADER, lines };
}
