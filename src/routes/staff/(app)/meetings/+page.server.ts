import { requireUser } from '$lib/server/auth/cookie';
import { pageData } from '$lib/server/staff/workspace';
import { reader } from './reader';
import type { PageServerLoad } from './$types';

/** Parent meetings of the person's schools, and the themes parents asked for. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	return pageData(locals, user, reader, url);
};
