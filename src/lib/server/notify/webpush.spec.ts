import { describe, expect, it } from 'vitest';
import { base64Url, fromBase64Url } from '../crypto.ts';
import { encryptPayload, vapidAuthorization } from './webpush.ts';

// RFC 8291, Appendix A: the fixed keys, salt and the exact message they give.
const RFC = {
	plaintext: 'When I grow up, I want to be a watermelon',
	asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
	asPublic:
		'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
	uaPublic:
		'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
	salt: 'DGv6ra1nlYgDCS1FRnbzlw',
	auth: 'BTBZMqHH6r4Tts7J_aSIgg',
	body: 'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN'
};

describe('web push (RFC 8291, RFC 8292)', () => {
	it("encrypts RFC 8291's example to the very bytes of Appendix A", async () => {
		const body = await encryptPayload(
			RFC.plaintext,
			{ p256dh: RFC.uaPublic, auth: RFC.auth },
			{ privateKey: RFC.asPrivate, publicKey: RFC.asPublic, salt: RFC.salt }
		);
		expect(base64Url(body)).toBe(RFC.body);
	});

	it('signs a VAPID token for the push service origin that verifies with the public key', async () => {
		const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
			'sign',
			'verify'
		])) as CryptoKeyPair;
		const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
		const publicKey = base64Url(
			new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)
		);
		const now = Date.UTC(2027, 2, 30, 8, 0);
		const header = await vapidAuthorization(
			'https://push.example.net/send/abc?x=1',
			{ publicKey, privateKey: jwk.d! },
			'https://inloop.example.nl',
			now
		);
		const [, token, key] = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header)!;
		expect(key).toBe(publicKey);
		const [head, claims, signature] = token.split('.');
		expect(JSON.parse(new TextDecoder().decode(fromBase64Url(head)))).toEqual({
			typ: 'JWT',
			alg: 'ES256'
		});
		expect(JSON.parse(new TextDecoder().decode(fromBase64Url(claims)))).toEqual({
			aud: 'https://push.example.net',
			exp: now / 1000 + 12 * 3600,
			sub: 'https://inloop.example.nl'
		});
		const valid = await crypto.subtle.verify(
			{ name: 'ECDSA', hash: 'SHA-256' },
			pair.publicKey,
			fromBase64Url(signature),
			new TextEncoder().encode(`${head}.${claims}`)
		);
		expect(valid).toBe(true);
	});
});
