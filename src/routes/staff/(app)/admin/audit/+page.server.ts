import { requireAdmin } from '$lib/server/auth/cookie';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** Who of the organisation's people read or changed which record, newest first. */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireAdmin(locals), reader, url);
