import { describe, expect, it } from 'vitest';
import { slotHref, stepHref } from './booking-steps';

describe('stepHref', () => {
	it('leads to the step of what is chosen, and to the first step with nothing chosen', () => {
		expect(stepHref('/nl/de-zuidwester/book', {})).toBe('/nl/de-zuidwester/book');
		expect(stepHref('/kiosk/ar/book', { staff: 3 })).toBe('/kiosk/ar/book?staff=3');
		expect(stepHref('/kiosk/ar/book', { staff: 3, day: '2026-12-14' })).toBe(
			'/kiosk/ar/book?staff=3&day=2026-12-14'
		);
	});

	it("keeps a start's offset whole (a + in a query is a space)", () => {
		const href = stepHref('', { staff: 3, day: '2026-12-14', start: '2026-12-14T08:30:00+01:00' });
		expect(href).toBe('?staff=3&day=2026-12-14&start=2026-12-14T08%3A30%3A00%2B01%3A00');
		expect(new URLSearchParams(href).get('start')).toBe('2026-12-14T08:30:00+01:00');
	});

	it('gives a free time its own day', () => {
		expect(slotHref('/b', { staffId: 2, start: '2026-12-15T16:40:00+01:00' })).toBe(
			stepHref('/b', { staff: 2, day: '2026-12-15', start: '2026-12-15T16:40:00+01:00' })
		);
	});
});
