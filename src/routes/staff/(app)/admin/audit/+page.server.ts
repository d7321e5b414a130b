import { requireAdmin } from '$lib/server/auth/cookie';
import { auditOf } from '$lib/server/staff/admin';
import type { PageServerLoad } from './$types';

/** Who of the organisation's people read or changed which record, newest first. */
export const load: PageServerLoad = async ({ locals }) => ({
	entries: await auditOf(locals.db, requireAdmin(locals))
});
