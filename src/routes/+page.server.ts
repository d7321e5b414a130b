import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** "/" goes to the home page in the visitor's language (Accept-Language, else Dutch). */
export const load: PageServerLoad = ({ locals }) => redirect(307, `/${locals.lang}`);
