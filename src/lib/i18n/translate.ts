/**
 * The one set of translation rules, for the server and the browser: how a key is looked up (nested
 * keys; a missing or empty text is no text), which plural form a count takes (JSON v4: key_zero
 * for 0, key_one, key_few … chosen by Intl.PluralRules, then the bare key, then key_other) and how
 * {{placeholders}} are filled (no escaping: Svelte escapes). i18next on the server is configured
 * with these very functions (./i18next.ts: its i18nFormat module), and the browser's `t` below is
 * made of them alone, so the kiosk's and the workspace's JavaScript does not carry i18next (about
 * 16 KB gzip). translate.spec.ts checks that the rules are i18next's own (every key of every
 * language against a plain i18next) and that the server and the page give the same texts.
 */
import type { MessageKey, TFunction } from './keys.ts';
import type { Language } from './languages.ts';

export type Messages = Record<string, unknown>;
type Options = Record<string, unknown> & { count?: unknown; defaultValue?: unknown };

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(lang: string, count: number): string {
	let rules = pluralRules.get(lang);
	if (!rules) {
		rules = new Intl.PluralRules(lang);
		pluralRules.set(lang, rules);
	}
	return rules.select(count);
}

/** The text at a dotted key, when it is a non-empty string (as i18next counts a hit). */
export function lookup(messages: Messages, key: string): string | undefined {
	let node: unknown = messages;
	for (const part of key.split('.')) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return typeof node === 'string' && node !== '' ? node : undefined;
}

function valueAt(options: Options, name: string): unknown {
	if (name in options) return options[name];
	let node: unknown = options;
	for (const part of name.split('.')) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return node;
}

/** {{name}} becomes the option's value; an unknown name stays as it is, as in i18next. */
export function interpolate(text: string, options: Options): string {
	if (!text.includes('{{')) return text;
	return text.replace(/\{\{-?(.+?)\}\}/g, (match, raw: string) => {
		const name = raw.trim();
		const value = valueAt(options, name);
		if (value === undefined) return Object.hasOwn(options, name) ? '' : match;
		return value === null ? '' : String(value);
	});
}

/**
 * The keys to try for `key`, first to last: with a count, its plural forms in `lang` before the
 * bare key and `_other`; without one, the key alone.
 */
export function candidateKeys(lang: string, key: string, count: unknown): string[] {
	if (count === undefined || typeof count === 'string') return [key];
	const candidates = [`${key}_${pluralCategory(lang, count as number)}`, key, `${key}_other`];
	if (count === 0) candidates.unshift(`${key}_zero`);
	return candidates;
}

/** The browser's `t` (and the server's for tests): the rules above over one language's messages. */
export function createTranslator(lang: Language, messages: Messages): TFunction {
	function t(key: MessageKey, second?: Options | string): string {
		if (key == null) return '';
		const options: Options =
			typeof second === 'string' ? { defaultValue: second } : { ...(second ?? {}) };
		let text: string | undefined;
		for (const candidate of candidateKeys(lang, key, options.count)) {
			text = lookup(messages, candidate);
			if (text !== undefined) break;
		}
		if (text === undefined) {
			const fallback = options.defaultValue;
			text = typeof fallback === 'string' ? fallback : key;
		}
		return interpolate(text, options);
	}
	return t;
}
