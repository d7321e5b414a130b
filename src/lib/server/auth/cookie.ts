import { error, redirect, type Cookies } from '@sveltejs/kit';

/**
 * The staff session cookie. `__Host-` binds it to this host, path / and HTTPS (browsers treat
 * http://localhost as secure, so local development works the same).
 */
export const SESSION_COOKIE = '__Host-inloop_session';

/** Staff pages in Dutch or English, as the person chose. */
export const STAFF_LANGUAGE_COOKIE = 'inloop_staff_lang';

export function setSessionCookie(cookies: Cookies, token: string) {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

/** The kiosk's device token: a year, renewed on every visit, until an admin revokes the kiosk. */
export const KIOSK_COOKIE = '__Host-inloop_kiosk';
const KIOSK_COOKIE_DAYS = 365;

export function setKioskCookie(cookies: Cookies, token: string) {
	cookies.set(KIOSK_COOKIE, token, {
		path: '/',
		httpOnly: true,
		secure: true,
		sameSite: 'strict',
		maxAge: KIOSK_COOKIE_DAYS * 86_400
	});
}

/** The address of the client, for the sign-in lock per client. */
export function clientAddress(request: Request, fallback: () => string): string {
	return request.headers.get('cf-connecting-ip') ?? safe(fallback);
}

function safe(get: () => string): string {
	try {
		return get();
	} catch {
		return 'unknown';
	}
}

/** The signed-in person on a workspace page; anyone else goes to the sign-in page. */
export function requireUser(locals: App.Locals) {
	if (!locals.user?.secondFactor) redirect(303, '/staff/login');
	return locals.user;
}

/** A coordinator of the organisation; anyone else gets "not found" (the page's existence is no secret, its data is). */
export function requireAdmin(locals: App.Locals) {
	const user = requireUser(locals);
	if (user.role !== 'admin') error(404, 'not_found');
	return user;
}
