import { requireUser } from '$lib/server/auth/cookie';
import { questionsPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** The questions inbox (`questionsPage`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), questionsPage, url);
