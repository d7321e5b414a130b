import { describe, expect, it } from 'vitest';
import { base64Url, fromBase64Url } from '../crypto';
import { openTotpSecret, parseTotpKeys, sealTotpSecret, totpKeysOf } from './totp-keys';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const K1 = `k1:${key()}`;
const K2 = `k2:${key()}`;

describe('TOTP secrets at rest', () => {
	it('seals a secret that opens again for the same account, and never holds it in clear', async () => {
		const keys = parseTotpKeys(K1);
		const sealed = await sealTotpSecret(keys, 7, SECRET);
		expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
		expect(sealed).not.toContain(SECRET);
		expect(await openTotpSecret(keys, 7, sealed)).toEqual({ secret: SECRET, stale: false });
		// A fresh 96-bit IV every time: the same secret never gives the same text.
		const again = await sealTotpSecret(keys, 7, SECRET);
		expect(again).not.toBe(sealed);
		expect(fromBase64Url(again.split(':')[2])).toHaveLength(12);
	});

	it('does not open under another key with the same id', async () => {
		const sealed = await sealTotpSecret(parseTotpKeys(K1), 7, SECRET);
		expect(await openTotpSecret(parseTotpKeys(`k1:${key()}`), 7, sealed)).toBeNull();
	});

	it('does not open for another account (the user id is authenticated data)', async () => {
		const keys = parseTotpKeys(K1);
		expect(await openTotpSecret(keys, 8, await sealTotpSecret(keys, 7, SECRET))).toBeNull();
	});

	it('does not open when the ciphertext, the IV or the key id was changed', async () => {
		const keys = parseTotpKeys(`${K2},${K1}`);
		const sealed = await sealTotpSecret(keys, 7, SECRET);
		const [version, id, iv, ciphertext] = sealed.split(':');
		const flipped = (text: string) => {
			const bytes = fromBase64Url(text);
			bytes[0] ^= 1;
			return base64Url(bytes);
		};
		for (const tampered of [
			[version, id, iv, flipped(ciphertext)],
			[version, id, flipped(iv), ciphertext],
			[version, 'k1', iv, ciphertext],
			[version, id, iv, ciphertext.slice(0, -2)],
			['v2', id, iv, ciphertext],
			[version, id, iv]
		]) {
			expect(await openTotpSecret(keys, 7, tampered.join(':')), tampered.join(':')).toBeNull();
		}
		expect(await openTotpSecret(keys, 7, 'not a secret')).toBeNull();
	});

	it('opens a secret under an older key and says it is stale; a plain one from before too', async () => {
		const sealed = await sealTotpSecret(parseTotpKeys(K1), 7, SECRET);
		const rotated = parseTotpKeys(`${K2},${K1}`);
		expect(await openTotpSecret(rotated, 7, sealed)).toEqual({ secret: SECRET, stale: true });
		expect((await sealTotpSecret(rotated, 7, SECRET)).startsWith('v1:k2:')).toBe(true);
		expect(await openTotpSecret(rotated, 7, SECRET)).toEqual({ secret: SECRET, stale: true });
	});

	it('throws when a secret is under a key that is no longer configured', async () => {
		const sealed = await sealTotpSecret(parseTotpKeys(K1), 7, SECRET);
		await expect(openTotpSecret(parseTotpKeys(K2), 7, sealed)).rejects.toThrow(/"k1".*TOTP_KEYS/);
	});

	it('refuses a missing or malformed configuration with a clear error that names no key', () => {
		const short = `k1:${btoa('sixteen bytes!!!')}`;
		for (const config of [
			undefined,
			'',
			'  ',
			'garbage',
			'k1:',
			'k1:not base64 at all!',
			short,
			`${K1},${K1}`,
			`bad id:${key()}`,
			`${K1},`
		]) {
			expect(() => parseTotpKeys(config), String(config)).toThrow(/^TOTP_KEYS /);
		}
		expect(() => totpKeysOf({})).toThrow(/TOTP_KEYS is not set/);
		try {
			parseTotpKeys(`${K1},${short}`);
		} catch (error) {
			expect(String(error)).not.toContain(K1.slice(3));
		}
	});

	it('takes standard and URL-safe base64, with spaces around the entries', async () => {
		const bytes = crypto.getRandomValues(new Uint8Array(32));
		const standard = parseTotpKeys(` k1:${btoa(String.fromCharCode(...bytes))} `);
		const urlSafe = parseTotpKeys(`k1:${base64Url(bytes)}`);
		expect(await openTotpSecret(urlSafe, 1, await sealTotpSecret(standard, 1, SECRET))).toEqual({
			secret: SECRET,
			stale: false
		});
	});
});
