import { error, fail, redirect } from '@sveltejs/kit';
import { cancelSignup, findSignup } from '$lib/server/meetings';
import type { Actions, PageServerLoad } from './$types';

/** The parent's own page for a meeting sign-up: the confirmation, the calendar file, cancel. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	// Personal data: never kept in a cache.
	setHeaders({ 'cache-control': 'no-store' });
	const signup = await findSignup(locals.db, params.token);
	if (!signup) error(404, 'signup_not_found');
	const { id: _id, createdAt: _c, updatedAt: _u, ...visible } = signup;
	return {
		signup: visible,
		token: params.token,
		active:
			signup.status === 'signed_up' &&
			signup.meetingStatus === 'planned' &&
			signup.startsAt > locals.now,
		fresh: url.searchParams.has('new'),
		cancelled: url.searchParams.has('cancelled')
	};
};

export const actions: Actions = {
	cancel: async ({ params, locals }) => {
		const result = await cancelSignup(locals.db, params.token, locals.now);
		if (result === 'not_found') error(404, 'signup_not_found');
		if (result === 'not_active') return fail(409, { code: 'signup_not_active' });
		redirect(303, `/${params.lang}/meeting/${params.token}?cancelled=1`);
	}
};
