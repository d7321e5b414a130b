import { describe, expect, it } from 'vitest';
import { directionOf, isLanguage, negotiateLanguage, ownName } from './languages';

describe('negotiateLanguage', () => {
	it('takes the first supported language by quality', () => {
		expect(negotiateLanguage('fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7')).toBe('ar');
		expect(negotiateLanguage('en;q=0.2, tr;q=0.9')).toBe('tr');
		expect(negotiateLanguage('uk-UA')).toBe('uk');
		expect(negotiateLanguage('TI-er')).toBe('ti');
	});

	it('keeps header order between equal qualities', () => {
		expect(negotiateLanguage('pl, en')).toBe('pl');
	});

	it('falls back to Dutch for nothing, unknown, zero quality or garbage', () => {
		expect(negotiateLanguage(null)).toBe('nl');
		expect(negotiateLanguage('')).toBe('nl');
		expect(negotiateLanguage('fr, de;q=0.5')).toBe('nl');
		expect(negotiateLanguage('ar;q=0, *')).toBe('nl');
		expect(negotiateLanguage(';;;,q=abc')).toBe('nl');
	});
});

describe('languages', () => {
	it('knows the seven languages, Arabic right to left', () => {
		for (const code of ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'ti'])
			expect(isLanguage(code)).toBe(true);
		expect(isLanguage('fr')).toBe(false);
		expect(isLanguage(undefined)).toBe(false);
		expect(directionOf('ar')).toBe('rtl');
		expect(directionOf('nl')).toBe('ltr');
		expect(ownName('ti')).toBe('ትግርኛ');
	});
});
