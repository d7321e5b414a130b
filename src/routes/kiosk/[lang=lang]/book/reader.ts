import { loadScheduleWith } from '../../../../lib/server/bookings/schedule.ts';
import { kioskWindow, type KioskPageReader } from '../../../../lib/server/kiosk/index.ts';

/** Booking: the school's slots from now to two weeks ahead. */
export const reader = (async (db, school, now, device) => {
	const { schedule, extra } = await loadScheduleWith(db, school, kioskWindow(now), device);
	return { data: schedule, device: extra };
}) satisfies KioskPageReader<unknown>;
