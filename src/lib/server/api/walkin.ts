import { Hono } from 'hono';
import type { Context } from 'hono';
import * as v from 'valibot';
import { checkIn, schoolToday, takeTicket, type TicketResult } from '../walkin/index.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { Slug } from '../../validation/schools.ts';
import { CheckInInput, WalkInInput } from '../../validation/walkin.ts';
import { check } from '../../validation/index.ts';
import { apiError, rateLimited, readJson, type ApiEnv } from './context.ts';

/** A ticket or the reason there is none, in the API's shape. */
function ticketResponse(c: Context, result: TicketResult) {
	if (result.ok) {
		const { ok: _ok, ...ticket } = result;
		c.header('cache-control', 'no-store');
		return c.json(ticket, 201);
	}
	switch (result.code) {
		case 'school_not_found':
			return apiError(c, 404, 'school_not_found');
		case 'not_found':
			return apiError(c, 404, 'booking_not_found');
		case 'not_today':
			return apiError(c, 409, 'not_today', {}, { start: toAmsterdamIso(result.startsAt) });
		case 'cancelled':
			return apiError(c, 409, 'booking_cancelled');
		case 'done':
			return apiError(c, 409, 'not_active');
		default:
			return apiError(c, 409, 'walkin_closed');
	}
}

/** /api/v1/schools/{slug}/walkin: the running walk-in hour, "I'm here", and checking in. */
export const walkInApi = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const slug = c.req.param('slug') ?? '';
		const today = v.is(Slug, slug) ? await schoolToday(c.var.db, slug, c.var.now) : null;
		if (!today) return apiError(c, 404, 'school_not_found');
		c.header('cache-control', 'no-store');
		return c.json({
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
	})
	.post('/', async (c) => {
		const slug = c.req.param('slug') ?? '';
		if (!v.is(Slug, slug)) return apiError(c, 404, 'school_not_found');
		const limited = await rateLimited(c, 'checkin', { client: true });
		if (limited) return limited;
		const body = await readJson(c);
		if (body === undefined) return apiError(c, 400, 'invalid_json');
		const input = check(WalkInInput, body);
		if (!input.ok) return apiError(c, 400, 'invalid', input.errors);
		const result = await takeTicket(c.var.db, slug, input.data, {
			now: c.var.now,
			madeBy: 'parent'
		});
		return ticketResponse(c, result);
	})
	.post('/checkin', async (c) => {
		const slug = c.req.param('slug') ?? '';
		if (!v.is(Slug, slug)) return apiError(c, 404, 'school_not_found');
		const limited = await rateLimited(c, 'checkin', { client: true });
		if (limited) return limited;
		const body = await readJson(c);
		if (body === undefined) return apiError(c, 400, 'invalid_json');
		const input = check(CheckInInput, body);
		if (!input.ok) return apiError(c, 400, 'invalid', input.errors);
		const result = await checkIn(c.var.db, slug, input.data.reference, {
			now: c.var.now,
			madeBy: 'parent'
		});
		return ticketResponse(c, result);
	});
