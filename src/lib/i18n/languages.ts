/**
 * The languages Inloop speaks to parents. Adding one is a line here, a file in locales/ and its
 * import in resources.ts (the type check asks for it).
 * The order is the order of the language picker; Dutch is the source and the fallback.
 */
export const LANGUAGE_LIST = [
	{ code: 'nl', name: 'Nederlands', dir: 'ltr' },
	{ code: 'en', name: 'English', dir: 'ltr' },
	{ code: 'ar', name: 'العربية', dir: 'rtl' },
	{ code: 'tr', name: 'Türkçe', dir: 'ltr' },
	{ code: 'pl', name: 'Polski', dir: 'ltr' },
	{ code: 'uk', name: 'Українська', dir: 'ltr' },
	{ code: 'ti', name: 'ትግርኛ', dir: 'ltr' }
] as const;

export type Language = (typeof LANGUAGE_LIST)[number]['code'];
export type Direction = 'ltr' | 'rtl';

export const LANGUAGES: readonly Language[] = LANGUAGE_LIST.map((l) => l.code);
export const SOURCE_LANGUAGE: Language = 'nl';
/** Staff pages are in Dutch and English only. */
export const STAFF_LANGUAGES = ['nl', 'en'] as const;

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(lang: Language): Direction {
	return LANGUAGE_LIST.find((l) => l.code === lang)?.dir ?? 'ltr';
}

/** The language's name in that language itself: what a language picker shows. */
export function ownName(lang: Language): string {
	return LANGUAGE_LIST.find((l) => l.code === lang)?.name ?? lang;
}

/**
 * The best supported language for an Accept-Language header (RFC 9110 quality values), or Dutch.
 * "ar-MA" matches "ar"; "*" and unknown tags are skipped.
 */
export function negotiateLanguage(header: string | null | undefined): Language {
	if (!header) return SOURCE_LANGUAGE;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number.parseFloat(q.slice(2)) : 1;
			return { base: tag.trim().toLowerCase().split('-')[0], quality, index };
		})
		.filter((r) => r.base && Number.isFinite(r.quality) && r.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	return ranked.map((r) => r.base).find(isLanguage) ?? SOURCE_LANGUAGE;
}
