import { requireUser } from '$lib/server/auth/cookie';
import { bookingsPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** Appointments by school, date range and status (`bookingsPage`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), bookingsPage, url);
