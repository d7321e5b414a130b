import { Hono } from 'hono';
import type { Context } from 'hono';
import { schoolToday, walkInStatus, type Ticket } from '../walkin/index.ts';
import { checkInBooking, takeNumber } from '../walkin/commands.ts';
import type { Outcome } from '../outcome.ts';
import { apiAnswer, apiCtx } from './outcome.ts';
import { SchoolParams } from '../../validation/schools.ts';
import { CheckInInput, WalkInInput } from '../../validation/walkin.ts';
import { apiError, sharedAnswer, type ApiEnv } from './context.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { limit, NO_SCHOOL, valid } from './validate.ts';
import { LIVE_CONNECT, LIVE_STATUS_HEADER, liveObjectOf } from '../live/index.ts';

/** A ticket, or the reason there is none in the API's error shape. */
function ticketResponse(c: Context, result: Outcome<Ticket>) {
	return apiAnswer(c, result, (ticket) => {
		c.header('cache-control', 'no-store');
		return reply(c, RESPONSES.Ticket, ticket, 201);
	});
}

/** /api/v1/schools/{slug}/walkin: the running walk-in hour, "I'm here", and checking in. */
export const walkInApi = new Hono<ApiEnv>()
	.get(
		'/',
		describe({
			operationId: 'getWalkIn',
			summary: "Today's walk-in hour: open or not, the number being called, how many wait",
			tags: ['walkin'],
			responses: {
				'200': documented('The walk-in status', RESPONSES.WalkIn, EXAMPLES.walkIn)
			},
			errors: { 404: ['school_not_found'] }
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		async (c) => {
			const today = await schoolToday(c.var.db, c.req.valid('param').slug, c.var.now);
			if (!today) return apiError(c, 404, 'school_not_found');
			sharedAnswer(c);
			return reply(c, RESPONSES.WalkIn, walkInStatus(today));
		}
	)
	.get(
		'/live',
		describe({
			operationId: 'getWalkInLive',
			summary: 'The walk-in status live: a WebSocket that sends it at once and after every change',
			description:
				'Send `Upgrade: websocket` (any WebSocket client does). Each message is the JSON of ' +
				'`getWalkIn`, read from the database: one when the socket opens and one after every ' +
				'number taken, called or finished and every check-in. Send `ping` now and then to keep ' +
				'the connection; the answer is `pong`. Without the upgrade the answer is 426.',
			tags: ['walkin'],
			responses: {
				'101': {
					description:
						'Switching to a WebSocket; every message is the walk-in status (schema WalkIn)',
					headers: {
						Upgrade: { description: 'websocket', schema: { type: 'string', const: 'websocket' } }
					}
				}
			},
			errors: { 404: ['school_not_found'], 426: ['upgrade_required'] },
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		async (c, next) => {
			if (c.req.header('upgrade')?.toLowerCase() === 'websocket') return next();
			c.header('upgrade', 'websocket');
			return apiError(c, 426, 'upgrade_required');
		},
		limit('live'),
		async (c) => {
			const today = await schoolToday(c.var.db, c.req.valid('param').slug, c.var.now);
			if (!today) return apiError(c, 404, 'school_not_found');
			if (!c.env.LIVE)
				throw new Error('The Durable Object binding LIVE is missing (wrangler.toml).');
			// The object gets the upgrade and the status, nothing of the caller's request.
			const opened = await liveObjectOf(c.env.LIVE, today.school.id).fetch(LIVE_CONNECT, {
				headers: {
					upgrade: 'websocket',
					[LIVE_STATUS_HEADER]: encodeURIComponent(JSON.stringify(walkInStatus(today)))
				}
			});
			// A response of our own: the object's has headers the middleware may not change.
			return new Response(null, {
				status: opened.status,
				webSocket: opened.webSocket,
				headers: { 'cache-control': 'no-store' }
			});
		}
	)
	.post(
		'/',
		describe({
			operationId: 'takeWalkInTicket',
			summary: '"I\'m here": a number in the running walk-in hour',
			tags: ['walkin'],
			requestExample: EXAMPLES.walkInRequest,
			responses: {
				'201': documented('The ticket', RESPONSES.Ticket, EXAMPLES.ticket)
			},
			errors: { 404: ['school_not_found'], 409: ['walkin_closed'] },
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		limit('checkin'),
		valid('json', WalkInInput),
		async (c) => {
			const { slug } = c.req.valid('param');
			return ticketResponse(c, await takeNumber(apiCtx(c), slug, c.req.valid('json'), 'parent'));
		}
	)
	.post(
		'/checkin',
		describe({
			operationId: 'checkInBooking',
			summary: 'A parent with a booking today joins the queue at their booked time',
			tags: ['walkin'],
			requestExample: EXAMPLES.checkInRequest,
			responses: {
				'201': documented(
					'The ticket (the same one when checked in before)',
					RESPONSES.Ticket,
					EXAMPLES.ticket
				)
			},
			errors: {
				404: ['booking_not_found', 'school_not_found'],
				409: ['not_today', 'booking_cancelled', 'not_active', 'walkin_closed']
			},
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		limit('checkin'),
		valid('json', CheckInInput),
		async (c) => {
			const { slug } = c.req.valid('param');
			const { reference } = c.req.valid('json');
			return ticketResponse(c, await checkInBooking(apiCtx(c), slug, reference, 'parent'));
		}
	);
