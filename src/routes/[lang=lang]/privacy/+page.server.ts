import { DEFAULT_RETENTION, statementContext } from '$lib/server/privacy/statement';
import type { PageServerLoad } from './$types';

/**
 * Reached from a school (?school=slug), the statement names its organisation, its privacy
 * contact and its own retention periods; else it speaks generally, with the defaults.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const context = await statementContext(locals.db, url.searchParams.get('school'));
	return { context, retention: context ?? DEFAULT_RETENTION };
};
