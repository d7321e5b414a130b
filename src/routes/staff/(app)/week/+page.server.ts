import { requireUser } from '$lib/server/auth/cookie';
import { weekPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** The week agenda (`weekPage`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), weekPage, url);
