import { amsterdamDate } from '../../../../../lib/server/scheduling/time.ts';
import { holidaysOf } from '../../../../../lib/server/staff/admin.ts';
import { oneStatement, type PageReader } from '../../../../../lib/server/staff/workspace.ts';

/** Holidays and other closures that have not ended yet. */
export const reader = ((db, who, _url, now) =>
	oneStatement(holidaysOf(db, who, amsterdamDate(now)), (holidays) => ({
		holidays
	}))) satisfies PageReader<unknown>;
