import { requireUser } from '$lib/server/auth/cookie';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** The questions inbox (`reader.ts`), and the instant it was read for "days waiting". */
export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await pageData(locals, requireUser(locals), reader, url)),
	now: locals.now
});
