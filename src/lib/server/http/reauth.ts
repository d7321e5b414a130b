import type { RequestEvent } from '@sveltejs/kit';
import { confirmIdentity, recentlyAuthenticated, type SessionUser } from '../auth/index.ts';
import { SESSION_COOKIE } from '../auth/cookie.ts';
import { totpKeys } from './env.ts';
import { requestClient } from './limits.ts';

/** Whether a page must ask for the password or a code with its sensitive forms. */
export const confirmNeeded = (locals: App.Locals) =>
	!locals.user || !recentlyAuthenticated(locals.user, locals.now);

/**
 * The check before a sensitive change: null when the person is confirmed (recently, or by the
 * `identity` field of this form), otherwise why not ('needed', 'wrong', 'locked'), for
 * `fail(400, { identity: … })`.
 */
export async function identityProblem(
	event: Pick<RequestEvent, 'locals' | 'cookies' | 'request' | 'getClientAddress' | 'platform'>,
	user: SessionUser,
	identity: string | undefined
) {
	const result = await confirmIdentity(event.locals.db, {
		user,
		token: event.cookies.get(SESSION_COOKIE) ?? '',
		identity: identity ?? '',
		client: requestClient(event),
		now: event.locals.now,
		keys: totpKeys(event.platform)
	});
	return result === 'ok' ? null : result;
}
