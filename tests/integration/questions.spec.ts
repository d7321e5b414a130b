import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api } from '$lib/server/api';
import { getDb } from '$lib/server/db';
import { readSession, signInWithPassword, completeSecondFactor } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { totpKeysOf } from '$lib/server/auth/totp-keys';
import {
	answerQuestion,
	findQuestion,
	inboxFor,
	questionDetail,
	updateQuestion
} from '$lib/server/questions';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { testNow } from './clock';

type ApiError = { error: { code: string; message: string; fields: Record<string, string> } };
const db = () => getDb(env.DB);
const post = (path: string, body: unknown) =>
	api.request(
		path,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body)
		},
		env
	);
const count = async () =>
	(await env.DB.prepare('SELECT count(*) AS n FROM questions').first<{ n: number }>())!.n;

let clock = testNow();
async function userOf(email: string) {
	const a = DEMO_ACCOUNTS.find((x) => x.email === email)!;
	const now = (clock += 120_000);
	const first = await signInWithPassword(db(), {
		email,
		password: DEMO_PASSWORD,
		client: `203.0.113.${clock % 200}`,
		now
	});
	if (!first.ok) throw new Error(first.code);
	const second = await completeSecondFactor(db(), {
		keys: totpKeysOf(env),
		token: first.token,
		code: await totpCode(a.totp, stepAt(now)),
		client: 'x',
		now
	});
	if (!second.ok) throw new Error(second.code);
	return { user: (await readSession(db(), second.token, now))!, token: second.token };
}

const valid = {
	category: 'sleep_eating',
	text: 'Kızım her gece geç uyuyor. Ne yapabilirim?',
	ageGroup: '4_7',
	answerBy: 'email',
	firstName: 'Ayşe',
	email: 'ayse@example.org',
	language: 'tr',
	consent: true
};

