import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import {
	checkIn,
	nextWalkIn,
	schoolToday,
	takeTicket,
	ticketStatus,
	type TicketResult
} from '$lib/server/walkin';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { check } from '$lib/validation';
import { Slug } from '$lib/validation/schools';
import { CheckInInput, WalkInInput } from '$lib/validation/walkin';
import type { Actions, PageServerLoad } from './$types';

/**
 * The walk-in hour on the phone: take a number, or check in with a booking's reference; then the
 * page shows the number and who is being called, refreshing itself (no JavaScript needed). The
 * number in the URL is not personal: it is what the kiosk screen shows to everyone.
 */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!v.is(Slug, params.slug)) error(404, 'school_not_found');
	const now = Date.now();
	const today = await schoolToday(locals.db, params.slug, now);
	if (!today) error(404, 'school_not_found');
	const staffId = Number(url.searchParams.get('staff'));
	const number = Number(url.searchParams.get('ticket'));
	const ticket =
		Number.isInteger(staffId) && Number.isInteger(number) && staffId > 0 && number > 0
			? await ticketStatus(locals.db, params.slug, { staffId, number }, now)
			: null;
	const open = today.queues.filter((q) => q.open);
	const next = open.length || ticket ? null : await nextWalkIn(locals.db, params.slug, now);
	return {
		school: { slug: today.school.slug, name: today.school.name },
		asked: number > 0,
		ticket,
		open: open.map((q) => ({
			staffId: q.staffId,
			name: q.name,
			location: q.location,
			end: toAmsterdamIso(q.endsAt),
			waiting: q.waiting,
			nowCalling: q.nowCalling
		})),
		next: next && { ...next, start: toAmsterdamIso(next.startsAt) }
	};
};

function toTicketPage(result: TicketResult, lang: string, slug: string) {
	if (!result.ok) {
		return fail(result.code === 'not_found' ? 404 : 409, {
			code: result.code,
			start: 'startsAt' in result ? toAmsterdamIso(result.startsAt) : null,
			values: {} as Record<string, string>,
			errors: {} as Record<string, string>
		});
	}
	redirect(303, `/${lang}/${slug}/walkin?staff=${result.staffId}&ticket=${result.number}`);
}

export const actions: Actions = {
	take: async (event) => {
		const { request, locals, params } = event;
		const values = await formValues(request);
		if (await formRateLimited(event, 'checkin', { client: requestClient(event) }))
			return fail(429, { code: 'rate_limited', start: null, values, errors: {} });
		const input = check(WalkInInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		const result = await takeTicket(locals.db, params.slug, input.data, {
			now: Date.now(),
			madeBy: 'parent'
		});
		return toTicketPage(result, params.lang, params.slug);
	},
	checkin: async (event) => {
		const { request, locals, params } = event;
		const values = await formValues(request);
		if (await formRateLimited(event, 'checkin', { client: requestClient(event) }))
			return fail(429, { code: 'rate_limited', start: null, values, errors: {} });
		const input = check(CheckInInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		const result = await checkIn(locals.db, params.slug, input.data.reference, {
			now: Date.now(),
			madeBy: 'parent'
		});
		return toTicketPage(result, params.lang, params.slug);
	}
};
