import { Hono } from 'hono';
import { bookingApiView, cancelBooking, findBooking } from '../bookings/index.ts';
import { sendCancellation } from '../bookings/messages.ts';
import { mailerFor } from '../mail/index.ts';
import { apiError, type ApiEnv } from './context.ts';

/** /api/v1/bookings/{manageToken}: the parent's own booking. */
export const bookingsApi = new Hono<ApiEnv>()
	.get('/:token', async (c) => {
		const booking = await findBooking(c.var.db, c.req.param('token'));
		if (!booking) return apiError(c, 404, 'booking_not_found');
		c.header('cache-control', 'no-store');
		return c.json(bookingApiView(booking));
	})
	.delete('/:token', async (c) => {
		const token = c.req.param('token');
		const result = await cancelBooking(c.var.db, token, { now: c.var.now });
		if (result === 'not_found') return apiError(c, 404, 'booking_not_found');
		if (result === 'not_active') return apiError(c, 409, 'not_active');
		const booking = await findBooking(c.var.db, token);
		await sendCancellation(
			c.var.db,
			mailerFor(c.env, c.var.db),
			booking,
			new URL(c.req.url).origin
		);
		c.header('cache-control', 'no-store');
		return c.json(bookingApiView(booking!));
	});
