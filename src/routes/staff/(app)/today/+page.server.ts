import { requireUser } from '$lib/server/auth/cookie';
import { todayPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** Today's appointments, the new questions waiting, the walk-in hours (`todayPage`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), todayPage, url);
