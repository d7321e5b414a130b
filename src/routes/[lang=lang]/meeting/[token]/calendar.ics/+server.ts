import { error } from '@sveltejs/kit';
import { findSignup, signupStatus } from '$lib/server/meetings';
import { signupCalendar } from '$lib/server/meetings/messages';
import type { Language } from '$lib/i18n/languages';
import { calendarFile } from '../../../calendar-file';
import type { RequestHandler } from './$types';

/** "Add to calendar" for a meeting: the event while it stands, METHOD:CANCEL once it does not. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const signup = await findSignup(locals.db, params.token);
	// Nothing to put in a calendar while the parent waits for a place.
	if (!signup || signupStatus(signup) === 'waiting') error(404, 'signup_not_found');
	const body = signupCalendar(signup, params.lang as Language, url.origin, params.token);
	return calendarFile(body, signup.reference);
};
