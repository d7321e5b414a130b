/**
 * The clock parser in plain Node (`npm run test:fast`); tests/integration/clock.spec.ts checks the
 * worker and wrangler.toml around it in workerd.
 */
import { describe, expect, it } from 'vitest';
import { clockOf, clockReadingAt, mayUseTestClock, parseTestClock, realClock } from './clock.ts';

const LOCAL = { PUBLIC_ORIGIN: 'http://127.0.0.1:8787' };
const AT = '2027-03-28T01:59:00+01:00';

describe('TEST_CLOCK', () => {
	it('stands at an instant with its offset', () => {
		expect(parseTestClock(AT)!()).toBe(Date.parse(AT));
		expect(parseTestClock(` ${AT} `)!()).toBe(Date.parse(AT));
	});

	it('runs at an offset from the real time', () => {
		const reading = parseTestClock('offset:-86400000')!();
		expect(Math.abs(reading - (Date.now() - 86_400_000))).toBeLessThan(1000);
	});

	it('is nothing when empty, and refuses anything else loudly', () => {
		expect(parseTestClock('')).toBeUndefined();
		expect(parseTestClock(undefined)).toBeUndefined();
		for (const bad of ['2027-03-28T01:59:00', 'tomorrow', 'offset:1.5', '2027-02-30T12:00Z']) {
			expect(() => parseTestClock(bad), bad).toThrow(/TEST_CLOCK/);
		}
	});

	it('is honoured only with a loopback public origin', () => {
		for (const origin of ['http://localhost:5173', 'http://127.0.0.1', 'http://[::1]:8787']) {
			expect(mayUseTestClock({ PUBLIC_ORIGIN: origin }), origin).toBe(true);
		}
		for (const origin of ['https://inloop.example.nl', 'http://localhost.evil.example', '']) {
			expect(mayUseTestClock({ PUBLIC_ORIGIN: origin }), origin).toBe(false);
		}
		expect(clockOf({ PUBLIC_ORIGIN: 'https://inloop.example.nl', TEST_CLOCK: AT })).toBe(realClock);
		expect(clockOf({ ...LOCAL, TEST_CLOCK: AT })()).toBe(Date.parse(AT));
		expect(clockOf({ ...LOCAL, TEST_CLOCK: '' })).toBe(realClock);
	});

	it('moves a runtime instant like the clock', () => {
		expect(clockReadingAt({ ...LOCAL, TEST_CLOCK: 'offset:1000' }, 5000)).toBe(6000);
		expect(clockReadingAt({ ...LOCAL, TEST_CLOCK: AT }, 5000)).toBe(Date.parse(AT));
		expect(clockReadingAt(undefined, 5000)).toBe(5000);
	});
});
