import { requireUser } from '$lib/server/auth/cookie';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { markFromList } from '../mark-action';
import type { Actions, PageServerLoad } from './$types';

/** The week agenda (`reader.ts`). */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireUser(locals), reader, url);

export const actions: Actions = { mark: markFromList };
