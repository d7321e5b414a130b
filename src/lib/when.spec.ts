import { describe, expect, it } from 'vitest';
import { formattersFor, translator } from './i18n/resources';
import { whenRange } from './when';

const i18n = (lang: 'nl' | 'ar') => ({ t: translator(lang), format: formattersFor(lang) });
// 8 December 2026, 00:30 to 00:50 in Amsterdam: still the 7th in UTC.
const start = Date.UTC(2026, 11, 7, 23, 30);
const end = Date.UTC(2026, 11, 7, 23, 50);

describe('whenRange', () => {
	it("writes the appointment's Amsterdam day, not the UTC one, and its time range", () => {
		const text = whenRange(i18n('nl'), start, end);
		expect(text).toContain('8 december');
		expect(text).toContain('\u206800:30 – 00:50\u2069');
	});

	it('reads ISO timestamps as the instants they are', () => {
		expect(whenRange(i18n('nl'), '2026-12-08T00:30:00+01:00', '2026-12-08T00:50:00+01:00')).toBe(
			whenRange(i18n('nl'), start, end)
		);
	});

	it('keeps the range in its own direction inside an Arabic sentence', () => {
		const text = whenRange(i18n('ar'), start, end);
		expect(text).toMatch(/\u206800:30 – 00:50\u2069/);
		expect(text).not.toContain('8 december');
	});
});
