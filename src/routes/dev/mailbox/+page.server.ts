import { error } from '@sveltejs/kit';
import { readMailbox } from '$lib/server/notify/mailbox';
import { localMailboxOn } from '$lib/server/notify/push';
import type { PageServerLoad } from './$types';

/**
 * The local mailbox: only where the local server turned it on (LOCAL_MAILBOX=on, set by
 * scripts/serve.ts) and the public origin is a loopback address. Anywhere else it does not exist.
 */
export const load: PageServerLoad = async ({ locals, platform, setHeaders }) => {
	if (!localMailboxOn(platform?.env)) error(404, 'not_found');
	setHeaders({ 'cache-control': 'no-store' });
	return { messages: await readMailbox(locals.db) };
};
