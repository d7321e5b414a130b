import { searchSchools } from '$lib/server/schools';
import { SchoolSearch } from '$lib/validation/schools';
import { check } from '$lib/validation';
import type { PageServerLoad } from './$types';

/** Home: the school search. A GET form, so the results have an address and work without JS. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = url.searchParams.get('q');
	if (q === null) return { q: '', results: null, error: null };
	const input = check(SchoolSearch, { q });
	if (!input.ok) return { q, results: null, error: input.errors.q ?? 'invalid' };
	return { q, results: await searchSchools(locals.db, input.data.q), error: null };
};
