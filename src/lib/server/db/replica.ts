/**
 * D1 read replication through the Sessions API. Every request runs in a D1 session: by default it
 * may read from the nearest replica ('first-unconstrained'). A person who has just written carries
 * the session's bookmark (a cookie for pages, the x-d1-bookmark header for the API), so their next
 * request reads from a replica at least as new as their own write: a parent sees the booking they
 * just made, a professional the answer they just sent.
 */

/** Cookie with the bookmark on pages: not personal, httpOnly, short-lived. */
export const BOOKMARK_COOKIE = 'inloop_d1';
/** Request and response header with the bookmark for API clients (the kiosk, school websites). */
export const BOOKMARK_HEADER = 'x-d1-bookmark';
/** Long enough to cover any replica lag many times over; renewed while the person keeps writing. */
export const BOOKMARK_MAX_AGE_SECONDS = 10 * 60;

// Bookmarks are hex groups joined by dashes (e.g. 0000000a-00000004-00005023-d08f…); anything else
// from a client is ignored rather than handed to D1.
const BOOKMARK = /^[0-9a-f]+(-[0-9a-f]+){0,7}$/i;

export const isBookmark = (value: string | null | undefined): value is string =>
	!!value && value.length <= 200 && BOOKMARK.test(value);

/** A D1 session that continues after `bookmark` when it is a valid one, else reads from anywhere. */
export function d1Session(d1: D1Database, bookmark: string | null | undefined): D1DatabaseSession {
	return d1.withSession(isBookmark(bookmark) ? bookmark : 'first-unconstrained');
}
