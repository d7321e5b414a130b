import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, stepAt, totpCode, verifyTotp } from './totp';

// RFC 6238 appendix B, SHA-1: the secret is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(new TextEncoder().encode('12345678901234567890'));

describe('TOTP', () => {
	it('gives the RFC 6238 test vectors (last 6 digits)', async () => {
		const vectors: [number, string][] = [
			[59, '287082'],
			[1111111109, '081804'],
			[1111111111, '050471'],
			[1234567890, '005924'],
			[2000000000, '279037'],
			[20000000000, '353130']
		];
		for (const [seconds, code] of vectors) {
			expect(await totpCode(RFC_SECRET, stepAt(seconds * 1000))).toBe(code);
		}
	});

	it('round-trips base32 and makes 160-bit secrets', () => {
		const bytes = crypto.getRandomValues(new Uint8Array(20));
		expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
		expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
		expect(() => base32Decode('not base32!')).toThrow();
	});

	it('accepts one step of drift, refuses older codes, wrong codes and reuse', async () => {
		const now = 1_800_000_000_000;
		const step = stepAt(now);
		expect(await verifyTotp(RFC_SECRET, await totpCode(RFC_SECRET, step), now, null)).toBe(step);
		expect(await verifyTotp(RFC_SECRET, await totpCode(RFC_SECRET, step - 1), now, null)).toBe(
			step - 1
		);
		expect(await verifyTotp(RFC_SECRET, await totpCode(RFC_SECRET, step + 1), now, null)).toBe(
			step + 1
		);
		expect(
			await verifyTotp(RFC_SECRET, await totpCode(RFC_SECRET, step - 2), now, null)
		).toBeNull();
		expect(await verifyTotp(RFC_SECRET, '000000x', now, null)).toBeNull();
		expect(await verifyTotp(RFC_SECRET, await totpCode(RFC_SECRET, step), now, step)).toBeNull();
	});
});
