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
import { DEMO_BOOKING_TOKEN, DEMO_QUESTION_TOKEN, DEMO_SIGNUP_TOKEN } from '$lib/server/demo/seed';
import { SAMIRA, db, newClient, signIn } from './helpers';
import { ticketToken } from '$lib/server/walkin';
import { sha256Hex } from '$lib/server/crypto';
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
let signupToken = '';
let ticket = '';
/** A subscription on the push service stand-in (PUSH_SERVICE_ORIGINS), and one elsewhere. */
const subscription = (endpoint: string) => ({
	endpoint,
	keys: {
		p256dh:
			'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
		auth: 'BTBZMqHH6r4Tts7J_aSIgg'
	}
});
const allowedEndpoint = () => `${env.PUSH_SERVICE_ORIGINS}/push/contract`;
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
	// The live feed: 101 with the upgrade (a WebSocket, no body), 426 without it.
	'GET /v1/schools/{slug}/walkin/live': async () => [
		{ path: '/v1/schools/de-zuidwester/walkin/live', headers: { upgrade: 'websocket' } },
		{ path: '/v1/schools/de-zuidwester/walkin/live' }
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
	'GET /v1/schools/{slug}/meetings': async () => [
		{ path: '/v1/schools/de-zuidwester/meetings?lang=ar' },
		{ path: '/v1/schools/nope/meetings' }
	],
	'POST /v1/schools/{slug}/suggestions': async () => [
		{
			method: 'POST',
			path: '/v1/schools/de-zuidwester/suggestions',
			body: { theme: 'sleep_eating', text: 'Schermtijd', language: 'nl' }
		},
		{ method: 'POST', path: '/v1/schools/de-zuidwester/suggestions', body: { theme: 'nope' } }
	],
	'POST /v1/meetings/{id}/signups': async () => {
		const [meeting] = (await (
			await worker({ path: '/v1/schools/de-zuidwester/meetings' })
		).json()) as { id: number }[];
		const body = { firstName: 'Noor', people: 1, language: 'nl', consent: true };
		return [
			{ method: 'POST', path: `/v1/meetings/${meeting.id}/signups`, body },
			{ method: 'POST', path: '/v1/meetings/999999/signups', body }
		];
	},
	'GET /v1/signups/{manageToken}': async () => [
		{ path: `/v1/signups/${DEMO_SIGNUP_TOKEN}` },
		{ path: '/v1/signups/unknown-token' }
	],
	'DELETE /v1/signups/{manageToken}': async () => [
		{ method: 'DELETE', path: `/v1/signups/${signupToken}` },
		{ method: 'DELETE', path: `/v1/signups/${signupToken}` }
	],
	'POST /v1/signups/{manageToken}/push': async () => [
		{
			method: 'POST',
			path: `/v1/signups/${DEMO_SIGNUP_TOKEN}/push`,
			body: subscription(allowedEndpoint())
		},
		{
			method: 'POST',
			path: `/v1/signups/${DEMO_SIGNUP_TOKEN}/push`,
			body: subscription('https://evil.example/push/1')
		}
	],
	'DELETE /v1/signups/{manageToken}/push': async () => [
		{
			method: 'DELETE',
			path: `/v1/signups/${DEMO_SIGNUP_TOKEN}/push`,
			body: { endpoint: allowedEndpoint() }
		},
		{
			method: 'DELETE',
			path: '/v1/signups/unknown-token/push',
			body: { endpoint: allowedEndpoint() }
		}
	],
	'GET /v1/push/key': async () => [{ path: '/v1/push/key' }, { path: '/v1/push/key?lang=ar' }],
	'POST /v1/bookings/{manageToken}/push': async () => [
		{
			method: 'POST',
			path: `/v1/bookings/${DEMO_BOOKING_TOKEN}/push`,
			body: subscription(allowedEndpoint())
		},
		{
			method: 'POST',
			path: `/v1/bookings/${DEMO_BOOKING_TOKEN}/push`,
			body: subscription('https://evil.example/push/1')
		}
	],
	'DELETE /v1/bookings/{manageToken}/push': async () => [
		{
			method: 'DELETE',
			path: `/v1/bookings/${DEMO_BOOKING_TOKEN}/push`,
			body: { endpoint: allowedEndpoint() }
		},
		{
			method: 'DELETE',
			path: '/v1/bookings/unknown-token/push',
			body: { endpoint: allowedEndpoint() }
		}
	],
	'POST /v1/questions/{accessToken}/push': async () => [
		{
			method: 'POST',
			path: `/v1/questions/${DEMO_QUESTION_TOKEN}/push`,
			body: subscription(allowedEndpoint())
		},
		{
			method: 'POST',
			path: '/v1/questions/unknown-token/push',
			body: subscription(allowedEndpoint())
		}
	],
	'DELETE /v1/questions/{accessToken}/push': async () => [
		{
			method: 'DELETE',
			path: `/v1/questions/${DEMO_QUESTION_TOKEN}/push`,
			body: { endpoint: allowedEndpoint() }
		},
		{ method: 'DELETE', path: `/v1/questions/${DEMO_QUESTION_TOKEN}/push`, body: {} }
	],
	'GET /v1/walkin/{ticketToken}': async () => [
		{ path: `/v1/walkin/${ticket}` },
		{ path: '/v1/walkin/unknown-token' }
	],
	'POST /v1/walkin/{ticketToken}/push': async () => [
		{ method: 'POST', path: `/v1/walkin/${ticket}/push`, body: subscription(allowedEndpoint()) },
		{ method: 'POST', path: `/v1/walkin/${ticket}/push`, body: '{"endpoint":' }
	],
	'DELETE /v1/walkin/{ticketToken}/push': async () => [
		{ method: 'DELETE', path: `/v1/walkin/${ticket}/push`, body: { endpoint: allowedEndpoint() } },
		{
			method: 'DELETE',
			path: '/v1/walkin/unknown-token/push',
			body: { endpoint: allowedEndpoint() }
		}
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
	'POST /v1/waitlist/{manageToken}/push': async () => [
		{
			method: 'POST',
			path: `/v1/waitlist/${waitlistToken}/push`,
			body: subscription(allowedEndpoint())
		},
		{
			method: 'POST',
			path: '/v1/waitlist/unknown-token/push',
			body: subscription(allowedEndpoint())
		}
	],
	'DELETE /v1/waitlist/{manageToken}/push': async () => [
		{
			method: 'DELETE',
			path: `/v1/waitlist/${waitlistToken}/push`,
			body: { endpoint: allowedEndpoint() }
		},
		{ method: 'DELETE', path: `/v1/waitlist/${waitlistToken}/push`, body: { endpoint: 'x' } }
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
	// A walk-in ticket of today with its own link (taking one needs a running walk-in hour).
	const linkKey = `contract-${crypto.randomUUID()}`;
	ticket = await ticketToken(env.LINK_SECRET, linkKey);
	await env.DB.prepare(
		`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, language, status,
			made_by, link_key, token_hash)
		 VALUES (1, 1, ?, (SELECT COALESCE(MAX(number), 0) + 1 FROM walk_in_tickets WHERE school_id = 1
			AND staff_id = 1 AND date = ?), ?, 'nl', 'waiting', 'parent', ?, ?)`
	)
		.bind(today, today, testNow(), linkKey, await sha256Hex(ticket))
		.run();
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
			if (operation === 'DELETE /v1/signups/{manageToken}') {
				const [signUp] = await CALLS['POST /v1/meetings/{id}/signups']();
				const res = await worker(signUp);
				expect(res.status).toBe(201);
				signupToken = ((await res.json()) as { manageToken: string }).manageToken;
			}
			if (
				operation.startsWith('DELETE /v1/waitlist') ||
				operation === 'POST /v1/waitlist/{manageToken}/push'
			) {
				waitlistToken = await joinWaitlist();
			}
			const [success, failure] = await CALLS[operation]();
			const ok = await conforms(operation, success);
			const bad = await conforms(operation, failure);
			if (!operation.includes('/walkin')) expect(ok.status, operation).toBeLessThan(300);
			// These take no input that could be wrong (the push key is 404 only where push is off).
			const noInput = ['GET /health', 'GET /v1/openapi.json', 'GET /v1/push/key'];
			if (!noInput.includes(operation)) {
				expect(bad.status, operation).toBeGreaterThanOrEqual(400);
			}
		});
	}
});
