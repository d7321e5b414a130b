import { describe, expect, it } from 'vitest';
import { signInDelay } from '.';

describe('sign-in delay', () => {
	it('grows with each failure and stays bounded', () => {
		expect([0, 1, 2, 3, 4, 5, 9].map(signInDelay)).toEqual([0, 500, 1000, 2000, 4000, 4000, 4000]);
	});
});
