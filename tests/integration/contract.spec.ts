/**
 * The API answers as its OpenAPI document says: every operation of the document is called through
 * the whole worker, once to succeed and once to fail, and the real status and JSON body are
 * validated against the document's schema for that operation and status.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it, beforeAll } from 'vitest';
import { Validator } from '@cfworker/json-schema';
import { readSession } from '$lib/server/auth';
import { renewFeed } from '$lib/server/staff/calendar';
import { amsterdamDate, addDays } from '$lib/server/scheduling/time';
import { DEMO_BOOKING_TOKEN, DEMO_QUESTION_TOKEN } from '$lib/server/demo/seed';
import { SAMIRA, db, newClient, signIn } from './helpers';
import { testNow } from './clock';

type Doc = {
	paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
	components: { schemas: Record<string, object> };
};
type Response = { content?: Record<string, { schema: object }> };
type Call = { method?: string; path: string; body?: unknown; headers?: Record<string, string> };

const worker = ({ method = 'GET', path, body, headers = {} }: Call) =>
	exports.default.fetch(
		new Request(`http://localhost/api${path}`, {
			method,
			headers: {
				'cf-connecting-ip': newClient(),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		})
	);

let doc: Doc;
let feedSecret = '';
let manageToken = '';
let waitlistToken = '';
let offeredToken = '';
const today = amsterdamDate(testNow());

/** `{ $ref: '#/components/…' }` replaced by what it points at, so one schema stands alone. */
function resolve(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(resolve);
	if (node === null || typeof node !== 'object') return node;
	const ref = (node as { $ref?: string }).$ref;
	if (ref?.startsWith('#/')) {
		return resolve(
			ref
				.slice(2)
				.split('/')
				.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc)
		);
	}
	return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
}

/** The call's real answer against the document: its status is documented, its body fits. */
async function conforms(operation: string, call: Call) {
	const [method, path] = operation.split(' ');
	const res = await worker(call);
	const documented = doc.paths[path]?.[method.toLowerCase()]?.responses;
	expect(documented, operation).toBeDefined();
	const response = documented[String(res.status)];
	expect(response, `${operation}: status ${res.status} is not in the document`).toBeDefined();
	const content = (resolve(response) as Response).content;
	if (!content) return res;
	const type = (res.headers.get('content-type') ?? '').split(';')[0];
	const media = content[type];
	expect(media, `${operation} ${res.status}: ${type} is not in the document`).toBeDefined();
	const body = type === 'application/json' ? await res.clone().json() : await res.clone().text();
	const result = new Validator(media.schema as never, '2020-12', false).validate(body);
	expect(
		result.errors.map((e) => `${e.instanceLocation} ${e.error}`),
		`${operation} ${res.status}`
	).toEqual([]);
	return res;
}

/** Two calls for every operation: [one that succeeds (or may, by the clock), one that fails]. */
const CALLS: Record<string, () => Promise<[Call, Call]>> = {
	'GET /health': async () => [{ path: '/health' }, { path: '/health' }],
	'GET /v1/openapi.json': async () => [{ path: '/v1/openapi.json' }, { path: '/v1/openapi.json' }],
	'GET /v1/schools': async () => [{ path: '/v1/schools?q=tilburg' }, { path: '/v1/schools?q=a' }],
	'GET /v1/schools/{slug}': async () => [
		{ path: '/v1/schools/de-zuidwester' },
		{ path: '/v1/schools/nope' }
	],
	'GET /v1/schools/{slug}/slots': async () => [
		{ path: `/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}` },
		{ path: `/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 60)}` }
	],
	'POST /v1/schools/{slug}/bookings': async () => {
		const slots = (await (
			await worker({
				path: `/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`
			})
		).json()) as { staffId: number; start: string }[];
		const slot = slots.at(-1)!;
		const body = {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Noor',
			email: `contract-${Math.round(testNow())}@example.nl`,
			language: 'nl',
			consent: true
		};
		return [
			{ method: 'POST', path: '/v1/schools/de-zuidwester/bookings', body },
			{ method: 'POST', path: '/v1/schools/de-zuidwester/bookings', body: '{"staffId":' }
		];
	},
	'POST /v1/schools/{slug}/questions': async () => [
		{
			method: 'POST',
			path: '/v1/schools/de-zuidwester/questions',
			body: {
				category: 'sleep_eating',
				text: 'Hoe krijg ik mijn dochter op tijd in bed?',
				answerBy: 'page',
				language: 'nl',
				consent: true
			}
		},
		{ method: 'POST', path: '/v1/schools/de-zuidwester/questions', body: { category: 'nope' } }
	],
	'GET /v1/schools/{slug}/walkin': async () => [
		{ path: '/v1/schools/de-zuidwester/walkin' },
		{ path: '/v1/schools/nope/walkin' }
	],
	// 201 while a walk-in hour runs, else 409 walkin_closed: both are in the document.
	'POST /v1/schools/{slug}/walkin': async () => [
		{ method: 'POST', path: '/v1/schools/de-zuidwester/walkin', body: { language: 'nl' } },
		{
			method: 'POST',
			path: '/v1/schools/de-zuidwester/walkin',
			body: { language: 'nl' },
			headers: { 'content-type': 'application/xml' }
		}
	],
	'POST /v1/schools/{slug}/walkin/checkin': async () => [
		{
			method: 'POST',
			path: '/v1/schools/de-zuidwester/walkin/checkin',
			body: { reference: 'K7QM2P', language: 'nl' }
		},
		{
			method: 'POST',
			path: '/v1/schools/de-zuidwester/walkin/checkin',
			body: { reference: 'K7QM2P', language: 'nl' },
			headers: { origin: 'https://elsewhere.example' }
		}
	],
	'GET /v1/bookings/{manageToken}': async () => [
		{ path: `/v1/bookings/${DEMO_BOOKING_TOKEN}` },
		{ path: '/v1/bookings/unknown-token' }
	],
	'DELETE /v1/bookings/{manageToken}': async () => [
		{ method: 'DELETE', path: `/v1/bookings/${manageToken}` },
		{ method: 'DELETE', path: `/v1/bookings/${manageToken}` }
	],
	'GET /v1/questions/{accessToken}': async () => [
		{ path: `/v1/questions/${DEMO_QUESTION_TOKEN}` },
		{ path: '/v1/questions/unknown-token' }
	],
	'POST /v1/schools/{slug}/waitlist': async () => {
		const body = {
			from: addDays(today, 1),
			to: addDays(today, 8),
			firstName: 'Noor',
			phone: '06 2222 3333',
			language: 'nl',
			consent: true
		};
		return [
			{ method: 'POST', path: '/v1/schools/de-zuidwester/waitlist', body },
			{ method: 'POST', path: '/v1/schools/de-zuidwester/waitlist', body: { ...body, to: today } }
		];
	},
	'GET /v1/waitlist/{manageToken}': async () => [
		{ path: `/v1/waitlist/${offeredToken}` },
		{ path: '/v1/waitlist/unknown-token' }
	],
	'POST /v1/waitlist/{manageToken}/claim': async () => [
		{ method: 'POST', path: `/v1/waitlist/${offeredToken}/claim` },
		{ method: 'POST', path: `/v1/waitlist/${offeredToken}/claim` }
	],
	'DELETE /v1/waitlist/{manageToken}': async () => [
		{ method: 'DELETE', path: `/v1/waitlist/${waitlistToken}` },
		{ method: 'DELETE', path: '/v1/waitlist/unknown-token' }
	],
	'GET /calendar/{secret}.ics': async () => [
		{ path: `/calendar/${feedSecret}.ics` },
		{ path: '/calendar/unknown.ics' }
	]
};

