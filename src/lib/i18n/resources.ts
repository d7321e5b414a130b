/**
 * Every language's messages, for the server and the tests. Never imported by browser code: a page
 * receives only its own language's messages through the layout data.
 */
import { formatters, type Messages, type TFunction } from './index.ts';
import { createI18nextTranslator } from './i18next.ts';
import type { Language } from './languages.ts';
// Plain imports, not Vite's import.meta.glob: the worker's own entry (src/worker.ts, bundled by
// wrangler, not Vite) sends messages from the cron too. A language in languages.ts without its
// file here fails the type check.
import nl from './locales/nl.json';
import en from './locales/en.json';
import ar from './locales/ar.json';
import tr from './locales/tr.json';
import pl from './locales/pl.json';
import uk from './locales/uk.json';
import ti from './locales/ti.json';
import staffNl from './staff/nl.json';
import staffEn from './staff/en.json';

/** The translation resources per language, read from locales/<lang>.json. */
export const resources: Record<Language, Messages> = { nl, en, ar, tr, pl, uk, ti };

export function translator(lang: Language): TFunction {
	return createI18nextTranslator(lang, resources[lang]);
}

export function formattersFor(lang: Language) {
	return formatters(lang, translator(lang));
}

/** Staff pages speak Dutch and English; their texts sit under `staff.` beside the public ones. */
export const staffResources: Record<'nl' | 'en', Messages> = { nl: staffNl, en: staffEn };

/** The messages a page needs: its language's, plus the staff texts on staff pages. */
export function pageMessages(lang: Language, staffPage: boolean): Messages {
	if (!staffPage || (lang !== 'nl' && lang !== 'en')) return resources[lang];
	return { ...resources[lang], staff: staffResources[lang] };
}

/** A translator for staff pages (public and staff texts). */
export function staffTranslator(lang: 'nl' | 'en'): TFunction {
	return createI18nextTranslator(lang, pageMessages(lang, true), 'staff');
}