describe('a question from ask to answer to reply', () => {
	it('is asked through the API, answered by the school, and read and replied to by the parent', async () => {
		const res = await post('/api/v1/schools/de-zuidwester/questions', valid);
		expect(res.status).toBe(201);
		const { reference, accessToken } = (await res.json()) as {
			reference: string;
			accessToken: string;
		};
		expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
		const row = await env.DB.prepare('SELECT * FROM questions WHERE reference = ?')
			.bind(reference)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			language: 'tr',
			status: 'new',
			anonymous: 0,
			first_name: 'Ayşe',
			answer_by: 'email'
		});
		expect(row!.access_token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(accessToken);

		const samira = await userOf('samira@wijkteamtilburg.example.nl');
		const inbox = await inboxFor(db(), samira.user, { status: 'new' });
		const id = inbox.find((q) => q.reference === reference)!.id;
		expect(await questionDetail(db(), samira.user, id, testNow())).toMatchObject({
			email: 'ayse@example.org'
		});
		expect(
			await answerQuestion(
				db(),
				samira.user,
				id,
				'Een vast ritme helpt. Kom gerust langs op dinsdag.',
				testNow()
			)
		).toBe(true);

		// The parent got the private link by e-mail when they asked, in Turkish.
		const received = await env.DB.prepare(
			"SELECT text, language, kind FROM outbox WHERE to_address = 'ayse@example.org'"
		).all<{ text: string; language: string; kind: string }>();
		expect(received.results.map((m) => m.kind)).toEqual(['question_received']);
		expect(received.results[0].language).toBe('tr');
		expect(received.results[0].text).toContain(`/tr/question/${accessToken}`);
		expect(received.results[0].text).toContain(reference);

		const read = await api.request(`/api/v1/questions/${accessToken}`, {}, env);
		expect(read.status).toBe(200);
		const view = (await read.json()) as {
			status: string;
			messages: { author: string; name: string | null; body: string }[];
		};
		expect(view.status).toBe('answered');
		expect(view.messages).toEqual([
			expect.objectContaining({ author: 'staff', name: 'Samira El Amrani' })
		]);

		// Who opened it is on the parent's page.
		expect((await findQuestion(db(), accessToken))!.readers.map((r) => r.actorName)).toContain(
			'Samira El Amrani'
		);

		const reply = await exports.default.fetch(
			new Request(`http://localhost/tr/question/${accessToken}?/reply`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ body: 'Teşekkürler, salı geliyorum.' })
			})
		);
		expect(reply.status, await reply.clone().text()).toBe(303);
		expect((await findQuestion(db(), accessToken))!).toMatchObject({ status: 'in_progress' });

		await updateQuestion(db(), samira.user, id, { status: 'closed' }, testNow());
		const closedReply = await exports.default.fetch(
			new Request(`http://localhost/tr/question/${accessToken}?/reply`, {
				method: 'POST',
				headers: {
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ body: 'Bir şey daha' })
			})
		);
		expect(closedReply.status).toBe(409);

		// Delete: everything gone, the link leads nowhere.
		const del = await exports.default.fetch(
			new Request(`http://localhost/tr/question/${accessToken}?/delete`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ confirm: 'on' })
			})
		);
		expect(del.status).toBe(303);
		expect((await api.request(`/api/v1/questions/${accessToken}`, {}, env)).status).toBe(404);
		expect(
			(await env.DB.prepare('SELECT count(*) AS n FROM question_messages WHERE question_id = ?')
				.bind(id)
				.first<{ n: number }>())!.n
		).toBe(0);
	});

	it('answering on the page tells the parent by e-mail, in their language, with their private link', async () => {
		const res = await post('/api/v1/schools/de-zuidwester/questions', {
			...valid,
			email: 'mail-test@example.org'
		});
		const { reference, accessToken } = (await res.json()) as {
			reference: string;
			accessToken: string;
		};
		const samira = await userOf('samira@wijkteamtilburg.example.nl');
		const id = (await inboxFor(db(), samira.user, {})).find((q) => q.reference === reference)!.id;
		const answered = await exports.default.fetch(
			new Request(`http://localhost/staff/questions/${id}?/answer`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `__Host-inloop_session=${samira.token}`,
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					body: 'Probeer een vast slaapritueel.',
					save: 'on',
					title: 'Slapen'
				})
			})
		);
		expect(answered.status).toBe(303);
		const mail = await env.DB.prepare(
			"SELECT text, language, kind FROM outbox WHERE to_address = 'mail-test@example.org' AND kind = 'question_answered'"
		).first<{ text: string; language: string; kind: string }>();
		expect(mail).toMatchObject({ language: 'tr', kind: 'question_answered' });
		expect(mail!.text).toContain(`/tr/question/${accessToken}`);
		const saved = await env.DB.prepare('SELECT title FROM saved_replies WHERE staff_id = 1').all<{
			title: string;
		}>();
		expect(saved.results.map((r) => r.title)).toContain('Slapen');
	});
});

describe('bad input and unknown tokens', () => {
	it('refuses with the field and stores nothing', async () => {
		const cases: [unknown, Record<string, string>][] = [
			[{ ...valid, text: '' }, { text: 'required' }],
			[{ ...valid, text: 'x'.repeat(2001) }, { text: 'too_long' }],
			[{ ...valid, text: '<script>alert(1)</script>' }, { text: 'invalid' }],
			[{ ...valid, category: 'gossip' }, { category: 'required' }],
			[{ ...valid, answerBy: 'call', email: undefined }, { phone: 'required_for_call' }],
			[{ ...valid, email: undefined }, { email: 'required_for_email' }],
			[{ ...valid, email: 'nope' }, { email: 'invalid' }],
			[{ ...valid, consent: false }, { consent: 'required' }],
			[{ ...valid, ageGroup: '99' }, { ageGroup: 'invalid' }]
		];
		const before = await count();
		for (const [body, fields] of cases) {
			const res = await post('/api/v1/schools/de-zuidwester/questions', body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(((await res.json()) as ApiError).error.fields, JSON.stringify(body)).toEqual(fields);
		}
		expect((await post('/api/v1/schools/de-zuidwester/questions', '{oops')).status).toBe(400);
		expect((await post('/api/v1/schools/nope/questions', valid)).status).toBe(404);
		expect(await count()).toBe(before);
		const anonymous = await post('/api/v1/schools/de-zuidwester/questions', {
			...valid,
			answerBy: 'page',
			email: undefined,
			firstName: undefined
		});
		expect(anonymous.status).toBe(201);
		const unknown = await api.request('/api/v1/questions/not-a-token', {}, env);
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as ApiError).error.code).toBe('question_not_found');
		expect(
			(await exports.default.fetch(new Request('http://localhost/nl/question/not-a-token'))).status
		).toBe(404);
	});
});

