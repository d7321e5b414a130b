import { describe, expect, it } from 'vitest';
import { escapeText } from './ics.ts';

describe('escapeText', () => {
	it('escapes every kind of line break, a lone \\r included, so no text starts a property', () => {
		expect(escapeText('a\r\nb\nc\rd')).toBe('a\\nb\\nc\\nd');
		expect(escapeText('x\rATTENDEE:mailto:evil@example.org')).not.toMatch(/[\r\n]/);
	});

	it('drops the other control characters, which RFC 5545 does not allow in TEXT', () => {
		expect(escapeText('a\u0000b\u0007c\u001bd\u007fe\u0085f\tg')).toBe('abcdef\tg');
	});

	it('escapes backslash, semicolon and comma', () => {
		expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
	});
});
