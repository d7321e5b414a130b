import { Hono } from 'hono';
import type { Context } from 'hono';
import { schoolToday, type Ticket } from '../walkin/index.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
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
			return reply(c, RESPONSES.WalkIn, {
				open: today.open,
				nowCalling: today.nowCalling,
				waiting: today.waiting,
				queues: today.queues.map((q) => ({
					staffId: q.staffId,
					name: q.name,
					location: q.location,
					start: toAmsterdamIso(q.startsAt),
					end: toAmsterdamIso(q.endsAt),
					open: q.open,
					nowCalling: q.nowCalling,
					waiting: q.waiting
				}))
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
