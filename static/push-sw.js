// The service worker of parents' notifications (static/push.js registers it): shows a push
// message and opens the parent's own page when it is tapped. The message says only that there is
// news (src/lib/server/notify); the page shows the rest. It caches nothing.
self.addEventListener('push', function (event) {
	var data;
	try {
		data = event.data ? event.data.json() : {};
	} catch {
		data = {};
	}
	event.waitUntil(
		self.registration.showNotification(data.title || 'Inloop', {
			body: data.body || '',
			icon: '/icons/inloop-192.png',
			badge: '/icons/inloop-192.png',
			data: { url: data.url || '/' }
		})
	);
});

self.addEventListener('notificationclick', function (event) {
	event.notification.close();
	var target = new URL(
		event.notification.data && event.notification.data.url,
		self.location.origin
	);
	// Only our own pages open from a notification.
	if (target.origin !== self.location.origin) return;
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
			for (var i = 0; i < windows.length; i++) {
				if (windows[i].url === target.href && 'focus' in windows[i]) return windows[i].focus();
			}
			return self.clients.openWindow(target.href);
		})
	);
});
