import { describe, expect, it } from 'vitest';
import { formattersFor as formatters } from './resources';

describe('formatters', () => {
	it('write weekdays and wall-clock times in the language', () => {
		expect(formatters('nl').weekday(2)).toBe('dinsdag');
		expect(formatters('nl').wallTime('08:30')).toBe('08:30');
		expect(formatters('en').weekday(4)).toBe('Thursday');
		expect(formatters('en').wallTime('14:30')).toMatch(/^2:30\s?PM$/);
		expect(formatters('tr').weekday(1)).toBe('Pazartesi');
		expect(formatters('ar').weekday(2)).toBe('الثلاثاء');
	});

	it('keep a time at its wall-clock value whatever the date', () => {
		for (const hhmm of ['00:00', '08:30', '12:05', '23:59']) {
			expect(formatters('nl').wallTime(hhmm)).toBe(hhmm);
		}
	});

	it('fall back to the translation files where Intl lacks the language (Tigrinya)', () => {
		const ti = formatters('ti');
		expect(ti.weekday(2)).toBe('ሰሉስ');
		expect(ti.wallTime('08:30')).toBe('08:30');
		expect(ti.languageName('ar')).not.toBe('ar');
		expect(ti.list(['a', 'b'])).toContain('a');
	});

	it('name languages in the page language', () => {
		expect(formatters('nl').languageName('ar')).toBe('Arabisch');
		expect(formatters('nl').list(['Nederlands', 'Arabisch', 'Engels'])).toBe(
			'Nederlands, Arabisch en Engels'
		);
	});
});
