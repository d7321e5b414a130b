import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from './languages';
import { i18nextTranslator } from './i18next';
import { pageMessages, resources, staffResources, staffTranslator, translator } from './resources';
import { createTranslator, type Messages } from './translate';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * A plain i18next 27 (its own lookup, plural forms and interpolation, no format module), made
 * afresh for each message set: the reference translate.ts's rules must match.
 */
function plainI18next(lang: Language, messages: Messages): T {
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
	return i18n.getFixedT(lang) as unknown as T;
}

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'string' ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`)
	);
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const COUNTS = [0, 1, 2, 3, 4, 5, 6, 11, 12, 21, 22, 25, 100, 101, 102, 111, 1.5, -1];
/** Values that would show a difference: markup, braces, a nesting call, an empty string. */
const VALUES = ['Fatima', '<b>&amp;</b>', '{{name}}', '$t(app.name)', ''];

/** The same `t` calls to both translators: every key, with every placeholder filled or left out. */
function compare(lang: Language, messages: Messages, tiny: T, reference: T) {
	const seen = new Set<string>();
	let calls = 0;
	const same = (key: string, options?: Record<string, unknown>) => {
		calls++;
		expect(tiny(key, options), `${lang} ${key} ${JSON.stringify(options)}`).toBe(
			reference(key, options)
		);
	};
	for (const [key, text] of leaves(messages as Tree)) {
		const names = [...text.matchAll(/\{\{-?\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]);
		same(key);
		for (const value of VALUES) same(key, Object.fromEntries(names.map((n) => [n, value])));
		same(key, { [names[0] ?? 'x']: undefined });
		same(key, { [names[0] ?? 'x']: null, other: 7 });
		const base = key.replace(PLURAL, '');
		if (base !== key && !seen.has(base)) {
			seen.add(base);
			for (const count of COUNTS) {
				same(base, { count });
				same(base, { count, name: 'Samira' });
			}
		}
	}
	return calls;
}

const browser = (lang: Language, messages: Messages) => createTranslator(lang, messages) as T;

describe("translate.ts's rules are plain i18next's", () => {
	it.each(LANGUAGES)('for every parent text in %s', (lang) => {
		const messages = resources[lang];
		const calls = compare(lang, messages, browser(lang, messages), plainI18next(lang, messages));
		expect(calls).toBeGreaterThan(100);
	});

	it.each(['nl', 'en'] as const)('for every staff text in %s', (lang) => {
		const messages = { ...resources[lang], staff: staffResources[lang] };
		const calls = compare(lang, messages, browser(lang, messages), plainI18next(lang, messages));
		expect(calls).toBeGreaterThan(100);
	});

	it('for missing keys, default values and objects', () => {
		const messages = {
			a: { b: 'B {{x}}', empty: '', n_one: 'one {{count}}', n_other: '{{count}} more' },
			only_other: { n_other: '{{count}} other' },
			bare: 'bare {{count}}',
			z_zero: 'none',
			z_other: '{{count}}'
		};
		for (const lang of LANGUAGES) {
			const tiny = browser(lang, messages);
			const reference = plainI18next(lang, messages);
			const server = i18nextTranslator(lang, messages) as T;
			const cases: [string, Record<string, unknown>?][] = [
				['missing'],
				['missing.deeper', { x: 1 }],
				['a'],
				['a.b', { x: { y: 1 } }],
				['a.b', { x: [1, 2] }],
				['a.empty'],
				['a.empty', { defaultValue: 'fallback {{x}}', x: 'X' }],
				['a.missing', { defaultValue: '' }],
				['a.missing', { defaultValue: 'default' }],
				['a.n', { count: 1 }],
				['a.n', { count: 7 }],
				['a.n', { count: 0 }],
				['only_other.n', { count: 1 }],
				['bare', { count: 1 }],
				['z', { count: 0 }],
				['z', { count: 3 }],
				['a.n', { count: '1' }]
			];
			for (const [key, options] of cases) {
				expect(tiny(key, options), `${lang} ${key}`).toBe(reference(key, options));
				expect(server(key, options), `server ${lang} ${key}`).toBe(reference(key, options));
			}
		}
	});
});

describe("the server's i18next and the page's t give the same texts", () => {
	// The server's own translators (resources.ts) against the `t` a page builds from the messages
	// the layout sends it (pageMessages): every key, every placeholder, every plural count.
	it.each(LANGUAGES)('for every parent text in %s', (lang) => {
		const page = browser(lang, pageMessages(lang, false));
		const calls = compare(lang, resources[lang], page, translator(lang) as T);
		expect(calls).toBeGreaterThan(100);
	});

	it.each(['nl', 'en'] as const)('for every staff text in %s', (lang) => {
		const page = browser(lang, pageMessages(lang, true));
		const calls = compare(lang, pageMessages(lang, true), page, staffTranslator(lang) as T);
		expect(calls).toBeGreaterThan(100);
	});

	it('for plurals in Arabic, Polish and Ukrainian, form by form', () => {
		// Arabic has six forms, Polish and Ukrainian four: each count below reaches a different one.
		const expected: Record<'ar' | 'pl' | 'uk', Record<number, string>> = {
			ar: { 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 11: 'many', 100: 'other' },
			pl: { 1: 'one', 2: 'few', 5: 'many', 1.5: 'other' },
			uk: { 1: 'one', 2: 'few', 5: 'many', 1.5: 'other' }
		};
		for (const lang of ['ar', 'pl', 'uk'] as const) {
			const server = translator(lang);
			const page = createTranslator(lang, pageMessages(lang, false));
			for (const [count, form] of Object.entries(expected[lang])) {
				const n = Number(count);
				const text = server('home.resultsCount', { count: n });
				expect(page('home.resultsCount', { count: n }), `${lang} ${n}`).toBe(text);
				expect(new Intl.PluralRules(lang).select(n), `${lang} ${n}`).toBe(form);
				// The text is the form's own (or _other where the language has none of its own).
				const own = (resources[lang].home as Record<string, string>)[`resultsCount_${form}`];
				const other = (resources[lang].home as Record<string, string>).resultsCount_other;
				expect(text, `${lang} ${n}`).toBe((own ?? other).replace('{{count}}', String(n)));
			}
		}
	});
});
