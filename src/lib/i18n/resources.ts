/**
 * Every language's messages, for the server and the tests. Never imported by browser code: a page
 * receives only its own language's messages through the layout data.
 */
import { createTranslator, formatters, type Messages, type TFunction } from './index.ts';
import { LANGUAGES, type Language } from './languages.ts';

const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' });

/** The translation resources per language, read from locales/<lang>.json. */
export const resources = Object.fromEntries(
	LANGUAGES.map((lang) => [lang, files[`./locales/${lang}.json`] ?? {}])
) as Record<Language, Messages>;

// One `t` per language and message set for the isolate's lifetime: they hold no request.
const translators = new Map<string, TFunction>();

function kept(key: string, make: () => TFunction): TFunction {
	let t = translators.get(key);
	if (!t) {
		t = make();
		translators.set(key, t);
	}
	return t;
}

export function translator(lang: Language): TFunction {
	return kept(`public:${lang}`, () => createTranslator(lang, resources[lang]));
}

export function formattersFor(lang: Language) {
	return formatters(lang, translator(lang));
}

const staffFiles = import.meta.glob<Messages>('./staff/*.json', { eager: true, import: 'default' });

/** Staff pages speak Dutch and English; their texts sit under `staff.` beside the public ones. */
export const staffResources = {
	nl: staffFiles['./staff/nl.json'],
	en: staffFiles['./staff/en.json']
} as const;

/** The messages a page needs: its language's, plus the staff texts on staff pages. */
export function pageMessages(lang: Language, staffPage: boolean): Messages {
	if (!staffPage || (lang !== 'nl' && lang !== 'en')) return resources[lang];
	return { ...resources[lang], staff: staffResources[lang] };
}

/** A translator for staff pages (public and staff texts). */
export function staffTranslator(lang: 'nl' | 'en'): TFunction {
	return kept(`staff:${lang}`, () => createTranslator(lang, pageMessages(lang, true)));
}
