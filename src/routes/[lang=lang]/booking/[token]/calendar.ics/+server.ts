import { error } from '@sveltejs/kit';
import { findBooking } from '$lib/server/bookings';
import { bookingCalendar } from '$lib/server/bookings/messages';
import type { Language } from '$lib/i18n/languages';
import { calendarFile } from '../../../calendar-file';
import type { RequestHandler } from './$types';

/** "Add to calendar": the event while it stands, METHOD:CANCEL once it is cancelled. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const booking = await findBooking(locals.db, params.token);
	if (!booking) error(404, 'booking_not_found');
	const body = bookingCalendar(booking, params.lang as Language, url.origin, params.token);
	return calendarFile(body, booking.reference);
};
