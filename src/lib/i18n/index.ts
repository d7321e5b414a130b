/**
 * Every text a parent, a kiosk user or a professional sees comes from the translation files. The
 * browser only ever gets the messages of the page's own language (from the layout's data) and a
 * small `t` for them; the server has them all (resources.ts) and the same `t`. Dates, times and numbers
 * go through Intl in the same language and Europe/Amsterdam.
 */
import type { IsoWeekday } from '../domain/lists.ts';
import { fieldKey, type TFunction } from './keys.ts';
import { SOURCE_LANGUAGE, type Language } from './languages.ts';

export * from './languages.ts';
export type { KeyPrefix, KeyUnder, MessageKey, TFunction, TOptions } from './keys.ts';
export { fieldKey, keyFor } from './keys.ts';
// One translation engine for the server and the browser: this small `t` (translate.ts).
export { createTranslator, type Messages } from './translate.ts';

export const TIME_ZONE = 'Europe/Amsterdam';

/**
 * Intl formatters for one language, always in Amsterdam time. Where the runtime's Intl has no
 * data for a language (Tigrinya in V8), weekday names come from the translation files, times use
 * the 24-hour clock and language names are given in their own language.
 */
export function formatters(lang: Language, t: TFunction) {
	const { hasIntl, time, weekday, longDate, moment, languageNames, list } = intlFor(lang);
	/** A language's name in this language ("Arabisch" in Dutch), else in its own ("العربية"). */
	const languageName = (code: string): string =>
		languageNames?.of(code) ?? displayNames(code)?.of(code) ?? code;
	const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
	return {
		/** "08:30" for a wall-clock 'HH:MM' in the language's own format (and digits). */
		wallTime(hhmm: string): string {
			const [h, m] = hhmm.split(':').map(Number);
			// A fixed winter day: no DST shift, so the wall-clock time is shown as it is.
			return time.format(new Date(Date.UTC(2024, 0, 1, h - 1, m)));
		},
		/** An instant as Amsterdam wall-clock time. */
		time(instant: number): string {
			return time.format(new Date(instant));
		},
		/** An instant as an Amsterdam date and time ("1 dec 2026, 09:30"). */
		moment(instant: number): string {
			return moment.format(new Date(instant));
		},
		/** Name of an ISO weekday (1 = Monday … 7 = Sunday). */
		weekday(isoWeekday: number): string {
			// 2024-01-01 was a Monday.
			return hasIntl
				? weekday.format(new Date(Date.UTC(2024, 0, isoWeekday)))
				: t(`weekdays.${isoWeekday as IsoWeekday}`);
		},
		/** "dinsdag 1 december" for a 'YYYY-MM-DD' date. */
		date(date: string): string {
			if (hasIntl) return longDate.format(new Date(`${date}T00:00:00Z`));
			const [, month, day] = date.split('-').map(Number);
			return `${t(`weekdays.${isoWeekday(date) as IsoWeekday}`)} ${day}/${month}`;
		},
		languageName,
		/** A language as a person typed it: a code ('ar') by its name, anything else as it is. */
		languageLabel(value: string | null): string {
			if (!value) return '';
			return /^[a-z]{2,3}$/.test(value) ? languageName(value) : value;
		},
		list(items: string[]): string {
			return list ? list.format(items) : items.join(', ');
		}
	};
}

export type Formatters = ReturnType<typeof formatters>;

type IntlSet = {
	hasIntl: boolean;
	time: Intl.DateTimeFormat;
	weekday: Intl.DateTimeFormat;
	longDate: Intl.DateTimeFormat;
	moment: Intl.DateTimeFormat;
	languageNames: Intl.DisplayNames | undefined;
	list: Intl.ListFormat | undefined;
};

// Intl objects are costly to make and hold nothing of a request: one set per language for the
// isolate's lifetime, instead of new ones on every page.
const intlCache = new Map<Language, IntlSet>();

function intlFor(lang: Language): IntlSet {
	let set = intlCache.get(lang);
	if (set) return set;
	const hasIntl = Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0;
	const locale = hasIntl ? lang : SOURCE_LANGUAGE;
	set = {
		hasIntl,
		time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: TIME_ZONE }),
		weekday: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
		longDate: new Intl.DateTimeFormat(locale, {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			timeZone: 'UTC'
		}),
		moment: new Intl.DateTimeFormat(locale, {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: TIME_ZONE
		}),
		languageNames: hasIntl ? displayNames(lang) : undefined,
		list: hasIntl ? new Intl.ListFormat(lang, { type: 'conjunction' }) : undefined
	};
	intlCache.set(lang, set);
	return set;
}

const namesCache = new Map<string, Intl.DisplayNames | undefined>();

function displayNames(lang: string): Intl.DisplayNames | undefined {
	if (namesCache.has(lang)) return namesCache.get(lang);
	let names: Intl.DisplayNames | undefined;
	try {
		names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
	} catch {
		names = undefined;
	}
	// Only codes of our own languages are kept, so hostile input cannot grow the cache.
	if (/^[a-z]{2,3}$/.test(lang) && namesCache.size < 500) namesCache.set(lang, names);
	return names;
}

/** The message for a field error code: a field's own wording where there is one, else the general one. */
export function fieldMessage(t: TFunction, field: string, code: string): string {
	return t(fieldKey(field, code));
}
