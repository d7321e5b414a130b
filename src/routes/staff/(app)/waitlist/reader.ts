import { amsterdamDate } from '../../../../lib/server/scheduling/time.ts';
import { waitlistQuery } from '../../../../lib/server/waitlist/index.ts';
import { oneStatement, type PageReader } from '../../../../lib/server/staff/workspace.ts';

/** The waiting lists of the person's schools (or one, `?school=`), first come first. */
export const reader = ((db, who, url, now) => {
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	return oneStatement(waitlistQuery(db, who, amsterdamDate(now), schoolId), (entries) => ({
		filter: { schoolId: schoolId ?? 0 },
		entries
	}));
}) satisfies PageReader<unknown>;
