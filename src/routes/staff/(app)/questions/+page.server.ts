import { requireUser } from '$lib/server/auth/cookie';
import { questionsPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** The questions inbox (`questionsPage`), and the instant it was read for "days waiting". */
export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await pageData(locals, requireUser(locals), questionsPage, url)),
	now: locals.now
});
