/**
 * A `t` for one language's messages, small enough for the browser (i18next alone is about 16 KB
 * gzip there). It does what the locale files use, the way i18next 27 does it with our settings:
 * nested keys, {{placeholders}} (no escaping: Svelte escapes), plurals in the JSON v4 format
 * (key_one, key_few, … chosen by Intl.PluralRules, then the bare key, then key_other) and
 * `defaultValue`. A missing or empty text gives its key. translate.spec.ts proves it gives what
 * i18next gives, for every key in every language.
 *
 * It is the one translation engine: pages (server and browser), e-mails, the API's messages and
 * the calendar feed all translate with it. i18next is kept as a devDependency only, as the
 * reference translate.spec.ts compares against.
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
function lookup(messages: Messages, key: string): string | undefined {
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
function interpolate(text: string, options: Options): string {
	if (!text.includes('{{')) return text;
	return text.replace(/\{\{-?(.+?)\}\}/g, (match, raw: string) => {
		const name = raw.trim();
		const value = valueAt(options, name);
		if (value === undefined) return Object.hasOwn(options, name) ? '' : match;
		return value === null ? '' : String(value);
	});
}

export function createTranslator(lang: Language, messages: Messages): TFunction {
	function t(key: MessageKey, second?: Options | string): string {
		if (key == null) return '';
		const options: Options =
			typeof second === 'string' ? { defaultValue: second } : { ...(second ?? {}) };
		const count = options.count;
		let text: string | undefined;
		if (count !== undefined && typeof count !== 'string') {
			const candidates = [`${key}_${pluralCategory(lang, count as number)}`, key, `${key}_other`];
			if (count === 0) candidates.unshift(`${key}_zero`);
			for (const candidate of candidates) {
				text = lookup(messages, candidate);
				if (text !== undefined) break;
			}
		} else {
			text = lookup(messages, key);
		}
		if (text === undefined) {
			const fallback = options.defaultValue;
			text = typeof fallback === 'string' ? fallback : key;
		}
		return interpolate(text, options);
	}
	return t;
}
