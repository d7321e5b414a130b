/**
 * The live feed (`GET /api/v1/schools/{slug}/walkin/live`) through the whole worker: a WebSocket to
 * the school's Durable Object, which sends the walk-in status at once and again after every
 * walk-in command, read afresh from D1.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readSession } from '$lib/server/auth';
import { notifierFor } from '$lib/server/notify';
import { finishTicket } from '$lib/server/walkin/commands';
import { displaysFor } from '$lib/server/live';
import { SAMIRA, db, newClient, signIn, waitingTicket } from './helpers';
import { testNow } from './clock';

const LIVE = '/api/v1/schools/de-zuidwester/walkin/live';
type Status = { open: boolean; nowCalling: number | null; waiting: number; queues: unknown[] };

const open = (path = LIVE, headers: Record<string, string> = { upgrade: 'websocket' }) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			headers: { 'cf-connecting-ip': newClient(), ...headers }
		})
	);

/** The socket's messages in order: `next()` waits for the one after the last read. */
function inbox(socket: WebSocket) {
	const waiting: string[] = [];
	const readers: ((text: string) => void)[] = [];
	socket.addEventListener('message', (event) => {
		const text = String(event.data);
		const reader = readers.shift();
		if (reader) reader(text);
		else waiting.push(text);
	});
	return {
		next: () =>
			new Promise<string>((resolve) => {
				const text = waiting.shift();
				if (text !== undefined) resolve(text);
				else readers.push(resolve);
			}),
		status: async function (this: { next: () => Promise<string> }) {
			return JSON.parse(await this.next()) as Status;
		}
	};
}

async function connect() {
	const res = await open();
	expect(res.status).toBe(101);
	const socket = res.webSocket!;
	socket.accept();
	return { socket, messages: inbox(socket) };
}

describe('the live walk-in feed', () => {
	it('answers 426 in the error shape, in the asked language, without an upgrade', async () => {
		const res = await open(`${LIVE}?lang=ar`, {});
		expect(res.status).toBe(426);
		expect(res.headers.get('upgrade')).toBe('websocket');
		const body = (await res.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('upgrade_required');
		expect(body.error.message).toMatch(/WebSocket/);
		expect(body.error.message).not.toBe(
			((await (await open(LIVE, {})).json()) as typeof body).error.message
		);
	});

	it('answers 404 for a school that is not there, upgrade or not', async () => {
		const res = await open('/api/v1/schools/nope/walkin/live');
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('school_not_found');
	});

	it('sends the status of GET …/walkin at once, then fresh after every change', async () => {
		const get = await exports.default.fetch(
			new Request('http://localhost/api/v1/schools/de-zuidwester/walkin')
		);
		const { socket, messages } = await connect();
		const first = await messages.status();
		expect(first).toEqual(await get.json());

		// A ticket written behind the object's back reaches the screens once they are told.
		const id = await waitingTicket(testNow());
		await displaysFor(env).changed(1);
		expect((await messages.status()).waiting).toBe(first.waiting + 1);

		// A command tells them itself: Samira marks the ticket done.
		const samira = await signIn(SAMIRA);
		const user = (await readSession(db(), samira.token, samira.now))!;
		const ctx = { db: db(), now: testNow(), notifier: notifierFor(env, db()) };
		expect((await finishTicket(ctx, user, id, 'done')).ok).toBe(true);
		expect((await messages.status()).waiting).toBe(first.waiting);
		socket.close(1000);
	});

	it('sends every change to every screen of the school', async () => {
		const screens = await Promise.all([connect(), connect(), connect()]);
		const before = await Promise.all(screens.map((s) => s.messages.status()));
		await waitingTicket(testNow());
		await displaysFor(env).changed(1);
		const after = await Promise.all(screens.map((s) => s.messages.status()));
		after.forEach((status, i) => expect(status.waiting).toBe(before[i].waiting + 1));
		for (const s of screens) s.socket.close(1000);
	});

	it('answers a ping with pong, so a screen can tell a dead connection', async () => {
		const { socket, messages } = await connect();
		await messages.next();
		socket.send('ping');
		expect(await messages.next()).toBe('pong');
		socket.close(1000);
	});
});
