import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { Slug } from '$lib/validation/schools';
import type { PageServerLoad } from './$types';

/** /{slug}, the short address on a poster, goes to the school page in the visitor's language. */
export const load: PageServerLoad = ({ params, locals }) => {
	if (!v.is(Slug, params.slug)) error(404, 'not_found');
	redirect(307, `/${locals.lang}/${params.slug}`);
};
