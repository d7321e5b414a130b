/**
 * Web push with WebCrypto alone (runs on Workers): the message is encrypted for the browser's
 * subscription (RFC 8291, aes128gcm of RFC 8188) and the request carries a VAPID token signed
 * with the server's key (RFC 8292), so only the browser can read it and the push service knows
 * who sends. The common `web-push` package needs Node's crypto and does not run on Workers.
 */
import { base64Url, fromBase64Url } from '../crypto.ts';

const encoder = new TextEncoder();

export type PushKeys = { p256dh: string; auth: string };
export type VapidKeys = { publicKey: string; privateKey: string };

const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
};

/** A P-256 private key from its raw scalar `d` and its uncompressed public point (65 bytes). */
function privateJwk(d: string, publicPoint: Uint8Array): JsonWebKey {
	if (publicPoint.length !== 65 || publicPoint[0] !== 4) throw new Error('Not a P-256 public key');
	return {
		kty: 'EC',
		crv: 'P-256',
		d,
		x: base64Url(publicPoint.slice(1, 33)),
		y: base64Url(publicPoint.slice(33, 65)),
		ext: true
	};
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number) {
	const key = await crypto.subtle.importKey('raw', ikm as BufferSource, 'HKDF', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: info as BufferSource },
		key,
		bytes * 8
	);
	return new Uint8Array(bits);
}

/** The sender's one-time key pair and salt; tests pass RFC 8291's fixed ones. */
export type EncryptionSeed = { privateKey: string; publicKey: string; salt: string };

/**
 * The body of a push message: the plaintext encrypted for the subscription (RFC 8291 §3.4), one
 * record of RFC 8188 with its header (salt, record size, the sender's public key).
 */
export async function encryptPayload(
	plaintext: string,
	keys: PushKeys,
	seed?: EncryptionSeed
): Promise<Uint8Array> {
	const uaPublic = fromBase64Url(keys.p256dh);
	const authSecret = fromBase64Url(keys.auth);
	const receiver = await crypto.subtle.importKey(
		'raw',
		uaPublic,
		{ name: 'ECDH', namedCurve: 'P-256' },
		false,
		[]
	);
	let sender: CryptoKey;
	let asPublic: Uint8Array;
	if (seed) {
		asPublic = fromBase64Url(seed.publicKey);
		sender = await crypto.subtle.importKey(
			'jwk',
			privateJwk(seed.privateKey, asPublic),
			{ name: 'ECDH', namedCurve: 'P-256' },
			false,
			['deriveBits']
		);
	} else {
		const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
			'deriveBits'
		])) as CryptoKeyPair;
		sender = pair.privateKey;
		asPublic = new Uint8Array(
			(await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer
		);
	}
	const salt = seed ? fromBase64Url(seed.salt) : crypto.getRandomValues(new Uint8Array(16));
	const shared = new Uint8Array(
		await crypto.subtle.deriveBits({ name: 'ECDH', public: receiver }, sender, 256)
	);
	const keyInfo = concat(encoder.encode('WebPush: info\0'), uaPublic, asPublic);
	const ikm = await hkdf(authSecret, shared, keyInfo, 32);
	const cek = await hkdf(salt, ikm, encoder.encode('Content-Encoding: aes128gcm\0'), 16);
	const nonce = await hkdf(salt, ikm, encoder.encode('Content-Encoding: nonce\0'), 12);
	const aes = await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, [
		'encrypt'
	]);
	// One record, so it is the last: the delimiter 0x02 and no padding.
	const record = concat(encoder.encode(plaintext), new Uint8Array([2]));
	const cipher = new Uint8Array(
		await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv: nonce as BufferSource },
			aes,
			record as BufferSource
		)
	);
	const header = new Uint8Array(21);
	header.set(salt, 0);
	new DataView(header.buffer).setUint32(16, RECORD_SIZE);
	header[20] = asPublic.length;
	return concat(header, asPublic, cipher);
}

/** RFC 8188 record size; a notification is far smaller than one record. */
const RECORD_SIZE = 4096;
/** What a push service must take (RFC 8030 §7.2): 4096 bytes of encrypted body. */
export const MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86;

/** How long a VAPID token is good for: at most 24 hours (RFC 8292 §2); 12 is usual. */
const VAPID_HOURS = 12;

/**
 * The Authorization header for a request to `endpoint`: `vapid t=<JWT>, k=<public key>` with an
 * ES256 token for the push service's origin (RFC 8292 §2-3).
 */
export async function vapidAuthorization(
	endpoint: string,
	keys: VapidKeys,
	subject: string,
	now: number
): Promise<string> {
	const header = base64Url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));
	const claims = base64Url(
		encoder.encode(
			JSON.stringify({
				aud: new URL(endpoint).origin,
				exp: Math.floor(now / 1000) + VAPID_HOURS * 3600,
				sub: subject
			})
		)
	);
	const key = await crypto.subtle.importKey(
		'jwk',
		privateJwk(keys.privateKey, fromBase64Url(keys.publicKey)),
		{ name: 'ECDSA', namedCurve: 'P-256' },
		false,
		['sign']
	);
	// WebCrypto's ECDSA signature is r || s, which is what JWS's ES256 wants.
	const signature = await crypto.subtle.sign(
		{ name: 'ECDSA', hash: 'SHA-256' },
		key,
		encoder.encode(`${header}.${claims}`)
	);
	return `vapid t=${header}.${claims}.${base64Url(new Uint8Array(signature))}, k=${keys.publicKey}`;
}

export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * Sends one encrypted message (RFC 8030): TTL says how long the push service may hold it for an
 * offline phone, Urgency how soon it should wake one. 404 or 410 means the subscription is gone.
 */
export async function sendPush(
	subscription: { endpoint: string } & PushKeys,
	payload: string,
	options: {
		vapid: VapidKeys;
		subject: string;
		now: number;
		ttl: number;
		urgency: 'normal' | 'high';
	}
): Promise<PushOutcome> {
	const body = await encryptPayload(payload, subscription);
	const response = await fetch(subscription.endpoint, {
		method: 'POST',
		headers: {
			authorization: await vapidAuthorization(
				subscription.endpoint,
				options.vapid,
				options.subject,
				options.now
			),
			'content-encoding': 'aes128gcm',
			'content-type': 'application/octet-stream',
			ttl: String(options.ttl),
			urgency: options.urgency
		},
		body: body as BodyInit,
		redirect: 'manual'
	});
	await response.body?.cancel();
	if (response.status === 404 || response.status === 410) return 'gone';
	return response.ok ? 'sent' : 'failed';
}
