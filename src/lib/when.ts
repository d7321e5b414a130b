import { TIME_ZONE } from './i18n/index.ts';
import type { I18n } from './i18n/context.svelte.ts';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** The Amsterdam 'YYYY-MM-DD' of an instant, for i18n.format.date. */
export const amsterdamDay = (instant: number) => dayFormat.format(new Date(instant));

/**
 * Text that keeps its own direction inside a sentence of the other one (a first strong isolate):
 * a time range or a Latin name in Arabic.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * When an appointment is, in the page's language: its Amsterdam day and its time range
 * ("dinsdag 8 december om 09:30 – 09:50"), the range isolated so it keeps its order in Arabic.
 * The start and end are instants or ISO timestamps.
 */
export function whenRange(
	i18n: Pick<I18n, 't' | 'format'>,
	start: number | string,
	end: number | string
): string {
	const [from, to] = [start, end].map((at) => (typeof at === 'number' ? at : Date.parse(at)));
	return i18n.t('book.at', {
		date: i18n.format.date(amsterdamDay(from)),
		time: isolate(`${i18n.format.time(from)} – ${i18n.format.time(to)}`)
	});
}
