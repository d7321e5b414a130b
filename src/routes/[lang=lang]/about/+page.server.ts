import { statementContext } from '$lib/server/privacy/statement';
import type { PageServerLoad } from './$types';

/** Reached from a school (?school=slug), the statement names its organisation; else it speaks generally. */
export const load: PageServerLoad = async ({ locals, url }) => ({
	context: await statementContext(locals.db, url.searchParams.get('school'))
});
