/**
 * Password hashing with PBKDF2-SHA256 through WebCrypto. workerd caps PBKDF2 at 100,000
 * iterations, so that is the work factor; the salt is 16 random bytes per password.
 */
import { base64Url } from '../crypto.ts';

export const PBKDF2_ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(password.normalize('NFKC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** 'pbkdf2$<iterations>$<salt>$<hash>' with base64url parts. */
export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = await derive(password, salt, PBKDF2_ITERATIONS);
	return `pbkdf2$${PBKDF2_ITERATIONS}$${base64Url(salt)}$${base64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, iterations, salt, hash] = stored.split('$');
	if (scheme !== 'pbkdf2' || !iterations || !salt || !hash) return false;
	const actual = await derive(password, fromBase64Url(salt), Number(iterations));
	const expected = fromBase64Url(hash);
	// Compare every byte so the time taken does not tell how much matched.
	let diff = actual.length ^ expected.length;
	for (let i = 0; i < actual.length; i++) diff |= actual[i] ^ (expected[i] ?? 0);
	return diff === 0;
}
