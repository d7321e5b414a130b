import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { getSchoolPage } from '$lib/server/schools';
import { amsterdamDate } from '$lib/server/scheduling/time';
import { Slug } from '$lib/validation/schools';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const page = v.is(Slug, params.slug)
		? await getSchoolPage(locals.db, params.slug, amsterdamDate(Date.now()))
		: null;
	if (!page) error(404, 'school_not_found');
	return page;
};
