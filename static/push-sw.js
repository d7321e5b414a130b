// The service worker of notifications (static/push.js registers it), for parents and for the
// workspace on a professional's phone: shows a push message and opens the page when it is
// tapped. The message says only that there is news (src/lib/server/notify); the page shows the
// rest. It caches nothing.
self.addEventListener('push', function (event) {
	var data;
	try {
		data = event.data ? event.data.json() : {};
	} catch {
		data = {};
	}
	// The workspace's notifications (a professional's phone) carry the workspace's own icon.
	var icon =
		new URL(data.url || '/', self.location.origin).pathname.indexOf('/staff/') === 0
			? '/icons/staff-192.png'
			: '/icons/inloop-192.png';
	event.waitUntil(
		self.registration.showNotification(data.title || 'Inloop', {
			body: data.body || '',
			icon: icon,
			badge: icon,
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
