import { requireUser } from '$lib/server/auth/cookie';
import { renewFeed, revokeFeed } from '$lib/server/staff/calendar';
import { calendarPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** The private calendar feed: make a new URL (the old one stops working) or switch it off. */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), calendarPage, url);

export const actions: Actions = {
	renew: async ({ locals, url }) => {
		const token = await renewFeed(locals.db, requireUser(locals));
		return { feedUrl: `${url.origin}/api/calendar/${token}.ics` };
	},
	revoke: async ({ locals }) => {
		await revokeFeed(locals.db, requireUser(locals));
		return { revoked: true };
	}
};
