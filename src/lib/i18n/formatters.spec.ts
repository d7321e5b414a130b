import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { formattersFor as formatters } from './resources';
import { TIGRINYA_MONTHS } from './index';

// 3 March 2026, 08:30 UTC: 09:30 in Amsterdam. 14:05 for the afternoon.
const morning = Date.UTC(2026, 2, 3, 8, 30);
const afternoon = Date.UTC(2026, 2, 3, 13, 5);
const DUTCH_MONTHS =
	/januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|\bmrt\b/;

describe('formatters', () => {
	it('write weekdays and wall-clock times in the language', () => {
		expect(formatters('nl').weekday(2)).toBe('dinsdag');
		expect(formatters('nl').wallTime('08:30')).toBe('08:30');
		expect(formatters('en').weekday(4)).toBe('Thursday');
		expect(formatters('tr').weekday(1)).toBe('Pazartesi');
		expect(formatters('ar').weekday(2)).toBe('الثلاثاء');
	});

	it('keep a time at its wall-clock value whatever the date', () => {
		for (const hhmm of ['00:00', '08:30', '12:05', '23:59']) {
			expect(formatters('nl').wallTime(hhmm)).toBe(hhmm);
		}
	});

	it.each(LANGUAGES)('write time on the 24-hour clock with Latin digits: %s', (lang) => {
		const format = formatters(lang);
		expect(format.time(morning)).toBe('09:30');
		expect(format.time(afternoon)).toBe('14:05');
		expect(format.wallTime('14:30')).toBe('14:30');
		expect(format.moment(afternoon)).toContain('14:05');
		expect(format.when(afternoon)).toMatch(/14:05$/);
		// No AM/PM, no Arabic-Indic digits, in any language.
		for (const text of [format.when(afternoon), format.moment(afternoon)]) {
			expect(text).not.toMatch(/[٠-٩۰-۹]|AM|PM|ص|م\b/);
		}
	});

	it('write English dates the British way', () => {
		expect(formatters('en').date('2026-03-03')).toBe('Tuesday 3 March');
		expect(formatters('en').when(afternoon)).toBe('Tuesday 3 March, 14:05');
		expect(formatters('en').moment(afternoon)).toBe('3 March 2026, 14:05');
	});

	it('join date and time with the language’s own separator', () => {
		expect(formatters('nl').when(morning)).toBe('dinsdag 3 maart, 09:30');
		expect(formatters('ar').when(morning)).toBe('الثلاثاء، 3 مارس، 09:30');
		expect(formatters('ti').when(morning)).toBe('ሰሉስ፣ 3 መጋቢት፣ 09:30');
	});

	it('write Tigrinya dates with Tigrinya names, never Dutch ones (workerd has no ti data)', () => {
		const ti = formatters('ti');
		expect(ti.weekday(2)).toBe('ሰሉስ');
		expect(ti.date('2026-03-03')).toBe('ሰሉስ፣ 3 መጋቢት');
		expect(ti.moment(morning)).toBe('3 መጋቢት 2026፣ 09:30');
		for (let month = 1; month <= 12; month++) {
			const day = `2026-${String(month).padStart(2, '0')}-15`;
			expect(ti.date(day)).toContain(TIGRINYA_MONTHS[month - 1]);
			expect(ti.date(day)).not.toMatch(DUTCH_MONTHS);
			expect(ti.date(day)).not.toMatch(/[A-Za-z]/);
		}
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
