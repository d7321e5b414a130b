import { fail, type Cookies } from '@sveltejs/kit';
import { endOwnSessions, ownSessions } from '$lib/server/auth';
import { sha256Hex } from '$lib/server/crypto';
import { reader } from './reader';
import * as v from 'valibot';
import { pushKeyOf, pushServiceOrigins } from '$lib/server/notify/push';
import { subscribeStaff, unsubscribeStaff } from '$lib/server/notify/staff';
import { PushSubscriptionInput } from '$lib/validation/push';
import { pageData } from '$lib/server/staff/workspace';
import { requireUser, SESSION_COOKIE } from '$lib/server/auth/cookie';
import { formValues } from '$lib/server/http/forms';
import { confirmNeeded, identityProblem } from '$lib/server/http/reauth';
import type { Actions, PageServerLoad } from './$types';

const currentToken = (cookies: Cookies) => cookies.get(SESSION_COOKIE) ?? '';

/** Where I am signed in: every session of mine, and a way to end the ones that are not this one. */
export const load: PageServerLoad = async ({ locals, cookies, url, platform }) => {
	const user = requireUser(locals);
	const rows = await pageData(locals, user, reader, url);
	const sessions = ownSessions(rows, await sha256Hex(currentToken(cookies)));
	return {
		sessions,
		confirmNeeded: confirmNeeded(locals),
		pushKey: pushKeyOf(platform?.env),
		pushOn: sessions.some((s) => s.current && s.push)
	};
};

export const actions = {
	end: async (event) => {
		const { locals, cookies, request } = event;
		const user = requireUser(locals);
		const { handle, identity } = await formValues(request);
		if (!handle || !/^[0-9a-f]{16}$/.test(handle))
			return fail(400, { notice: 'sessionGone' as const });
		const problem = await identityProblem(event, user, identity);
		if (problem) return fail(400, { identity: problem, handle });
		const ended = await endOwnSessions(locals.db, user.id, currentToken(cookies), { handle });
		return ended
			? { notice: 'sessionEnded' as const }
			: fail(404, { notice: 'sessionGone' as const });
	},
	/**
	 * This device's notifications for the workspace (#21), from /push.js: the browser's
	 * subscription as form fields; they hang on this session and go with it.
	 */
	pushOn: async ({ locals, cookies, request, platform }) => {
		const user = requireUser(locals);
		const { endpoint, p256dh, auth } = await formValues(request);
		const input = v.safeParse(PushSubscriptionInput, { endpoint, keys: { p256dh, auth } });
		if (!input.success) return fail(400, { notice: 'pushFailed' as const });
		const result = await subscribeStaff(
			locals.db,
			await sha256Hex(currentToken(cookies)),
			user.id,
			input.output,
			pushServiceOrigins(platform?.env)
		);
		return result === 'ok' ? { push: true } : fail(400, { notice: 'pushFailed' as const });
	},
	pushOff: async ({ locals, cookies }) => {
		requireUser(locals);
		await unsubscribeStaff(locals.db, await sha256Hex(currentToken(cookies)));
		return { push: false };
	},
	others: async (event) => {
		const { locals, cookies, request } = event;
		const user = requireUser(locals);
		const { identity } = await formValues(request);
		const problem = await identityProblem(event, user, identity);
		if (problem) return fail(400, { identity: problem, handle: 'others' });
		const ended = await endOwnSessions(locals.db, user.id, currentToken(cookies), 'others');
		return { notice: 'othersEnded' as const, count: ended };
	}
} satisfies Actions;
