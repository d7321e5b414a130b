/**
 * i18next on the server: the e-mails, the API's messages and every other text the server makes
 * outside a page use it (through resources.ts). It is configured with the rules of translate.ts as
 * its i18nFormat module (lookup, plural forms, placeholders), the same functions the browser's `t`
 * is made of, so a text cannot come out differently on the server and in a page. Both take the
 * typed keys of ./keys.ts.
 */
import { createInstance, type Module } from 'i18next';
import type { TFunction } from './keys.ts';
import type { Language } from './languages.ts';
import { candidateKeys, interpolate, lookup, type Messages } from './translate.ts';

const translators = new Map<string, TFunction>();

/** i18next's hooks for a message format, answered by translate.ts's rules over `messages`. */
function inloopFormat(messages: Messages) {
	return {
		type: 'i18nFormat' as const,
		/** i18next tries the keys from the end of the list: translate.ts's order, reversed. */
		addLookupKeys(finalKeys: string[], key: string, code: string, _ns: string, options: object) {
			finalKeys.push(...candidateKeys(code, key, (options as { count?: unknown }).count).reverse());
		},
		getResource: (_lng: string, _ns: string, key: string) => lookup(messages, key),
		parse: (text: unknown, options: Record<string, unknown>) =>
			typeof text === 'string' ? interpolate(text, options) : text
	};
}

/** A new i18next `t` for one language's messages, with translate.ts's rules. */
export function i18nextTranslator(lang: Language, messages: Messages): TFunction {
	const i18n = createInstance().use(inloopFormat(messages) as unknown as Module);
	void i18n.init({
		resources: { [lang]: { translation: messages } },
		lng: lang,
		fallbackLng: false,
		initAsync: false,
		returnNull: false
	});
	// The keys are checked by type where `t` is called (./keys.ts); i18next looks them up.
	return i18n.getFixedT(lang) as unknown as TFunction;
}

/**
 * The server's `t` for one language and its messages (one i18next instance per language and
 * scope, kept). The scope tells apart message sets of one language: the public pages' and the
 * staff pages'.
 */
export function createI18nextTranslator(
	lang: Language,
	messages: Messages,
	scope = 'public'
): TFunction {
	const key = `${scope}:${lang}`;
	let t = translators.get(key);
	if (!t) {
		t = i18nextTranslator(lang, messages);
		translators.set(key, t);
	}
	return t;
}
