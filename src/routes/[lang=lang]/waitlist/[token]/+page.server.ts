import { error, fail, redirect } from '@sveltejs/kit';
import { claimOffer, findEntry, statusAt } from '$lib/server/waitlist';
import { expireAndPassOn, leaveList } from '$lib/server/waitlist/messages';
import { formCtx } from '$lib/server/http/outcome';
import { notifyBooking } from '$lib/server/bookings/notices';
import { pushKeyOf } from '$lib/server/notify/push';
import { messageLinks } from '$lib/server/http/env';
import type { Actions, PageServerLoad } from './$types';

/** The parent's own page for their place on the waiting list: status, the offer, leave. */
export const load: PageServerLoad = async (event) => {
	const { params, locals, url, setHeaders, platform } = event;
	// Personal data: never kept in a cache.
	setHeaders({ 'cache-control': 'no-store' });
	let entry = await findEntry(locals.db, params.token);
	if (!entry) error(404, 'waitlist_not_found');
	// An offer that ran out before the cron came: expire it now, the place goes to the next parent.
	if (entry.status === 'offered' && statusAt(entry, locals.now) === 'expired') {
		await expireAndPassOn(locals.notifier, locals.now, messageLinks(event));
		entry = (await findEntry(locals.db, params.token))!;
	}
	const status = statusAt(entry, locals.now);
	return {
		token: params.token,
		status,
		entry: {
			reference: entry.reference,
			schoolSlug: entry.schoolSlug,
			schoolName: entry.schoolName,
			staffName: entry.staffName,
			fromDate: entry.fromDate,
			toDate: entry.toDate,
			email: entry.email
		},
		offer:
			status === 'offered'
				? {
						staffName: entry.offerStaffName ?? '',
						startsAt: entry.offerStartsAt!,
						endsAt: entry.offerEndsAt!,
						holdUntil: entry.holdUntil!
					}
				: null,
		pushKey: pushKeyOf(platform?.env),
		fresh: url.searchParams.has('new'),
		left: url.searchParams.has('left')
	};
};

export const actions: Actions = {
	/** Book the place held for the parent; the booking's own page takes over. */
	claim: async ({ params, locals }) => {
		const result = await claimOffer(locals.db, params.token, { now: locals.now });
		if (!result.ok) {
			if (result.code === 'not_found') error(404, 'waitlist_not_found');
			return fail(409, { code: result.code });
		}
		// As any booking: the fuller e-mail, a text message to a parent with only a phone.
		await notifyBooking(locals.notifier, result.id, 'confirmed', { token: result.manageToken });
		redirect(303, `/${params.lang}/booking/${result.manageToken}?new=1`);
	},
	/** Leave the list; a place held for the parent goes to the next one. */
	leave: async (event) => {
		const { params } = event;
		const left = await leaveList(formCtx(event), params.token);
		if (!left.ok) error(404, 'waitlist_not_found');
		redirect(303, `/${params.lang}/waitlist/${params.token}?left=1`);
	}
};
