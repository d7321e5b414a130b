import { fail, type Cookies } from '@sveltejs/kit';
import { endOwnSessions, ownSessions } from '$lib/server/auth';
import { sha256Hex } from '$lib/server/crypto';
import { accountPage } from '$lib/server/staff/pages';
import { pageData } from '$lib/server/staff/workspace';
import { requireUser, SESSION_COOKIE } from '$lib/server/auth/cookie';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const currentToken = (cookies: Cookies) => cookies.get(SESSION_COOKIE) ?? '';

/** Where I am signed in: every session of mine, and a way to end the ones that are not this one. */
export const load: PageServerLoad = async ({ locals, cookies, url }) => {
	const user = requireUser(locals);
	const rows = await pageData(locals, user, accountPage, url);
	return { sessions: ownSessions(rows, await sha256Hex(currentToken(cookies))) };
};

export const actions: Actions = {
	end: async ({ locals, cookies, request }) => {
		const user = requireUser(locals);
		const { handle } = await formValues(request);
		if (!handle || !/^[0-9a-f]{16}$/.test(handle)) return fail(400, { notice: 'sessionGone' });
		const ended = await endOwnSessions(locals.db, user.id, currentToken(cookies), { handle });
		return ended ? { notice: 'sessionEnded' } : fail(404, { notice: 'sessionGone' });
	},
	others: async ({ locals, cookies }) => {
		const user = requireUser(locals);
		const ended = await endOwnSessions(locals.db, user.id, currentToken(cookies), 'others');
		return { notice: 'othersEnded', count: ended };
	}
};
