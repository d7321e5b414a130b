import { requireUser } from '$lib/server/auth/cookie';
import { pageData } from '$lib/server/staff/workspace';
import { reader } from './reader';
import type { PageServerLoad } from './$types';

/** The figures of a period and scope (`reader.ts`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), reader, url);
