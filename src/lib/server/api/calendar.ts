import { Hono } from 'hono';
import * as v from 'valibot';
import { feed } from '../staff/calendar.ts';
import { apiError, type ApiEnv } from './context.ts';
import { describe } from './document.ts';
import { valid } from './validate.ts';

/** The feed's file name: its secret and `.ics` (Hono's pattern below admits nothing else). */
const FeedParams = v.object({
	file: v.pipe(
		v.string(),
		v.regex(/^[\w-]+\.ics$/),
		v.transform((s) => s.replace(/\.ics$/, ''))
	)
});

/** GET /api/calendar/{secret}.ics: a professional's private feed for Outlook and other calendars. */
export const calendarApi = new Hono<ApiEnv>().get(
	'/:file{[\\w-]+\\.ics}',
	describe({
		operationId: 'getCalendarFeed',
		summary: "A professional's private calendar feed (iCalendar), to subscribe to in Outlook",
		description:
			'No sign-in: the secret in the path is the credential. The professional can replace or revoke it; a revoked or unknown secret answers 404.',
		tags: ['calendar'],
		path: '/calendar/{secret}.ics',
		parameters: [
			{
				name: 'secret',
				in: 'path',
				required: true,
				description:
					"The feed secret from the professional's profile page (a credential: keep it private)",
				schema: { type: 'string', pattern: '^[\\w-]+$' }
			}
		],
		responses: {
			'200': {
				description: 'The feed: the coming bookings, with first name and topic only',
				content: {
					'text/calendar': {
						schema: { type: 'string' },
						example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Inloop//NL\r\nEND:VCALENDAR\r\n'
					}
				}
			}
		},
		errors: { 404: ['not_found'] }
	}),
	valid('param', FeedParams, { status: 404, code: 'not_found' }),
	async (c) => {
		const body = await feed(c.var.db, c.req.valid('param').file, c.var.now);
		if (!body) return apiError(c, 404, 'not_found');
		return c.body(body, 200, {
			'content-type': 'text/calendar; charset=utf-8',
			// First names and topics: never kept in a cache (calendar apps fetch it again anyway).
			'cache-control': 'no-store'
		});
	}
);
