/**
 * The translation files, imported one by one (not with Vite's import.meta.glob): the cron's entry
 * (src/worker.ts) is bundled by wrangler, not Vite, and sends reminders in the parent's language
 * too. Adding a language: its line in languages.ts, its file in locales/ and its line here (the
 * type below fails `npm run check` until it is there).
 */
import type { Messages } from './index.ts';
import type { Language } from './languages.ts';
import nl from './locales/nl.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import ar from './locales/ar.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import uk from './locales/uk.json' with { type: 'json' };
import ti from './locales/ti.json' with { type: 'json' };
import staffNl from './staff/nl.json' with { type: 'json' };
import staffEn from './staff/en.json' with { type: 'json' };

export const localeFiles: Record<Language, Messages> = { nl, en, ar, tr, pl, uk, ti };
export const staffFiles: Record<'nl' | 'en', Messages> = { nl: staffNl, en: staffEn };
