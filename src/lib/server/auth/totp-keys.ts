/**
 * TOTP secrets at rest: AES-256-GCM under a key from the TOTP_KEYS secret, through WebCrypto.
 *
 * TOTP_KEYS holds one or more keys with an id, newest first: `k2:<base64 of 32 bytes>,k1:<…>`.
 * New secrets are sealed with the first; the others still open what they sealed, so a key can be
 * rotated without a migration. A stored secret reads `v1:<key id>:<iv>:<ciphertext>` (base64url,
 * a random 96-bit IV each time) and carries the account's id as additional authenticated data:
 * ciphertext copied to another account's row does not open.
 */
import { base64Url, fromBase64Url } from '../crypto.ts';

export type TotpKeys = {
	/** The key new secrets are sealed with (the first in TOTP_KEYS). */
	current: string;
	keys: ReadonlyMap<string, Promise<CryptoKey>>;
};

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** A secret stored before encryption at rest: plain base32, read once and sealed again. */
const LEGACY_PLAIN = /^[A-Z2-7]{16,}=*$/;

const configError = (problem: string) =>
	new Error(
		`TOTP_KEYS ${problem}. Expected "<id>:<base64 of 32 random bytes>", newest first and ` +
			'comma-separated (wrangler.toml [vars] locally, `wrangler secret put TOTP_KEYS` in production).'
	);

/**
 * The keys of a TOTP_KEYS value. Throws a clear error (never naming a key) when it is missing or
 * malformed: without a usable key nothing may be stored, least of all a secret in clear.
 */
export function parseTotpKeys(config: string | undefined): TotpKeys {
	if (!config?.trim()) throw configError('is not set');
	const keys = new Map<string, Promise<CryptoKey>>();
	for (const [index, entry] of config.split(',').entries()) {
		const separator = entry.indexOf(':');
		const id = entry.slice(0, separator).trim();
		const material = entry.slice(separator + 1).trim();
		if (separator < 0 || !KEY_ID.test(id))
			throw configError(`has no valid id at entry ${index + 1}`);
		if (keys.has(id)) throw configError(`has the id "${id}" twice`);
		const bytes = BASE64.test(material) ? decodeBase64(material) : null;
		if (bytes?.length !== 32) throw configError(`key "${id}" is not 32 bytes in base64`);
		keys.set(
			id,
			crypto.subtle.importKey('raw', bytes as BufferSource, 'AES-GCM', false, [
				'encrypt',
				'decrypt'
			])
		);
	}
	return { current: keys.keys().next().value!, keys };
}

function decodeBase64(text: string): Uint8Array | null {
	try {
		return fromBase64Url(text.replace(/\+/g, '-').replace(/\//g, '_'));
	} catch {
		return null;
	}
}

const parsed = new Map<string, TotpKeys>();

/** The keys of an environment (`platform.env`, a test's `env`), parsed once per value. */
export function totpKeysOf(env: { TOTP_KEYS?: string } | undefined): TotpKeys {
	const config = env?.TOTP_KEYS ?? '';
	let keys = parsed.get(config);
	if (!keys) {
		keys = parseTotpKeys(config);
		parsed.set(config, keys);
	}
	return keys;
}

const encoder = new TextEncoder();
const additionalData = (keyId: string, userId: number) =>
	encoder.encode(`inloop:totp_secret:${VERSION}:${keyId}:user:${userId}`);

/** A secret sealed for the column `users.totp_secret` of this account, with the current key. */
export async function sealTotpSecret(keys: TotpKeys, userId: number, secret: string) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(keys.current, userId) },
		await keys.keys.get(keys.current)!,
		encoder.encode(secret)
	);
	return `${VERSION}:${keys.current}:${base64Url(iv)}:${base64Url(new Uint8Array(ciphertext))}`;
}

/**
 * The secret in a stored value of this account, and whether it should be sealed again (it is
 * under an older key, or plain from before encryption at rest). Null when it does not open:
 * tampered, or sealed for another account. A key id that TOTP_KEYS no longer holds throws: a key
 * was removed while secrets still depend on it.
 */
export async function openTotpSecret(
	keys: TotpKeys,
	userId: number,
	stored: string
): Promise<{ secret: string; stale: boolean } | null> {
	if (LEGACY_PLAIN.test(stored)) return { secret: stored, stale: true };
	const [version, keyId, iv, ciphertext, ...rest] = stored.split(':');
	if (version !== VERSION || !iv || !ciphertext || rest.length) return null;
	const key = keys.keys.get(keyId);
	if (!key) {
		throw new Error(
			`A TOTP secret is sealed with key "${keyId}", which TOTP_KEYS no longer holds: put it back (after the newest).`
		);
	}
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: additionalData(keyId, userId) },
			await key,
			fromBase64Url(ciphertext) as BufferSource
		);
		return { secret: new TextDecoder().decode(plain), stale: keyId !== keys.current };
	} catch {
		return null;
	}
}
