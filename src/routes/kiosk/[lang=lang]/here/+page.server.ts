import { error, type RequestEvent } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { walkInForm } from '$lib/server/walkin/forms';
import { reader } from './reader';
import { kioskPageData } from '$lib/server/kiosk';
import type { Actions, PageServerLoad } from './$types';

/** "I'm here": a number for the running walk-in hour, or checking in with a booking's reference. */
export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (!locals.kiosk) error(404, 'not_found');
	// Read with the device by the hook on a GET; after a form, afresh.
	const choices = await kioskPageData(locals, cookies, reader);
	if (!choices) error(404, 'school_not_found');
	return choices;
};

/**
 * Either form, then the ticket screen with a QR code that takes the number along on the phone.
 * Every parent at this tablet shares its address: the limit counts per kiosk.
 */
async function ticketScreen(event: RequestEvent<{ lang: string }>, kind: 'take' | 'checkin') {
	const kiosk = event.locals.kiosk;
	if (!kiosk) error(404, 'not_found');
	const result = await walkInForm(event, kind, {
		slug: kiosk.slug,
		language: event.locals.lang,
		madeBy: 'kiosk',
		client: `kiosk:${kiosk.id}`
	});
	if (!('ok' in result)) return result;
	const { origin } = event.url;
	// The ticket's own page: its place in line, refreshing itself, with notifications.
	const link = `${origin}/${event.params.lang}/ticket/${result.ticketToken}`;
	return {
		ticket: {
			number: result.number,
			staffName: result.staffName,
			location: result.location,
			ahead: result.ahead,
			nowCalling: result.nowCalling
		},
		qr: renderSVG(link, { border: 1 })
	};
}

export const actions: Actions = {
	take: (event) => ticketScreen(event, 'take'),
	checkin: (event) => ticketScreen(event, 'checkin')
};
