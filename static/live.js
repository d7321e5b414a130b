/**
 * The live walk-in status (issue 20) for the kiosk, the staff queue page and the parent's ticket
 * page: one small module. For each school, a WebSocket to /api/v1/schools/{slug}/walkin/live
 * brings the status at once and after every change (the school's Durable Object,
 * src/lib/server/live). When the socket cannot open or goes quiet, it polls GET …/walkin instead
 * and tries the socket again, waiting longer each time; when the browser says the network is
 * back, at once.
 *
 * It tells the page by events on `document`:
 * - `inloop:walkin` `{ slug, status, changed }`: a status (the JSON of GET …/walkin); `changed`
 *   when it differs from the one before.
 * - `inloop:connection` `{ online }`: the connection to the server went or came back.
 *
 * Server-rendered pages name their schools on an element, `[data-live-walkin="slug other"]`
 * (`data-live-reload`: the page reloads when a status changes, so the server renders the new
 * place in line); a page with its own script calls `watchWalkIn(slugs)`, which answers a stop.
 */

/** While the socket is down: how often to ask instead. */
const POLL_MS = 5000;
/** A ping this often; no answer within PONG_MS means the connection is dead. */
const PING_MS = 20_000;
const PONG_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

let online = navigator.onLine;
/** @param {boolean} now */
function setOnline(now) {
	if (now === online) return;
	online = now;
	document.dispatchEvent(new CustomEvent('inloop:connection', { detail: { online } }));
}

/**
 * @param {string[]} slugs
 * @param {{ reload?: boolean }} [options]
 * @returns {() => void} stop watching
 */
export function watchWalkIn(slugs, options = {}) {
	const stops = slugs.map((slug) => watchOne(slug, options.reload === true));
	return () => stops.forEach((stop) => stop());
}

/** @param {string} slug @param {boolean} reload */
function watchOne(slug, reload) {
	const path = `/api/v1/schools/${encodeURIComponent(slug)}/walkin`;
	/** @type {WebSocket | null} */
	let socket = null;
	let open = false;
	let stopped = false;
	let last = '';
	let backoff = 1000;
	let nextTry = 0;
	/** @type {ReturnType<typeof setInterval> | undefined} */
	let ping;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let deadline;

	/** @param {string} text */
	const received = (text) => {
		if (text === last) return;
		let status;
		try {
			status = JSON.parse(text);
		} catch {
			return;
		}
		const changed = last !== '';
		last = text;
		document.dispatchEvent(new CustomEvent('inloop:walkin', { detail: { slug, status, changed } }));
		if (changed && reload) location.reload();
	};

	const connect = () => {
		if (stopped || socket || !navigator.onLine || Date.now() < nextTry) return;
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		const ws = new WebSocket(`${scheme}://${location.host}${path}/live`);
		socket = ws;
		ws.addEventListener('open', () => {
			open = true;
			backoff = 1000;
			setOnline(true);
			ping = setInterval(() => {
				ws.send('ping');
				deadline ??= setTimeout(() => ws.close(), PONG_MS);
			}, PING_MS);
		});
		ws.addEventListener('message', (event) => {
			clearTimeout(deadline);
			deadline = undefined;
			if (event.data !== 'pong') received(String(event.data));
		});
		ws.addEventListener('close', () => {
			clearInterval(ping);
			clearTimeout(deadline);
			deadline = undefined;
			// A socket that never opened waits longer before the next try; polling goes on.
			if (!open) {
				nextTry = Date.now() + backoff;
				backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
			}
			open = false;
			socket = null;
			void poll();
		});
	};

	const poll = async () => {
		if (stopped || open || document.visibilityState === 'hidden') return;
		try {
			const response = await fetch(path, { cache: 'no-store' });
			if (!response.ok) throw new Error(String(response.status));
			received(await response.text());
			setOnline(true);
			connect();
		} catch {
			setOnline(false);
		}
	};

	const back = () => {
		nextTry = 0;
		connect();
		void poll();
	};
	const gone = () => {
		setOnline(false);
		socket?.close();
	};
	const timer = setInterval(poll, POLL_MS);
	addEventListener('online', back);
	addEventListener('offline', gone);
	connect();
	return () => {
		stopped = true;
		clearInterval(timer);
		removeEventListener('online', back);
		removeEventListener('offline', gone);
		socket?.close();
	};
}

const root = document.querySelector('[data-live-walkin]');
if (root instanceof HTMLElement) {
	const slugs = (root.dataset.liveWalkin ?? '').split(' ').filter(Boolean);
	watchWalkIn(slugs, { reload: root.hasAttribute('data-live-reload') });
}
