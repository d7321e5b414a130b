import { describe, expect, it } from 'vitest';
import { READABLE_ALPHABET, withNewReference } from './crypto.ts';

describe('withNewReference', () => {
	const taken = () => new Error('D1_ERROR: UNIQUE constraint failed: bookings.reference');

	it('answers the reference it wrote under with what the write answered', async () => {
		const made = await withNewReference(async (reference) => `row ${reference}`);
		expect(made?.written).toBe(`row ${made?.reference}`);
		expect(made?.reference).toMatch(new RegExp(`^[${READABLE_ALPHABET}]{6}$`));
	});

	it('draws a new reference when another record has it', async () => {
		const tried: string[] = [];
		const made = await withNewReference(async (reference) => {
			tried.push(reference);
			if (tried.length < 3) throw taken();
			return 'written';
		});
		expect(tried).toHaveLength(3);
		expect(made).toEqual({ reference: tried[2], written: 'written' });
	});

	it('gives up after three taken references', async () => {
		let tries = 0;
		const made = await withNewReference(async () => {
			tries++;
			throw taken();
		});
		expect(made).toBeNull();
		expect(tries).toBe(3);
	});

	it('throws any other error at once', async () => {
		let tries = 0;
		const write = withNewReference(async () => {
			tries++;
			throw new Error('D1_ERROR: no such table');
		});
		await expect(write).rejects.toThrow('no such table');
		expect(tries).toBe(1);
	});
});
