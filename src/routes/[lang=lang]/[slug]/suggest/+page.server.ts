import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import { schools } from '$lib/server/db/schema';
import { suggestAction } from '$lib/server/meetings/forms';
import { Slug } from '$lib/validation/schools';
import type { Language } from '$lib/i18n/languages';
import type { Actions, PageServerLoad } from './$types';

/** "Waar wilt u meer over weten?": the form on its own page, and where the school page posts it. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const [school] = v.is(Slug, params.slug)
		? await locals.db
				.select({ slug: schools.slug, name: schools.name })
				.from(schools)
				.where(eq(schools.slug, params.slug))
		: [];
	if (!school) error(404, 'school_not_found');
	return { school };
};

export const actions: Actions = {
	default: (event) =>
		suggestAction(event, {
			slug: event.params.slug,
			lang: event.params.lang as Language,
			madeBy: 'parent'
		})
};
