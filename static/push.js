// "Notify me" on a parent's page (src/lib/components/PushToggle.svelte): shows the button only
// where the browser can take push messages, subscribes this device for this one record (the
// page's own API path) and turns it off again. No account, no third party: the subscription
// goes to the server and nowhere else. The hints say what works where push does not.
(function () {
	var box = document.querySelector('[data-push]');
	if (!box) return;
	var api = box.getAttribute('data-push');
	var remembered = 'inloop-push:' + location.pathname;
	function show(state) {
		box.querySelectorAll('[data-state]').forEach(function (el) {
			el.hidden = el.getAttribute('data-state') !== state;
		});
	}
	var ios =
		/iP(hone|ad|od)/.test(navigator.userAgent) ||
		(navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
	var homeScreen =
		navigator.standalone === true || matchMedia('(display-mode: standalone)').matches;
	if (
		!('serviceWorker' in navigator) ||
		!('PushManager' in window) ||
		!('Notification' in window)
	) {
		show(ios && !homeScreen ? 'ios' : 'unsupported');
		return;
	}
	if (Notification.permission === 'denied') {
		show('denied');
		return;
	}
	function key() {
		var text = box.getAttribute('data-key').replace(/-/g, '+').replace(/_/g, '/');
		var raw = atob(text + '==='.slice((text.length + 3) % 4));
		return Uint8Array.from(raw, function (c) {
			return c.charCodeAt(0);
		});
	}
	// A parent's page sends JSON to its record's API path; the workspace posts to its form actions.
	var form = box.hasAttribute('data-form');
	function send(method, body) {
		var request = form
			? {
					method: 'POST',
					headers: { accept: 'application/json' },
					body: new URLSearchParams({
						endpoint: body.endpoint,
						p256dh: (body.keys && body.keys.p256dh) || '',
						auth: (body.keys && body.keys.auth) || ''
					})
				}
			: {
					method: method,
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body)
				};
		var url = form ? api + (method === 'POST' ? '?/pushOn' : '?/pushOff') : api;
		return fetch(url, request).then(function (res) {
			if (!res.ok) throw new Error(String(res.status));
			// A form action answers fetch with JSON: { type: 'success' | 'failure' | 'redirect' … }.
			if (form)
				return res.json().then(function (result) {
					if (result.type !== 'success') throw new Error(result.type);
				});
		});
	}
	var ready = navigator.serviceWorker.register('/push-sw.js').then(function () {
		return navigator.serviceWorker.ready;
	});
	ready
		.then(function (registration) {
			return registration.pushManager.getSubscription();
		})
		.then(
			function (subscription) {
				// The workspace knows whether this session has it on; a parent's page remembers it here.
				var on = box.getAttribute('data-on');
				show(subscription && (on ? on === '1' : localStorage.getItem(remembered)) ? 'on' : 'off');
			},
			function () {
				show('unsupported');
			}
		);
	box.querySelector('[data-state="off"]').addEventListener('click', function () {
		Notification.requestPermission()
			.then(function (permission) {
				if (permission !== 'granted') return show(permission === 'denied' ? 'denied' : 'off');
				return ready
					.then(function (registration) {
						return registration.pushManager.getSubscription().then(function (existing) {
							return (
								existing ||
								registration.pushManager.subscribe({
									userVisibleOnly: true,
									applicationServerKey: key()
								})
							);
						});
					})
					.then(function (subscription) {
						return send('POST', subscription.toJSON());
					})
					.then(function () {
						localStorage.setItem(remembered, '1');
						show('on');
					});
			})
			.catch(function () {
				show('failed');
			});
	});
	box.querySelector('[data-state="on"] button').addEventListener('click', function () {
		ready
			.then(function (registration) {
				return registration.pushManager.getSubscription();
			})
			.then(function (subscription) {
				// The device's subscription may serve other records too: only this one lets go of it.
				return subscription && send('DELETE', { endpoint: subscription.endpoint });
			})
			.then(function () {
				localStorage.removeItem(remembered);
				show('off');
			})
			.catch(function () {
				show('failed');
			});
	});
})();
