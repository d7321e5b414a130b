import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { resources, staffResources, translator } from './resources';
import { flatten, PLURAL, type Tree } from './tree';

const placeholders = (text: string) =>
	[...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const source = flatten(resources.nl as Tree);
/** Keys of the source without plural suffixes: 'home.resultsCount_one' → 'home.resultsCount'. */
const sourceBases = new Set([...source.keys()].map((k) => k.replace(PLURAL, '')));

describe.each(LANGUAGES.filter((l) => l !== 'nl'))('translations: %s', (lang) => {
	const keys = flatten(resources[lang] as Tree);
	const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

	it('has a file', () => {
		expect(keys.size).toBeGreaterThan(0);
	});

	it('has every key of the Dutch source, and no key the source lacks', () => {
		const bases = new Set([...keys.keys()].map((k) => k.replace(PLURAL, '')));
		const missing = [...sourceBases].filter((k) => !bases.has(k));
		const extra = [...bases].filter((k) => !sourceBases.has(k));
		expect(missing, `missing in ${lang}`).toEqual([]);
		expect(extra, `unknown in ${lang}`).toEqual([]);
	});

	it('has every plural form the language needs', () => {
		const pluralBases = new Set(
			[...source.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''))
		);
		for (const base of pluralBases) {
			for (const category of categories) {
				expect(keys.has(`${base}_${category}`), `${lang}: ${base}_${category}`).toBe(true);
			}
		}
	});

	it('keeps the placeholders of the source and leaves nothing empty', () => {
		for (const [key, text] of keys) {
			expect(text.trim(), `${lang}: ${key} is empty`).not.toBe('');
			const base = key.replace(PLURAL, '');
			const original = source.get(key) ?? source.get(`${base}_other`);
			if (!original) continue;
			// Arabic may say "one school" without the number; never an unknown placeholder.
			for (const name of placeholders(text)) {
				expect(placeholders(original), `${lang}: ${key} uses {{${name}}}`).toContain(name);
			}
			if (!PLURAL.test(key))
				expect(placeholders(text), `${lang}: ${key}`).toEqual(placeholders(original));
		}
	});
});

describe('translator', () => {
	it('translates with plurals and interpolation in the chosen language', () => {
		expect(translator('nl')('home.resultsCount', { count: 1 })).toBe('1 school gevonden');
		expect(translator('nl')('home.resultsCount', { count: 3 })).toBe('3 scholen gevonden');
		expect(translator('en')('book.with', { name: 'Samira' })).toBe('with Samira');
		expect(translator('ar')('app.name')).toBe('Inloop');
	});
});

describe('staff translations', () => {
	it('have the same keys in Dutch and English, none empty', () => {
		const nl = flatten(staffResources.nl as Tree);
		const en = flatten(staffResources.en as Tree);
		expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
		for (const [key, text] of en) {
			expect(text.trim(), key).not.toBe('');
			expect(placeholders(text), key).toEqual(placeholders(nl.get(key)!));
		}
	});
});
