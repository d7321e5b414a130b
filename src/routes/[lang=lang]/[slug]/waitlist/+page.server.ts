import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { joinFormOf, joinWaitlist } from '$lib/server/waitlist';
import { announceJoined } from '$lib/server/waitlist/messages';
import { check } from '$lib/validation';
import { WaitlistInput } from '$lib/validation/waitlist';
import { Slug } from '$lib/validation/schools';
import { contactKey } from '$lib/validation/fields';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { messageLinks } from '$lib/server/http/env';
import { honeypotFilled } from '$lib/server/spam';
import { addDays } from '$lib/server/scheduling/time';
import type { ProblemCode } from '$lib/domain/problems';
import type { Actions, PageServerLoad } from './$types';

/** How many days the form offers to wait at first (the parent may choose up to the horizon). */
const FIRST_WINDOW_DAYS = 14;

/** "Wait for a place": the form (optionally with one professional, `?staff=`). */
export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!v.is(Slug, params.slug)) error(404, 'school_not_found');
	const form = await joinFormOf(locals.db, params.slug, locals.now);
	if (!form) error(404, 'school_not_found');
	const asked = Number(url.searchParams.get('staff'));
	const proposedTo = addDays(form.first, FIRST_WINDOW_DAYS);
	return {
		...form,
		initial: {
			staffId: form.staff.some((p) => p.id === asked) ? String(asked) : '',
			from: form.first,
			to: proposedTo < form.last ? proposedTo : form.last
		}
	};
};

export const actions: Actions = {
	/** Put the parent on the list; on bad input the form again with the messages and their input. */
	join: async (event) => {
		const { request, params, locals } = event;
		const values = await formValues(request);
		const refuse = (status: number, code: ProblemCode) =>
			fail(status, { errors: {} as Record<string, string>, values, code });
		if (honeypotFilled(values)) return refuse(400, 'refused');
		if (await formRateLimited(event, 'booking', { client: requestClient(event) }))
			return refuse(429, 'rate_limited');
		const input = check(WaitlistInput, { ...values, language: params.lang });
		if (!input.ok)
			return fail(400, { errors: input.errors, values, code: null as ProblemCode | null });
		if (await formRateLimited(event, 'booking', { contact: contactKey(input.data) }))
			return refuse(429, 'rate_limited');
		const links = messageLinks(event);
		const result = await joinWaitlist(locals.db, params.slug, input.data, {
			now: locals.now,
			linkSecret: links.linkSecret
		});
		if (!result.ok) {
			if (result.code === 'school_not_found') error(404, 'school_not_found');
			return fail(400, { errors: result.fields, values, code: null as ProblemCode | null });
		}
		await announceJoined(locals.db, locals.mailer, result.id, links);
		redirect(303, `/${params.lang}/waitlist/${result.manageToken}?new=1`);
	}
};
