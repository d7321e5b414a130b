/**
 * TOTP (RFC 6238): 6 digits, 30-second steps, HMAC-SHA1, through WebCrypto. A code is accepted one
 * step early or late (clock drift), and never twice (the caller stores the step it matched).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const STEP_SECONDS = 30;

export function base32Decode(secret: string): Uint8Array {
	const clean = secret.toUpperCase().replace(/[\s=-]/g, '');
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const char of clean) {
		const index = ALPHABET.indexOf(char);
		if (index < 0) throw new RangeError('Not base32');
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Uint8Array.from(bytes);
}

export function base32Encode(bytes: Uint8Array): string {
	let out = '';
	let bits = 0;
	let value = 0;
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

/** A new secret of 160 bits, as authenticator apps expect. */
export function newTotpSecret(): string {
	return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

/** The 6-digit code for a secret at a time step. */
export async function totpCode(secret: string, step: number): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		base32Decode(secret) as BufferSource,
		{ name: 'HMAC', hash: 'SHA-1' },
		false,
		['sign']
	);
	const counter = new ArrayBuffer(8);
	const view = new DataView(counter);
	view.setUint32(0, Math.floor(step / 2 ** 32));
	view.setUint32(4, step >>> 0);
	const hmac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter));
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary =
		((hmac[offset] & 0x7f) << 24) |
		(hmac[offset + 1] << 16) |
		(hmac[offset + 2] << 8) |
		hmac[offset + 3];
	return String(binary % 1_000_000).padStart(6, '0');
}

export const stepAt = (now: number) => Math.floor(now / 1000 / STEP_SECONDS);

/**
 * The time step a code matches (now, one before or one after), or null. Steps at or before
 * `lastStep` are refused: a code that was used once does not work again.
 */
export async function verifyTotp(
	secret: string,
	code: string,
	now: number,
	lastStep: number | null
): Promise<number | null> {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return null;
	const current = stepAt(now);
	for (const step of [current, current - 1, current + 1]) {
		if (lastStep !== null && step <= lastStep) continue;
		if ((await totpCode(secret, step)) === digits) return step;
	}
	return null;
}
