import { amsterdamDate } from '../../../../../lib/server/scheduling/time.ts';
import { kiosksQuery, kiosksState } from '../../../../../lib/server/kiosk/index.ts';
import { oneStatement, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** The organisation's kiosks and their state. */
export const reader = ((db, who, _url, now) =>
	oneStatement(kiosksQuery(db, who), (rows) => ({
		kiosks: kiosksState(rows, now).map((k) => ({
			...k,
			lastSeenDate: k.lastSeenAt ? amsterdamDate(k.lastSeenAt) : null
		}))
	}))) satisfies PageReader<unknown>;