describe('who sees which questions', () => {
	it('staff and admins only of their own schools; every opening is logged', async () => {
		const samira = await userOf('samira@wijkteamtilburg.example.nl');
		const yusuf = await userOf('yusuf@jeugdhulpdenhaag.example.nl');
		const haag = await userOf('coordinator@jeugdhulpdenhaag.example.nl');
		const tilburg = await userOf('coordinator@wijkteamtilburg.example.nl');
		const ids = async (u: typeof samira) =>
			(await inboxFor(db(), u.user, {})).map((q) => q.reference);
		expect(await ids(samira)).toContain('HX3P9L');
		expect(await ids(samira)).not.toContain('B6WC4N');
		expect(await ids(yusuf)).toContain('B6WC4N');
		expect(await ids(yusuf)).not.toContain('HX3P9L');
		expect(await ids(tilburg)).toContain('HX3P9L');
		expect(await ids(haag)).not.toContain('HX3P9L');
		const tilburgQuestion = (await env.DB.prepare(
			"SELECT id FROM questions WHERE reference = 'HX3P9L'"
		).first<{ id: number }>())!.id;
		expect(await questionDetail(db(), yusuf.user, tilburgQuestion, testNow())).toBeNull();
		expect(await answerQuestion(db(), yusuf.user, tilburgQuestion, 'x', testNow())).toBe(false);
		const page = (path: string, token?: string) =>
			exports.default.fetch(
				new Request(`http://localhost${path}`, {
					redirect: 'manual',
					headers: token ? { cookie: `__Host-inloop_session=${token}` } : {}
				})
			);
		expect((await page(`/staff/questions/${tilburgQuestion}`)).status).toBe(303);
		expect((await page(`/staff/questions/${tilburgQuestion}`, yusuf.token)).status).toBe(404);
		expect((await page(`/staff/questions/${tilburgQuestion}`, haag.token)).status).toBe(404);
		expect((await page(`/staff/questions/${tilburgQuestion}`, samira.token)).status).toBe(200);
		const logged = await env.DB.prepare(
			"SELECT actor_name FROM audit_log WHERE entity = 'question' AND entity_id = ? AND action = 'read'"
		)
			.bind(tilburgQuestion)
			.all<{ actor_name: string }>();
		expect(logged.results.map((r) => r.actor_name)).toEqual(['Samira El Amrani']);
	});
});

describe('the inbox filters', () => {
	it('by school, by how the parent wants the answer (call-backs), by status', async () => {
		const { user } = await userOf('coordinator@wijkteamtilburg.example.nl');
		const callBacks = await inboxFor(db(), user, { answerBy: 'call' });
		expect(callBacks.length).toBeGreaterThan(0);
		expect(callBacks.every((q) => q.answerBy === 'call')).toBe(true);
		expect(await inboxFor(db(), user, { schoolId: 2 })).toEqual([]);
		expect((await inboxFor(db(), user, { schoolId: 1 })).length).toBeGreaterThan(0);
		expect(
			(await inboxFor(db(), user, { status: 'answered' })).every((q) => q.status === 'answered')
		).toBe(true);
	});
});
