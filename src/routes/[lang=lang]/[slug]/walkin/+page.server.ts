import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { BatchResponse } from 'drizzle-orm/batch';
import { assembleTicketStatus, ticketStatusQueries } from '$lib/server/walkin';
import { walkInChoicesWith, walkInForm } from '$lib/server/walkin/forms';
import { requestClient } from '$lib/server/http/limits';
import { Slug } from '$lib/validation/schools';
import type { Actions, PageServerLoad } from './$types';

/**
 * The walk-in hour on the phone: take a number, or check in with a booking's reference; then the
 * page shows the number and who is being called, refreshing itself (no JavaScript needed). The
 * number in the URL is not personal: it is what the kiosk screen shows to everyone.
 */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!v.is(Slug, params.slug)) error(404, 'school_not_found');
	const now = locals.now;
	const staffId = Number(url.searchParams.get('staff'));
	const number = Number(url.searchParams.get('ticket'));
	const asked = Number.isInteger(staffId) && Number.isInteger(number) && staffId > 0 && number > 0;
	// The school's walk-in hours and the parent's number in one D1 batch.
	const ticketReads = ticketStatusQueries(locals.db, params.slug, { staffId, number }, now);
	const { choices, extra } = await walkInChoicesWith(
		locals.db,
		params.slug,
		now,
		asked ? ticketReads : []
	);
	if (!choices) error(404, 'school_not_found');
	const ticket = asked ? assembleTicketStatus(extra as BatchResponse<typeof ticketReads>) : null;
	return { ...choices, asked, ticket };
};

/** Either form; a ticket goes to its own address, which the page then follows. */
async function toTicketPage(
	event: RequestEvent<{ lang: string; slug: string }>,
	kind: 'take' | 'checkin'
) {
	const { lang, slug } = event.params;
	const result = await walkInForm(event, kind, {
		slug,
		language: event.locals.lang,
		madeBy: 'parent',
		client: requestClient(event)
	});
	if (!('ok' in result)) return result;
	redirect(303, `/${lang}/ticket/${result.ticketToken}`);
}

export const actions: Actions = {
	take: (event) => toTicketPage(event, 'take'),
	checkin: (event) => toTicketPage(event, 'checkin')
};
