/**
 * The live feed's fan-out (issue 20): SOCKETS screens hold a WebSocket to De Zuidwester's live
 * feed (/api/v1/schools/de-zuidwester/walkin/live, the school's Durable Object), a professional
 * presses "call next" on the queue page, and the time is taken from the press until every screen
 * has the new status. ROUNDS presses, each with a number waiting; the median round counts.
 *
 * The numbers that wait are written into the bench's D1 before the worker starts
 * (`liveFixtureSql`, given to serve.ts --sql): tickets of today in Samira's queue.
 */
import { writeFileSync } from 'node:fs';
import { amsterdamDate } from '../../src/lib/server/scheduling/time.ts';
import { postForm, type Cookies } from './pages.ts';

export const SOCKETS = 200;
export const ROUNDS = 5;
/** The demo's De Zuidwester and Samira (src/lib/server/demo/seed.ts). */
const SCHOOL = { id: 1, slug: 'de-zuidwester', staffId: 1 };

export type FanOutResult = {
	sockets: number;
	rounds: number;
	/** Milliseconds from "call next" until the last screen had it, per round. */
	allReceivedMs: number[];
	medianMs: number;
	maxMs: number;
	/** Messages that never came (a screen that missed a round). */
	missed: number;
};

/** SQL for the waiting numbers, written to `file` (for serve.ts --sql). */
export function liveFixtureSql(file: string, now = Date.now()) {
	const today = amsterdamDate(now);
	const rows = Array.from(
		{ length: ROUNDS + 1 },
		(_, i) =>
			`INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, language, status, made_by) VALUES (${SCHOOL.id}, ${SCHOOL.staffId}, '${today}', ${9001 + i}, ${now + i}, 'nl', 'waiting', 'kiosk');`
	);
	writeFileSync(file, rows.join('\n') + '\n');
}

/** One screen: its socket and the messages it has had. */
type Screen = { socket: WebSocket; received: number; waiters: (() => void)[] };

function openScreen(origin: string): Promise<Screen> {
	const url = `${origin.replace(/^http/, 'ws')}/api/v1/schools/${SCHOOL.slug}/walkin/live`;
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		const screen: Screen = { socket, received: 0, waiters: [] };
		socket.addEventListener('message', (event) => {
			if (event.data === 'pong') return;
			screen.received++;
			if (screen.received === 1) resolve(screen);
			for (const wake of screen.waiters.splice(0)) wake();
		});
		socket.addEventListener('error', () =>
			reject(new Error(`The live feed did not open (${url})`))
		);
	});
}

/** Resolves when the screen has had `count` messages, or after `ms` (false). */
function receivedBy(screen: Screen, count: number, ms: number): Promise<boolean> {
	return new Promise((resolve) => {
		const check = () => {
			if (screen.received >= count) {
				clearTimeout(timer);
				resolve(true);
			} else screen.waiters.push(check);
		};
		const timer = setTimeout(() => resolve(false), ms);
		check();
	});
}

export async function measureFanOut(origin: string, staff: Cookies): Promise<FanOutResult> {
	// Opened a few at a time, as screens come on in the morning.
	const screens: Screen[] = [];
	for (let i = 0; i < SOCKETS; i += 20)
		screens.push(...(await Promise.all(Array.from({ length: 20 }, () => openScreen(origin)))));
	const allReceivedMs: number[] = [];
	let missed = 0;
	for (let round = 1; round <= ROUNDS; round++) {
		const before = screens.map((s) => s.received);
		const arrivals: number[] = [];
		const pressed = performance.now();
		const waiting = screens.map((screen, i) =>
			receivedBy(screen, before[i] + 1, 10_000).then((ok) => {
				if (ok) arrivals.push(performance.now() - pressed);
				else missed++;
			})
		);
		const res = await postForm(origin, staff, '/staff/queue?/next', {
			schoolId: String(SCHOOL.id),
			staffId: String(SCHOOL.staffId)
		});
		if (res.status !== 200) throw new Error(`"Call next" answered ${res.status}`);
		await res.arrayBuffer();
		await Promise.all(waiting);
		allReceivedMs.push(Math.round(Math.max(...arrivals)));
	}
	for (const screen of screens) screen.socket.close(1000);
	const sorted = [...allReceivedMs].sort((a, b) => a - b);
	return {
		sockets: screens.length,
		rounds: ROUNDS,
		allReceivedMs,
		medianMs: sorted[Math.floor(sorted.length / 2)],
		maxMs: sorted.at(-1)!,
		missed
	};
}
