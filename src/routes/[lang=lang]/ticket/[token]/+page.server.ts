import { error } from '@sveltejs/kit';
import { findTicket } from '$lib/server/walkin';
import { pushKeyOf } from '$lib/server/notify/push';
import type { PageServerLoad } from './$types';

/**
 * A walk-in ticket's own page (from the kiosk's QR code or "I'm here" on the phone): the number,
 * how many are before it and whether it is called, refreshing itself without JavaScript; with
 * JavaScript and push, the phone can be told when it is nearly time and when it is time.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders, platform }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const ticket = await findTicket(locals.db, params.token);
	if (!ticket) error(404, 'ticket_not_found');
	// While in line the page reloads itself, also without JavaScript (a header: a <meta> refresh
	// is what axe flags; the parent can read the page at ease, nothing on it times out).
	if (ticket.status === 'waiting' || ticket.status === 'called') setHeaders({ refresh: '20' });
	const { id: _id, ...visible } = ticket;
	return { ticket: visible, token: params.token, pushKey: pushKeyOf(platform?.env) };
};
