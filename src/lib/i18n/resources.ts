/**
 * Every language's messages, for the server and the tests. Never imported by browser code: a page
 * receives only its own language's messages through the layout data.
 */
import { formatters, type Messages, type TFunction } from './index.ts';
import { createI18nextTranslator } from './i18next.ts';
import type { Language } from './languages.ts';
import { localeFiles, staffFiles } from './files.ts';

/** The translation resources per language, read from locales/<lang>.json. */
export const resources: Record<Language, Messages> = localeFiles;

export function translator(lang: Language): TFunction {
	return createI18nextTranslator(lang, resources[lang]);
}

export function formattersFor(lang: Language) {
	return formatters(lang, translator(lang));
}

/** Staff pages speak Dutch and English; their texts sit under `staff.` beside the public ones. */
export const staffResources = staffFiles;

/** The messages a page needs: its language's, plus the staff texts on staff pages. */
export function pageMessages(lang: Language, staffPage: boolean): Messages {
	if (!staffPage || (lang !== 'nl' && lang !== 'en')) return resources[lang];
	return { ...resources[lang], staff: staffResources[lang] };
}

/** A translator for staff pages (public and staff texts). */
export function staffTranslator(lang: 'nl' | 'en'): TFunction {
	return createI18nextTranslator(lang, pageMessages(lang, true), 'staff');
}
