import { requireUser } from '$lib/server/auth/cookie';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { PageServerLoad } from './$types';

/** Who waits for a place, per school (`reader.ts`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), reader, url);
