import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { renewFeed, revokeFeed } from '$lib/server/staff/calendar';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** A professional's own appointments only: a coordinator without a staff record has no feed. */
function professional(locals: App.Locals) {
	const user = requireUser(locals);
	if (user.staffId === null) error(404, 'not_found');
	return user;
}

/** The private calendar feed: make a new URL (the old one stops working) or switch it off. */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, professional(locals), reader, url);

export const actions: Actions = {
	renew: async ({ locals, url }) => {
		const token = await renewFeed(locals.db, professional(locals));
		if (!token) error(404, 'not_found');
		return { feedUrl: `${url.origin}/api/calendar/${token}.ics` };
	},
	revoke: async ({ locals }) => {
		await revokeFeed(locals.db, professional(locals));
		return { revoked: true };
	}
};
