/**
 * Every text a parent, a kiosk user or a professional sees comes from the translation files. The
 * browser only ever gets the messages of the page's own language (from the layout's data) and a
 * small `t` for them; the server has them all (resources.ts) and i18next with the same rules (the
 * lookup, plural forms and placeholders of translate.ts). Dates, times and numbers
 * go through Intl in the same language and Europe/Amsterdam.
 */
import type { IsoWeekday } from '../domain/lists.ts';
import { fieldKey, type TFunction } from './keys.ts';
import type { Language } from './languages.ts';

export * from './languages.ts';
export type { KeyPrefix, KeyUnder, MessageKey, TFunction, TOptions } from './keys.ts';
export { fieldKey, keyFor } from './keys.ts';
// One set of translation rules for the server and the browser (translate.ts): the page's `t`.
export { createTranslator, type Messages } from './translate.ts';

export const TIME_ZONE = 'Europe/Amsterdam';

/**
 * One way of writing dates and times, for the page on the server, the page in the browser and the
 * messages: a 24-hour clock in every language (as on the school's own signs), Latin digits in
 * Arabic, British English, Amsterdam time. Intl differs between runtimes where it lacks a language:
 * workerd has no Tigrinya (it fell back to Dutch, "1 mrt"), Chromium has none either (it falls
 * back to English), Node has it. So Tigrinya dates never go through Intl: they are written here
 * from CLDR's Tigrinya names, the same everywhere.
 */
export function formatters(lang: Language, t: TFunction) {
	const intl = intlFor(lang);
	/** A language's name in this language ("Arabisch" in Dutch), else in its own ("العربية"). */
	const languageName = (code: string): string =>
		intl.languageNames?.of(code) ?? displayNames(code)?.of(code) ?? code;
	const time = (instant: number) => intl.time.format(new Date(instant));
	const weekday = (isoWeekday: number) =>
		intl.dates
			? intl.dates.weekday.format(new Date(Date.UTC(2024, 0, isoWeekday))) // 2024-01-01: a Monday
			: t(`weekdays.${isoWeekday as IsoWeekday}`);
	/** "dinsdag 1 december" for a 'YYYY-MM-DD' date. */
	const date = (day: string): string => {
		if (intl.dates) return intl.dates.long.format(new Date(`${day}T00:00:00Z`));
		const [, month, dayOfMonth] = day.split('-').map(Number);
		return `${weekday(isoWeekdayOf(day))}፣ ${dayOfMonth} ${TIGRINYA_MONTHS[month - 1]}`;
	};
	/** A date and a time joined as the language joins them ("dinsdag 1 december, 09:30"). */
	const join = (dateText: string, timeText: string) =>
		t('book.at', { date: dateText, time: timeText });
	return {
		/** "08:30" for a wall-clock 'HH:MM' in the language's own format (and digits). */
		wallTime(hhmm: string): string {
			const [h, m] = hhmm.split(':').map(Number);
			// A fixed winter day: no DST shift, so the wall-clock time is shown as it is.
			return time(Date.UTC(2024, 0, 1, h - 1, m));
		},
		/** An instant as Amsterdam wall-clock time ("09:30"). */
		time,
		/** An instant as an Amsterdam date with its year and a time ("1 december 2026, 09:30"). */
		moment(instant: number): string {
			const day = amsterdamDay(instant);
			const [year, month, dayOfMonth] = day.split('-').map(Number);
			const dateText = intl.dates
				? intl.dates.withYear.format(new Date(`${day}T00:00:00Z`))
				: `${dayOfMonth} ${TIGRINYA_MONTHS[month - 1]} ${year}`;
			return join(dateText, time(instant));
		},
		/** An instant as its Amsterdam day and time ("dinsdag 1 december, 09:30"): messages use it. */
		when(instant: number): string {
			return join(date(amsterdamDay(instant)), time(instant));
		},
		/** Name of an ISO weekday (1 = Monday … 7 = Sunday). */
		weekday,
		date,
		languageName,
		/** A language as a person typed it: a code ('ar') by its name, anything else as it is. */
		languageLabel(value: string | null): string {
			if (!value) return '';
			return /^[a-z]{2,3}$/.test(value) ? languageName(value) : value;
		},
		list(items: string[]): string {
			return intl.list ? intl.list.format(items) : items.join(lang === 'ti' ? '፣ ' : ', ');
		}
	};
}

export type Formatters = ReturnType<typeof formatters>;

/** The locale Intl gets for a language: British English, Arabic with Latin digits. */
const INTL_LOCALES: Partial<Record<Language, string>> = { en: 'en-GB', ar: 'ar-u-nu-latn' };
/** Languages whose dates are written here, not by Intl (see formatters). */
const OWN_DATES: ReadonlySet<Language> = new Set(['ti']);

/** CLDR's Gregorian month names in Tigrinya (ti, ti-ER), January first. */
export const TIGRINYA_MONTHS = [
	'ጥሪ',
	'ለካቲት',
	'መጋቢት',
	'ሚያዝያ',
	'ግንቦት',
	'ሰነ',
	'ሓምለ',
	'ነሓሰ',
	'መስከረም',
	'ጥቅምቲ',
	'ሕዳር',
	'ታሕሳስ'
] as const;

const isoWeekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const amsterdamDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });
/** The Amsterdam 'YYYY-MM-DD' of an instant. */
const amsterdamDay = (instant: number) => amsterdamDayFormat.format(new Date(instant));

type IntlSet = {
	time: Intl.DateTimeFormat;
	dates:
		| { weekday: Intl.DateTimeFormat; long: Intl.DateTimeFormat; withYear: Intl.DateTimeFormat }
		| undefined;
	languageNames: Intl.DisplayNames | undefined;
	list: Intl.ListFormat | undefined;
};

// Intl objects are costly to make and hold nothing of a request: one set per language for the
// isolate's lifetime, instead of new ones on every page.
const intlCache = new Map<Language, IntlSet>();

function intlFor(lang: Language): IntlSet {
	let set = intlCache.get(lang);
	if (set) return set;
	const hasIntl = !OWN_DATES.has(lang) && Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0;
	const locale = INTL_LOCALES[lang] ?? lang;
	set = {
		// Digits only: the same in every runtime, with or without the language's data.
		time: new Intl.DateTimeFormat(hasIntl ? locale : 'en-GB', {
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZone: TIME_ZONE
		}),
		dates: hasIntl
			? {
					weekday: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
					long: new Intl.DateTimeFormat(locale, {
						weekday: 'long',
						day: 'numeric',
						month: 'long',
						timeZone: 'UTC'
					}),
					withYear: new Intl.DateTimeFormat(locale, {
						day: 'numeric',
						month: 'long',
						year: 'numeric',
						timeZone: 'UTC'
					})
				}
			: undefined,
		languageNames: hasIntl ? displayNames(lang) : undefined,
		list: hasIntl ? new Intl.ListFormat(locale, { type: 'conjunction' }) : undefined
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
