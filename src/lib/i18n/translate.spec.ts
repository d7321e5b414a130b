import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from './languages';
import { resources, staffResources } from './resources';
import { createTranslator, type Messages } from './translate';

/**
 * i18next 27 with the settings of ./i18next.ts (the server's engine), made afresh for each message
 * set: the reference translate.ts (the pages' engine) must match. The server's own function keeps
 * one instance per language, so it cannot take the test's message sets.
 */
function createI18nextTranslator(lang: Language, messages: Messages) {
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
	return i18n.getFixedT(lang);
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
function compare(lang: Language, messages: Messages) {
	const tiny = createTranslator(lang, messages);
	const reference = createI18nextTranslator(lang, messages);
	const seen = new Set<string>();
	let calls = 0;
	const same = (key: string, options?: Record<string, unknown>) => {
		calls++;
		expect(tiny(key as never, options as never), `${lang} ${key} ${JSON.stringify(options)}`).toBe(
			reference(key, options as never)
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

describe('the small translator gives what i18next gives', () => {
	it.each(LANGUAGES)('for every parent text in %s', (lang) => {
		expect(compare(lang, resources[lang])).toBeGreaterThan(100);
	});

	it.each(['nl', 'en'] as const)('for every staff text in %s', (lang) => {
		expect(compare(lang, { ...resources[lang], staff: staffResources[lang] })).toBeGreaterThan(100);
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
			const tiny = createTranslator(lang, messages);
			const reference = createI18nextTranslator(lang, messages);
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
				expect(tiny(key as never, options as never), `${lang} ${key}`).toBe(
					reference(key, options as never)
				);
			}
		}
	});
});
