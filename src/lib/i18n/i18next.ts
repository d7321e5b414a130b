/**
 * i18next on the server: the e-mails, the API's messages and every other text the server makes
 * outside a page use it (through resources.ts). Pages use translate.ts, which gives the same
 * texts (translate.spec.ts compares every key of every language) without sending i18next to the
 * browser. Both take the typed keys of ./keys.ts.
 */
import { createInstance } from 'i18next';
import type { TFunction } from './keys.ts';
import type { Language } from './languages.ts';
import type { Messages } from './translate.ts';

const translators = new Map<string, TFunction>();

/**
 * A `t` for one language and its messages (one i18next instance per language and scope, kept).
 * The scope tells apart message sets of one language: the public pages' and the staff pages'.
 */
export function createI18nextTranslator(
	lang: Language,
	messages: Messages,
	scope = 'public'
): TFunction {
	const key = `${scope}:${lang}`;
	let t = translators.get(key);
	if (!t) {
		const i18n = createInstance();
		void i18n.init({
			resources: { [lang]: { translation: messages } },
			lng: lang,
			fallbackLng: false,
			initAsync: false,
			// Svelte escapes what it renders; escaping here too would show &amp; to parents.
			interpolation: { escapeValue: false },
			returnNull: false
		});
		// The keys are checked by type where `t` is called (./keys.ts); i18next looks them up.
		t = i18n.getFixedT(lang) as unknown as TFunction;
		translators.set(key, t);
	}
	return t;
}
