/**
 * i18next for every text a parent, a kiosk user or a professional sees. One instance holds all
 * languages; `translator(lang)` gives a `t` bound to one of them. Dates, times and numbers go
 * through Intl in the same language and Europe/Amsterdam.
 */
import { createInstance, type TFunction } from 'i18next';
import { LANGUAGES, SOURCE_LANGUAGE, type Language } from './languages.ts';

export * from './languages.ts';
export type { TFunction };

const files = import.meta.glob<Record<string, unknown>>('./locales/*.json', {
	eager: true,
	import: 'default'
});

/** The translation resources per language, read from locales/<lang>.json. */
export const resources = Object.fromEntries(
	LANGUAGES.map((lang) => [lang, files[`./locales/${lang}.json`] ?? {}])
) as Record<Language, Record<string, unknown>>;

const i18n = createInstance();
void i18n.init({
	resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: resources[lang] }])),
	lng: SOURCE_LANGUAGE,
	fallbackLng: SOURCE_LANGUAGE,
	supportedLngs: [...LANGUAGES],
	initAsync: false,
	// Svelte escapes what it renders; escaping here too would show &amp; to parents.
	interpolation: { escapeValue: false },
	returnNull: false
});

export function translator(lang: Language): TFunction {
	return i18n.getFixedT(lang);
}

export const TIME_ZONE = 'Europe/Amsterdam';

/**
 * Intl formatters for one language, always in Amsterdam time. Where the runtime's Intl has no
 * data for a language (Tigrinya in V8), weekday names come from the translation files, times use
 * the 24-hour clock and language names are given in their own language.
 */
export function formatters(lang: Language) {
	const hasIntl = Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0;
	const locale = hasIntl ? lang : SOURCE_LANGUAGE;
	const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: TIME_ZONE });
	const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
	const languageNames = hasIntl ? safeDisplayNames(lang) : undefined;
	const t = translator(lang);
	return {
		/** "08:30" for a wall-clock 'HH:MM' in the language's own format (and digits). */
		wallTime(hhmm: string): string {
			const [h, m] = hhmm.split(':').map(Number);
			// A fixed winter day: no DST shift, so the wall-clock time is shown as it is.
			return time.format(new Date(Date.UTC(2024, 0, 1, h - 1, m)));
		},
		/** Name of an ISO weekday (1 = Monday … 7 = Sunday). */
		weekday(isoWeekday: number): string {
			// 2024-01-01 was a Monday.
			return hasIntl
				? weekday.format(new Date(Date.UTC(2024, 0, isoWeekday)))
				: t(`weekdays.${isoWeekday}`);
		},
		/** A language's name in this language ("Arabisch" in Dutch), else in its own ("العربية"). */
		languageName(code: string): string {
			return languageNames?.of(code) ?? safeDisplayNames(code)?.of(code) ?? code;
		},
		list(items: string[]): string {
			return hasIntl
				? new Intl.ListFormat(lang, { type: 'conjunction' }).format(items)
				: items.join(', ');
		}
	};
}

function safeDisplayNames(lang: string): Intl.DisplayNames | undefined {
	try {
		return new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
	} catch {
		return undefined;
	}
}
