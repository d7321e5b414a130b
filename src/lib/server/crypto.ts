/** Small WebCrypto helpers shared by bookings, questions, kiosks and sign-in. Works in workerd and Node. */

/** Letters and digits people can read aloud without confusion: no 0/O and no 1/I. */
export const READABLE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const encoder = new TextEncoder();

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
	const bytes = typeof data === 'string' ? encoder.encode(data) : data;
	const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function base64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A secret for a link (manage booking, question page, kiosk device): 256 bits, URL-safe. */
export function randomToken(bytes = 32): string {
	return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A short code from READABLE_ALPHABET, uniformly random (32 symbols: no modulo bias). */
export function readableCode(length: number): string {
	const random = crypto.getRandomValues(new Uint8Array(length));
	return [...random].map((b) => READABLE_ALPHABET[b % READABLE_ALPHABET.length]).join('');
}

/**
 * Writes a record under a new read-aloud reference (six symbols): a UNIQUE error means another
 * record has that reference, so a new one is drawn, three times at most; any other error is thrown.
 * Answers the reference with what the write answered, or null when every reference was taken.
 */
export async function withNewReference<T>(
	write: (reference: string) => Promise<T>
): Promise<{ reference: string; written: T } | null> {
	for (let attempt = 0; attempt < 3; attempt++) {
		const reference = readableCode(6);
		try {
			return { reference, written: await write(reference) };
		} catch (error) {
			if (!String(error).includes('UNIQUE')) throw error;
		}
	}
	return null;
}

/** HMAC-SHA256 of a message under a secret, URL-safe: a token the server can make again. */
export async function hmacToken(secret: string, message: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
}

/** The bytes of a base64url text (padding optional); throws on characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
