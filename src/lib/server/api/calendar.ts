import { Hono } from 'hono';
import { feed } from '../staff/calendar.ts';
import { apiError, type ApiEnv } from './context.ts';

/** GET /api/calendar/{secret}.ics: a professional's private feed for Outlook and other calendars. */
export const calendarApi = new Hono<ApiEnv>().get('/:file{[\\w-]+\\.ics}', async (c) => {
	const body = await feed(c.var.db, c.req.param('file').replace(/\.ics$/, ''), c.var.now);
	if (!body) return apiError(c, 404, 'not_found');
	return c.body(body, 200, {
		'content-type': 'text/calendar; charset=utf-8',
		// First names and topics: never kept in a cache (calendar apps fetch it again anyway).
		'cache-control': 'no-store'
	});
});
