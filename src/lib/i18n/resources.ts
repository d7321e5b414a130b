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

export function translator(lang: Language): TFunction {
	return createTranslator(lang, resources[lang]);
}

export function formattersFor(lang: Language) {
	return formatters(lang, translator(lang));
}
