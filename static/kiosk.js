/**
 * The kiosk in the school hall (issue 20): its pages are plain server-rendered HTML that works
 * without JavaScript; this one script adds what a tablet left alone all day needs, on elements
 * the server rendered (hidden until used) with their texts in the page's language.
 *
 * - Idle: after the school's idle time a countdown, then back to the start in the school's
 *   language with nothing of the last parent left (sessionStorage and localStorage cleared, the
 *   history entry replaced). The start screen itself reloads at an idle moment when a new version
 *   was deployed, or when it is older than REFRESH_MS (who is here today).
 * - A+ (bigger text until the idle reset), the screen kept awake (wake lock).
 * - The walk-in number live (static/live.js brings the status), and a bad connection as a state:
 *   a notice, the things that need the server disabled with the reason, links to pages the
 *   service worker has not kept disabled too. A check-in with a booking reference tapped while
 *   offline is kept on the tablet and sent once the connection is back; the parent is told so.
 * - The service worker (static/kiosk-sw.js, scope /kiosk/) keeps the kiosk's pages and files.
 */
(() => {
	const root = document.querySelector('[data-kiosk]');
	if (!(root instanceof HTMLElement)) return;
	const html = document.documentElement;
	const data = root.dataset;
	const home = data.home ?? '/kiosk';
	const atStart = location.pathname === home;
	const idleSeconds = Number(data.idle) || 60;
	const countdown = Number(data.countdown) || 10;
	/** @type {Record<string, any>} */
	const texts = JSON.parse(data.texts ?? '{}');
	const rules = new Intl.PluralRules(html.lang);
	/** A plural text as i18next picks it (key_zero for 0, then the language's form, then other). */
	const plural = (/** @type {Record<string, string>} */ forms, /** @type {number} */ count) =>
		((count === 0 && forms.zero) || forms[rules.select(count)] || forms.other || '').replaceAll(
			'{{count}}',
			String(count)
		);
	const $ = (/** @type {string} */ selector) => root.querySelector(selector);
	const loadedAt = performance.now();
	const REFRESH_MS = 5 * 60_000;

	// Idle: a monotonic clock, so idle time never jumps when the tablet sets its own clock.
	let lastTouch = performance.now();
	let idleFor = 0;
	let newVersion = false;
	const dialog = $('[data-idle-dialog]');
	const dialogText = $('[data-idle-text]');
	const dialogCount = $('[data-idle-count]');
	const OUTBOX = 'kiosk-outbox';

	/** Back to the start: a fresh page load. Only check-ins not yet sent stay on the tablet. */
	const reset = () => {
		try {
			const outbox = localStorage.getItem(OUTBOX);
			sessionStorage.clear();
			localStorage.clear();
			if (outbox && outbox !== '[]') localStorage.setItem(OUTBOX, outbox);
		} catch {
			// Storage may be off: nothing was kept in it then.
		}
		location.replace(home);
	};

	const touched = () => {
		lastTouch = performance.now();
		idleFor = 0;
		if (dialog) dialog.hidden = true;
	};
	for (const name of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'])
		addEventListener(name, touched, { passive: true, capture: true });
	$('[data-idle-stay]')?.addEventListener('click', touched);

	setInterval(() => {
		idleFor = Math.floor((performance.now() - lastTouch) / 1000);
		if (atStart) {
			// The start screen has nothing to clear but bigger text; it renews itself when idle.
			if (idleFor >= idleSeconds + countdown && bigger) setBigger(false);
			const stale = newVersion || performance.now() - loadedAt > REFRESH_MS;
			if (idleFor >= idleSeconds && stale && online) location.replace(home);
			return;
		}
		const remaining = Math.max(0, idleSeconds + countdown - idleFor);
		if (idleFor >= idleSeconds && dialog && dialogText && dialogCount) {
			dialog.hidden = false;
			dialogText.textContent = plural(texts.idle, remaining);
			dialogCount.textContent = String(remaining);
		}
		if (remaining === 0) reset();
	}, 1000);

	// A+: every size on the kiosk is in rem, so one root size makes all text bigger.
	const BIGGER = 'kiosk-bigger-text';
	const biggerButton = $('[data-bigger]');
	let bigger = false;
	const setBigger = (/** @type {boolean} */ on) => {
		bigger = on;
		html.classList.toggle('kiosk-bigger', on);
		biggerButton?.setAttribute('aria-pressed', String(on));
		try {
			if (on) sessionStorage.setItem(BIGGER, '1');
			else sessionStorage.removeItem(BIGGER);
		} catch {
			// No storage: bigger text lasts until the next page load.
		}
	};
	if (biggerButton instanceof HTMLElement) {
		biggerButton.hidden = false;
		biggerButton.addEventListener('click', () => setBigger(!bigger));
	}
	try {
		if (sessionStorage.getItem(BIGGER) === '1') setBigger(true);
	} catch {
		// No storage: normal text.
	}

	// Keep the screen on while the kiosk is shown (where the browser lets it).
	const keepAwake = async () => {
		if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
		try {
			await navigator.wakeLock.request('screen');
		} catch {
			// Not allowed here (battery saver): the screen may dim.
		}
	};
	document.addEventListener('visibilitychange', keepAwake);
	void keepAwake();

	// The walk-in number, live.
	const number = $('[data-now-calling]');
	const waiting = $('[data-waiting]');
	document.addEventListener('inloop:walkin', (event) => {
		const { status } = /** @type {CustomEvent} */ (event).detail;
		if (number) number.textContent = status.nowCalling === null ? '–' : String(status.nowCalling);
		if (waiting)
			waiting.textContent = status.open ? plural(texts.waiting, status.waiting) : texts.closed;
	});

	// Offline: a notice, and what cannot work disabled with the reason (the notice says it).
	const notice = $('[data-offline]');
	let online = navigator.onLine;
	/** Pages the service worker keeps open offline; others are disabled then. */
	const kept = async (/** @type {string} */ href) => {
		try {
			return Boolean(await caches.match(href));
		} catch {
			return false;
		}
	};
	const showConnection = async () => {
		if (notice) notice.hidden = online;
		for (const form of root.querySelectorAll('form[method="post"]:not([data-offline-queue])')) {
			for (const control of form.querySelectorAll('button, input, select, textarea')) {
				/** @type {HTMLInputElement} */ (control).disabled = !online;
				if (online) control.removeAttribute('aria-describedby');
				else control.setAttribute('aria-describedby', 'kiosk-offline');
			}
		}
		for (const link of root.querySelectorAll('main a[href^="/kiosk/"], nav a[href^="/kiosk/"]')) {
			const href = link.getAttribute('href') ?? '';
			const off = !online && !(await kept(href));
			if (off) {
				link.setAttribute('aria-disabled', 'true');
				link.setAttribute('aria-describedby', 'kiosk-offline');
			} else {
				link.removeAttribute('aria-disabled');
				link.removeAttribute('aria-describedby');
			}
		}
	};
	root.addEventListener('click', (event) => {
		const link = /** @type {Element} */ (event.target).closest?.('a[aria-disabled="true"]');
		if (link) event.preventDefault();
	});
	document.addEventListener('inloop:connection', (event) => {
		online = /** @type {CustomEvent} */ (event).detail.online;
		void showConnection();
		if (online) void sendOutbox();
	});
	if (!online) void showConnection();

	// Check-ins tapped offline: kept here, sent once the connection is back, each once.
	/** @returns {{ id: string, reference: string, action: string }[]} */
	const readOutbox = () => {
		try {
			return JSON.parse(localStorage.getItem(OUTBOX) ?? '[]');
		} catch {
			return [];
		}
	};
	const writeOutbox = (/** @type {unknown[]} */ items) => {
		try {
			if (items.length) localStorage.setItem(OUTBOX, JSON.stringify(items));
			else localStorage.removeItem(OUTBOX);
		} catch {
			// No storage: the parent was told to ask at the desk (below).
		}
	};
	let sending = false;
	const sendOutbox = async () => {
		if (sending) return;
		sending = true;
		try {
			for (const item of readOutbox()) {
				const body = new FormData();
				body.set('reference', item.reference);
				let response;
				try {
					response = await fetch(item.action, {
						method: 'POST',
						body,
						headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
					});
				} catch {
					return; // Still offline: the next "back online" tries again.
				}
				const answer = response.ok ? await response.json().catch(() => null) : null;
				// Too many at once or a fault on the server: kept for the next try. Any other answer
				// (a ticket, or a reference the server does not know) is final.
				const again = !answer || (answer.type === 'failure' && answer.status === 429);
				if (again) return;
				writeOutbox(readOutbox().filter((other) => other.id !== item.id));
				const saved = document.getElementById(`kiosk-saved-${item.id}`);
				if (saved) saved.textContent = answer.type === 'success' ? texts.sent : texts.failed;
			}
		} finally {
			sending = false;
		}
	};
	for (const form of root.querySelectorAll('form[data-offline-queue]')) {
		form.addEventListener('submit', (event) => {
			if (online) return;
			event.preventDefault();
			const field = /** @type {HTMLFormElement} */ (form).elements.namedItem('reference');
			const reference = field instanceof HTMLInputElement ? field.value.trim() : '';
			if (!reference) return;
			const id = crypto.randomUUID();
			const action = new URL(form.getAttribute('action') ?? '', location.href);
			writeOutbox([...readOutbox(), { id, reference, action: action.pathname + action.search }]);
			const message = document.createElement('p');
			message.className = 'saved';
			message.id = `kiosk-saved-${id}`;
			message.setAttribute('role', 'status');
			message.textContent = readOutbox().some((item) => item.id === id)
				? texts.saved
				: texts.failed;
			form.replaceWith(message);
		});
	}
	if (online) void sendOutbox();

	// The service worker keeps the kiosk's pages and files for when the network is gone. A new
	// deployment (another version) is loaded at the start screen's next idle moment.
	const version = data.version ?? '';
	if ('serviceWorker' in navigator) {
		navigator.serviceWorker
			.register('/kiosk-sw.js', { scope: '/kiosk/' })
			.then(async (registration) => {
				await navigator.serviceWorker.ready;
				const urls = [
					home,
					location.pathname,
					`/kiosk/${html.lang}`,
					`/kiosk/${html.lang}/here`,
					// Every language's start screen, so a parent can change language offline too.
					...[...document.querySelectorAll('a[hreflang]')].map((a) => a.getAttribute('href') ?? ''),
					...[
						...document.querySelectorAll('script[src], link[rel="stylesheet"], link[rel="icon"]')
					].map((el) => {
						const url = new URL(
							el.getAttribute('src') ?? el.getAttribute('href') ?? '',
							location.href
						);
						return url.origin === location.origin ? url.pathname + url.search : '';
					})
				];
				registration.active?.postMessage({ type: 'keep', version, urls });
			})
			.catch(() => {
				// No service worker (a private window): the kiosk works, but not offline after a reload.
			});
	}
	const checkVersion = async () => {
		if (!online) return;
		try {
			const response = await fetch('/_app/version.json', { cache: 'no-store' });
			const { version: deployed } = await response.json();
			if (deployed && deployed !== version) newVersion = true;
		} catch {
			// Offline: asked again later.
		}
	};
	setInterval(checkVersion, REFRESH_MS);

	// The idle timer runs from here on (the browser tests wait for this before they count).
	html.dataset.idleTimer = 'on';
})();
