/**
 * A push service stand-in for the tests: a real HTTP server on 127.0.0.1 (started by
 * vitest.config.ts, in Node), which the worker under test reaches as it would reach FCM or
 * Mozilla's service. It does what a browser and its push service do together: checks the VAPID
 * token (RFC 8292: ES256 over the header and claims, signed by the key in `k=`, for this
 * origin), decrypts the message with the subscription's private key (RFC 8291, aes128gcm) and
 * keeps what it read for the test. A subscription marked gone answers 410.
 *
 *   POST /register/{id}  { privateKey, publicKey, auth }  the subscription's keys (base64url)
 *   POST /gone/{id}                                       from now on answer 410
 *   POST /push/{id}                                       what the worker sends
 *   GET  /messages/{id}                                   what arrived, decrypted
 */
import { createServer, type IncomingMessage } from 'node:http';
import crypto from 'node:crypto';

export type Delivery = {
	status: number;
	payload: unknown;
	ttl: string | null;
	urgency: string | null;
	contentEncoding: string | null;
	vapid: { valid: boolean; key: string; claims: Record<string, unknown> } | null;
};

type Keys = { privateKey: string; publicKey: string; auth: string };

const b64u = (s: string) => Buffer.from(s, 'base64url');

function decrypt(body: Buffer, keys: Keys): string {
	const salt = body.subarray(0, 16);
	const idlen = body[20];
	const asPublic = body.subarray(21, 21 + idlen);
	const ecdh = crypto.createECDH('prime256v1');
	ecdh.setPrivateKey(b64u(keys.privateKey));
	const shared = ecdh.computeSecret(asPublic);
	const info = Buffer.concat([Buffer.from('WebPush: info\0'), b64u(keys.publicKey), asPublic]);
	const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, b64u(keys.auth), info, 32));
	const cek = Buffer.from(
		crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
	);
	const nonce = Buffer.from(
		crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12)
	);
	const record = body.subarray(21 + idlen);
	const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(record.subarray(record.length - 16));
	const plain = Buffer.concat([
		decipher.update(record.subarray(0, record.length - 16)),
		decipher.final()
	]);
	// The last record ends with the delimiter 0x02 (then only padding zeros).
	const end = plain.lastIndexOf(2);
	if (end < 0) throw new Error('no record delimiter');
	return plain.subarray(0, end).toString('utf8');
}

function checkVapid(header: string | undefined, origin: string): Delivery['vapid'] {
	const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? '');
	if (!match) return null;
	const [, head, claims, signature, key] = match;
	const point = b64u(key);
	const publicKey = crypto.createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33, 65).toString('base64url')
		},
		format: 'jwk'
	});
	const valid =
		JSON.parse(b64u(head).toString()).alg === 'ES256' &&
		crypto.verify(
			'sha256',
			Buffer.from(`${head}.${claims}`),
			{ key: publicKey, dsaEncoding: 'ieee-p1363' },
			b64u(signature)
		);
	const parsed = JSON.parse(b64u(claims).toString()) as Record<string, unknown>;
	return { valid: valid && parsed.aud === origin, key, claims: parsed };
}

const read = (request: IncomingMessage) =>
	new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (c: Buffer) => chunks.push(c));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});

export async function startPushService(): Promise<{ origin: string }> {
	const keys = new Map<string, Keys>();
	const gone = new Set<string>();
	const deliveries = new Map<string, Delivery[]>();
	let origin = '';
	const server = createServer(async (request, response) => {
		const [, action, id] = /^\/(\w+)\/([\w-]+)$/.exec(request.url ?? '') ?? [];
		const body = await read(request);
		const json = (status: number, value: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(value));
		};
		if (action === 'register' && request.method === 'POST') {
			keys.set(id, JSON.parse(body.toString()));
			return json(201, {});
		}
		if (action === 'gone' && request.method === 'POST') {
			gone.add(id);
			return json(200, {});
		}
		if (action === 'messages' && request.method === 'GET')
			return json(200, deliveries.get(id) ?? []);
		if (action === 'push' && request.method === 'POST') {
			const status = gone.has(id) ? 410 : keys.has(id) ? 201 : 404;
			let payload: unknown = null;
			if (status === 201) {
				try {
					payload = JSON.parse(decrypt(body, keys.get(id)!));
				} catch (error) {
					payload = { undecryptable: String(error) };
				}
			}
			deliveries.set(id, [
				...(deliveries.get(id) ?? []),
				{
					status,
					payload,
					ttl: request.headers.ttl?.toString() ?? null,
					urgency: request.headers.urgency?.toString() ?? null,
					contentEncoding: request.headers['content-encoding'] ?? null,
					vapid: checkVapid(request.headers.authorization, origin)
				}
			]);
			response.writeHead(status);
			return response.end();
		}
		json(404, {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	// The tests end; the server must not keep the process alive.
	server.unref();
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('push service stand-in has no port');
	origin = `http://127.0.0.1:${address.port}`;
	return { origin };
}
