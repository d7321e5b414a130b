import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { signupsQuery, staffMeetingQuery } from '$lib/server/meetings/staff';
import { toCsv } from '$lib/server/staff/csv';
import { staffTranslator } from '$lib/i18n/resources';
import { amsterdamDate } from '$lib/server/scheduling/time';
import type { RequestHandler } from './$types';

/**
 * The door list as CSV: first name, people, language, status. No contact details: the door needs
 * none, and a file that leaves the workspace should carry as little as it can.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	const id = /^[1-9]\d{0,9}$/.test(params.id) ? Number(params.id) : 0;
	const [[meeting], signups] = await locals.db.batch([
		staffMeetingQuery(locals.db, user, id),
		signupsQuery(locals.db, user, id)
	]);
	if (!meeting) error(404, 'not_found');
	const t = staffTranslator(user.language);
	const body = toCsv(
		[
			t('staff.meetings.firstName'),
			t('staff.meetings.people'),
			t('staff.meetings.language'),
			t('staff.meetings.came')
		],
		signups
			// Who holds a place: the waiting list is not at the door.
			.filter((s) => s.status !== 'cancelled' && s.waitingSince === null)
			.map((s) => [s.firstName, s.people, s.language, s.status === 'attended' ? 'x' : ''])
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="bijeenkomst-${amsterdamDate(meeting.startsAt)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
