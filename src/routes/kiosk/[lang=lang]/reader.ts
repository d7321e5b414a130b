import { schoolTodayWith } from '../../../lib/server/walkin/index.ts';
import { upcomingMeetingsQuery, type MeetingRow } from '../../../lib/server/meetings/index.ts';
import type { DeviceReads, KioskPageReader } from '../../../lib/server/kiosk/index.ts';
import type { BatchResponse } from 'drizzle-orm/batch';

/** How many parent meetings the kiosk's home shows. */
const KIOSK_MEETINGS = 3;

/** The home, the page a kiosk shows all day: who is here today, the walk-in numbers, meetings. */
export const reader = (async (db, school, now, device) => {
	const meetings = upcomingMeetingsQuery(db, school, now, KIOSK_MEETINGS, {
		nextOfEachSeries: true
	});
	const { today, extra } = await schoolTodayWith(db, school, now, [...device, meetings] as const);
	const [visit, found, meetingRows] = extra;
	return {
		data: { now, today, meetings: meetingRows as MeetingRow[] },
		device: [visit, found] as BatchResponse<DeviceReads>
	};
}) satisfies KioskPageReader<unknown>;