async function joinWaitlist(body: Record<string, unknown> = {}) {
	const [join] = await CALLS['POST /v1/schools/{slug}/waitlist']();
	const res = await worker({ ...join, body: { ...(join.body as object), ...body } });
	expect(res.status).toBe(201);
	return ((await res.json()) as { manageToken: string }).manageToken;
}

async function offered() {
	const [book] = await CALLS['POST /v1/schools/{slug}/bookings']();
	const booked = await worker(book);
	expect(booked.status).toBe(201);
	const {
		manageToken: bookingToken,
		start,
		staffId
	} = (await booked.json()) as {
		manageToken: string;
		start: string;
		staffId: number;
	};
	const token = await joinWaitlist({ staffId, from: start.slice(0, 10), to: start.slice(0, 10) });
	expect((await worker({ method: 'DELETE', path: `/v1/bookings/${bookingToken}` })).status).toBe(
		200
	);
	return token;
}

beforeAll(async () => {
	doc = (await (await worker({ path: '/v1/openapi.json' })).json()) as Doc;
	const samira = await signIn(SAMIRA);
	feedSecret = (await renewFeed(db(), (await readSession(db(), samira.token, samira.now))!))!;
});

describe('the API answers as its OpenAPI document says', () => {
	it('has two calls for every operation of the document', () => {
		const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
			Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)
		);
		expect(Object.keys(CALLS).sort()).toEqual(operations.sort());
	});

	for (const operation of Object.keys(CALLS)) {
		it(`${operation}: a success and an error, each as documented`, async () => {
			if (operation === 'GET /v1/waitlist/{manageToken}' || operation.endsWith('/claim')) {
				// An offer to show and claim: a full slot, a parent waiting for it, a cancellation (and
				// nobody else waiting to take it first).
				await env.DB.prepare(
					"UPDATE waitlist_entries SET status = 'left' WHERE status IN ('waiting', 'offered')"
				).run();
				offeredToken = await offered();
			}
			if (operation === 'DELETE /v1/bookings/{manageToken}') {
				const [book] = await CALLS['POST /v1/schools/{slug}/bookings']();
				const res = await worker(book);
				expect(res.status).toBe(201);
				manageToken = ((await res.json()) as { manageToken: string }).manageToken;
			}
			if (operation.startsWith('DELETE /v1/waitlist')) waitlistToken = await joinWaitlist();
			const [success, failure] = await CALLS[operation]();
			const ok = await conforms(operation, success);
			const bad = await conforms(operation, failure);
			if (!operation.includes('/walkin')) expect(ok.status, operation).toBeLessThan(300);
			if (operation !== 'GET /health' && operation !== 'GET /v1/openapi.json') {
				expect(bad.status, operation).toBeGreaterThanOrEqual(400);
			}
		});
	}
});
