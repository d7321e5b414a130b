import { Hono } from 'hono';
import * as v from 'valibot';
import { bookingApiView, findBooking } from '../bookings/index.ts';
import { cancelAsParent } from '../bookings/commands.ts';
import { Token } from '../../validation/schools.ts';
import { apiError, type ApiEnv } from './context.ts';
import { apiAnswer, apiCtx } from './outcome.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { valid } from './validate.ts';

const BookingParams = v.object({
	manageToken: v.pipe(
		Token,
		v.description('The secret of the manage link: whoever holds it may see and cancel the booking')
	)
});
const NO_BOOKING = { status: 404, code: 'booking_not_found' } as const;

/** /api/v1/bookings/{manageToken}: the parent's own booking. */
export const bookingsApi = new Hono<ApiEnv>()
	.get(
		'/:manageToken',
		describe({
			operationId: 'getBooking',
			summary: 'The booking as the parent sees it',
			tags: ['bookings'],
			responses: {
				'200': documented('The booking', RESPONSES.Booking, EXAMPLES.booking)
			},
			errors: { 404: ['booking_not_found'] }
		}),
		valid('param', BookingParams, NO_BOOKING),
		async (c) => {
			const booking = await findBooking(c.var.db, c.req.valid('param').manageToken);
			if (!booking) return apiError(c, 404, 'booking_not_found');
			c.header('cache-control', 'no-store');
			return reply(c, RESPONSES.Booking, bookingApiView(booking));
		}
	)
	.delete(
		'/:manageToken',
		describe({
			operationId: 'cancelBooking',
			summary: 'Cancel the booking',
			tags: ['bookings'],
			responses: {
				'200': documented('Cancelled', RESPONSES.Booking, {
					...EXAMPLES.booking,
					status: 'cancelled'
				})
			},
			errors: { 404: ['booking_not_found'], 409: ['not_active'] }
		}),
		valid('param', BookingParams, NO_BOOKING),
		async (c) => {
			const ctx = apiCtx(c);
			// The freed place goes to the waiting list, within the command.
			const cancelled = await cancelAsParent(ctx, c.req.valid('param').manageToken);
			return apiAnswer(c, cancelled, (booking) => {
				c.header('cache-control', 'no-store');
				return reply(c, RESPONSES.Booking, bookingApiView(booking));
			});
		}
	);
