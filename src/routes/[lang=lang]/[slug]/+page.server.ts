import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { getSchoolPage } from '$lib/server/schools';
import { publicPageCache } from '$lib/server/http/headers';
import { amsterdamDate } from '$lib/server/scheduling/time';
import { Slug } from '$lib/validation/schools';
import type { PageServerLoad } from './$types';

/** A school's page: the same for every visitor, so Cloudflare may keep it a minute (headers.ts). */
export const load: PageServerLoad = async ({ params, locals, setHeaders, platform }) => {
	const page = v.is(Slug, params.slug)
		? await getSchoolPage(locals.db, params.slug, amsterdamDate(locals.now), locals.now)
		: null;
	if (!page) error(404, 'school_not_found');
	setHeaders({ 'cache-control': publicPageCache(platform?.env) });
	return page;
};
