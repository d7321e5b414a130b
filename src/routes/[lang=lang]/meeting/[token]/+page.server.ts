import { error, redirect } from '@sveltejs/kit';
import { findSignup } from '$lib/server/meetings';
import { cancelOwnSignup } from '$lib/server/meetings/commands';
import { formCtx, formOutcome } from '$lib/server/http/outcome';
import { pushKeyOf } from '$lib/server/notify/push';
import type { Actions, PageServerLoad } from './$types';

/** The parent's own page for a meeting sign-up: the confirmation, the calendar file, cancel. */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders, platform }) => {
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
		pushKey: pushKeyOf(platform?.env),
		cancelled: url.searchParams.has('cancelled')
	};
};

export const actions: Actions = {
	cancel: async (event) => {
		const { params } = event;
		const result = formOutcome(await cancelOwnSignup(formCtx(event), params.token), {});
		if (!result.ok) return result.failure;
		redirect(303, `/${params.lang}/meeting/${params.token}?cancelled=1`);
	}
};
