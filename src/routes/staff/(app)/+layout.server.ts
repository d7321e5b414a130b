import { redirect } from '@sveltejs/kit';
import { schoolsOf } from '$lib/server/access';
import type { LayoutServerLoad } from './$types';

/** Every page of the workspace needs a person who passed both factors. */
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!locals.user?.secondFactor) redirect(303, '/staff/login');
	return {
		user: {
			name: locals.user.name,
			role: locals.user.role,
			hasHours: locals.user.staffId !== null
		},
		// Read with the session on a GET (the hook); after a form action, afresh.
		schools: locals.workspace?.schools ?? (await schoolsOf(locals.db, locals.user))
	};
};
