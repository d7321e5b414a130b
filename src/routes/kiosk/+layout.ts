// Kiosk pages are plain server-rendered HTML, as parent pages are: every page works as HTML forms,
// and static/kiosk.js with static/live.js adds the idle reset, the live walk-in number, the wake
// lock and the offline state, with far less JavaScript than the framework's client (issue 20:
// the kiosk's JavaScript within 35 KB gzip).
export const csr = false;
