/**
 * `SchoolLive`, the Durable Object of one school's live screens (../live/index.ts says why). It
 * uses the WebSocket Hibernation API: the runtime holds the sockets, so an object whose screens
 * only wait costs nothing and may be evicted; no timer keeps it awake, and the screens' "ping"
 * is answered by the runtime without waking it.
 *
 * - `/connect` (a WebSocket upgrade, from the worker's live feed): accepts the socket and sends it
 *   the status the worker read at once.
 * - `/changed?school=<id>` (from a walk-in command, after it committed): reads the status afresh
 *   from D1 (the primary, never a cache) and sends it to every socket. Changes that arrive while a
 *   read runs are folded into one more read, so a burst of calls costs two reads, not one each.
 */
import { eq } from 'drizzle-orm';
import { clockOf, type ClockEnv } from '../clock.ts';
import { getDb } from '../db/index.ts';
import { schools } from '../db/schema.ts';
import { LIVE_STATUS_HEADER } from '../live/index.ts';
import { errorName, log } from '../log.ts';
import { schoolTodayWith, walkInStatus } from './index.ts';

type LiveObjectEnv = { DB: D1Database } & NonNullable<ClockEnv>;

export class SchoolLive implements DurableObject {
	private reading: Promise<void> | null = null;
	private again = false;

	constructor(
		private readonly ctx: DurableObjectState,
		private readonly env: LiveObjectEnv
	) {
		ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
	}

	async fetch(request: Request): Promise<Response> {
		const url = new URL(request.url);
		if (url.pathname === '/connect') {
			if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
				return new Response(null, { status: 426 });
			const [client, server] = Object.values(new WebSocketPair());
			this.ctx.acceptWebSocket(server);
			const status = request.headers.get(LIVE_STATUS_HEADER);
			if (status) server.send(decodeURIComponent(status));
			return new Response(null, { status: 101, webSocket: client });
		}
		if (url.pathname === '/changed' && request.method === 'POST') {
			const schoolId = Number(url.searchParams.get('school'));
			if (!Number.isSafeInteger(schoolId)) return new Response(null, { status: 400 });
			await this.sendFresh(schoolId);
			return new Response(null, { status: 204 });
		}
		return new Response(null, { status: 404 });
	}

	/** Screens send nothing but "ping" (answered by the runtime); anything else is ignored. */
	webSocketMessage(): void {}

	webSocketClose(ws: WebSocket, code: number): void {
		try {
			// 1005 and 1006 say "no code"; they cannot be sent back.
			ws.close(code === 1005 || code === 1006 ? 1000 : code);
		} catch {
			// Already closed by the runtime.
		}
	}

	/** One read for every change that came in meanwhile (see the module's comment). */
	private sendFresh(schoolId: number): Promise<void> {
		if (this.reading) {
			this.again = true;
			return this.reading;
		}
		this.reading = (async () => {
			try {
				do {
					this.again = false;
					await this.broadcast(schoolId);
				} while (this.again);
			} finally {
				this.reading = null;
			}
		})();
		return this.reading;
	}

	private async broadcast(schoolId: number) {
		const sockets = this.ctx.getWebSockets();
		if (sockets.length === 0) return;
		const db = getDb(this.env.DB);
		const school = db.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId));
		const { today } = await schoolTodayWith(db, school, clockOf(this.env)(), []);
		if (!today) return;
		const message = JSON.stringify(walkInStatus(today));
		for (const socket of sockets) {
			try {
				socket.send(message);
			} catch (error) {
				// A socket that is closing: it will be gone from getWebSockets() soon.
				log('warn', 'live_send_failed', { error: errorName(error) });
			}
		}
	}
}
