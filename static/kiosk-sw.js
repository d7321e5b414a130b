// The kiosk's service worker (static/kiosk.js registers it with scope /kiosk/, so parent pages
// never have it): it keeps the kiosk's pages and files so a tablet whose network drops keeps
// showing who is here today, also after a reload. Always the network first: a deployment is seen
// at once; the copy is only for when the network does not answer. It never keeps the API (the
// walk-in status must be live or absent) nor anything but GET: a form's answer, which can hold a
// parent's ticket, is never stored. The pages it keeps show nothing of any parent.
var PREFIX = 'kiosk-';

self.addEventListener('install', function () {
	self.skipWaiting();
});

self.addEventListener('activate', function (event) {
	event.waitUntil(self.clients.claim());
});

/** Files and pages named by the kiosk page, kept under its version; other versions go. */
self.addEventListener('message', function (event) {
	var data = event.data || {};
	if (data.type !== 'keep' || !Array.isArray(data.urls)) return;
	var name = PREFIX + String(data.version || '');
	event.waitUntil(
		caches
			.keys()
			.then(function (names) {
				return Promise.all(
					names
						.filter(function (other) {
							return other.indexOf(PREFIX) === 0 && other !== name;
						})
						.map(function (other) {
							return caches.delete(other);
						})
				);
			})
			.then(function () {
				return caches.open(name);
			})
			.then(function (cache) {
				return Promise.all(
					data.urls
						.filter(function (url) {
							return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/';
						})
						.map(function (url) {
							return cache.match(url).then(function (have) {
								if (have) return undefined;
								return fetch(url, { credentials: 'same-origin' }).then(function (response) {
									if (keepable(response)) return cache.put(url, response);
									return undefined;
								});
							});
						})
				);
			})
			.catch(function () {
				// Offline while keeping: the next page load tries again.
			})
	);
});

function keepable(response) {
	return response.ok && response.type === 'basic' && !response.redirected;
}

self.addEventListener('fetch', function (event) {
	var request = event.request;
	var url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== self.location.origin) return;
	if (url.pathname.indexOf('/api/') === 0) return;
	event.respondWith(
		fetch(request)
			.then(function (response) {
				if (keepable(response)) {
					var copy = response.clone();
					event.waitUntil(
						caches.keys().then(function (names) {
							var name = names.filter(function (n) {
								return n.indexOf(PREFIX) === 0;
							})[0];
							if (!name) return undefined;
							return caches.open(name).then(function (cache) {
								return cache.put(request, copy);
							});
						})
					);
				}
				return response;
			})
			.catch(function () {
				return caches.match(request).then(function (kept) {
					return kept || Response.error();
				});
			})
	);
});
