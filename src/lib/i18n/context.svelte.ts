import { getContext, setContext } from 'svelte';
import { directionOf, ownName, type Direction, type Language } from './languages.ts';
import { createTranslator, formatters, type Messages, type TFunction } from './index.ts';

export type I18n = {
	readonly lang: Language;
	readonly dir: Direction;
	readonly t: TFunction;
	readonly format: ReturnType<typeof formatters>;
	/** Picks the text in the current language from a per-language record, else Dutch. */
	pick(
		texts: Partial<Record<Language, string>> | null | undefined
	): { text: string; lang: Language; dir: Direction } | null;
};

const KEY = Symbol('i18n');

/**
 * Called once in the root layout with getters, so a change of language flows to every component.
 * `messages` are the page language's translations, sent with the layout data.
 */
export function provideI18n(lang: () => Language, messages: () => Messages): I18n {
	const current = $derived.by(() => {
		const t = createTranslator(lang(), messages());
		return { lang: lang(), t, format: formatters(lang(), t) };
	});
	const i18n: I18n = {
		get lang() {
			return current.lang;
		},
		get dir() {
			return directionOf(current.lang);
		},
		get t() {
			return current.t;
		},
		get format() {
			return current.format;
		},
		pick(texts) {
			if (!texts) return null;
			const lang = texts[current.lang] ? current.lang : texts.nl ? 'nl' : null;
			return lang ? { text: texts[lang] as string, lang, dir: directionOf(lang) } : null;
		}
	};
	setContext(KEY, i18n);
	return i18n;
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}

export { ownName };
