import { error, fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import {
	checkIn,
	nextWalkIn,
	schoolToday,
	takeTicket,
	type TicketResult
} from '$lib/server/walkin';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited } from '$lib/server/http/limits';
import { check } from '$lib/validation';
import { CheckInInput, WalkInInput } from '$lib/validation/walkin';
import type { Actions, PageServerLoad } from './$types';

/** "I'm here": a number for the running walk-in hour, or checking in with a booking's reference. */
export const load: PageServerLoad = async ({ locals }) => {
	const kiosk = locals.kiosk;
	if (!kiosk) error(404, 'not_found');
	const now = Date.now();
	const today = await schoolToday(locals.db, kiosk.slug, now);
	if (!today) error(404, 'school_not_found');
	const open = today.queues.filter((q) => q.open);
	const next = open.length ? null : await nextWalkIn(locals.db, kiosk.slug, now);
	return {
		open: open.map((q) => ({
			staffId: q.staffId,
			name: q.name,
			location: q.location,
			end: toAmsterdamIso(q.endsAt),
			waiting: q.waiting
		})),
		next: next && { ...next, start: toAmsterdamIso(next.startsAt) }
	};
};

/** The ticket screen's data, with a QR code that takes the number along on the phone. */
function ticketScreen(result: TicketResult, origin: string, lang: string, slug: string) {
	if (!result.ok) {
		const status = result.code === 'not_found' ? 404 : 409;
		return fail(status, {
			code: result.code,
			start: 'startsAt' in result ? toAmsterdamIso(result.startsAt) : null,
			values: {} as Record<string, string>,
			errors: {} as Record<string, string>
		});
	}
	const link = `${origin}/${lang}/${slug}/walkin?staff=${result.staffId}&ticket=${result.number}`;
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
	take: async (event) => {
		const { request, locals, params, url } = event;
		const kiosk = locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		const values = await formValues(request);
		// Every parent at this tablet shares its address: counted per kiosk, generously.
		if (await formRateLimited(event, 'checkin', { client: `kiosk:${kiosk.id}` }))
			return fail(429, { code: 'rate_limited', start: null, values, errors: {} });
		const input = check(WalkInInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		const result = await takeTicket(locals.db, kiosk.slug, input.data, {
			now: Date.now(),
			madeBy: 'kiosk'
		});
		return ticketScreen(result, url.origin, params.lang, kiosk.slug);
	},
	checkin: async (event) => {
		const { request, locals, params, url } = event;
		const kiosk = locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		const values = await formValues(request);
		if (await formRateLimited(event, 'checkin', { client: `kiosk:${kiosk.id}` }))
			return fail(429, { code: 'rate_limited', start: null, values, errors: {} });
		const input = check(CheckInInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		const result = await checkIn(locals.db, kiosk.slug, input.data.reference, {
			now: Date.now(),
			madeBy: 'kiosk'
		});
		return ticketScreen(result, url.origin, params.lang, kiosk.slug);
	}
};
