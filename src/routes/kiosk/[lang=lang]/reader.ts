import { schoolTodayWith } from '../../../lib/server/walkin/index.ts';
import type { KioskPageReader } from '../../../lib/server/kiosk/index.ts';

/** The home, the page a kiosk shows all day: who is here today, the walk-in numbers. */
export const reader = (async (db, school, now, device) => {
	const { today, extra } = await schoolTodayWith(db, school, now, device);
	return { data: { now, today }, device: extra };
}) satisfies KioskPageReader<unknown>;
