import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { bookingWindow } from '$lib/server/bookings';
import { book } from '$lib/server/bookings/commands';
import { bookingSteps, loadScheduleWith } from '$lib/server/bookings/schedule';
import { check } from '$lib/validation';
import { BookingInput, DRAFT_FIELDS } from '$lib/validation/bookings';
import { Slug } from '$lib/validation/schools';
import { formValues } from '$lib/server/http/forms';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import {
	TURNSTILE_FIELD,
	honeypotFilled,
	turnstileQuery,
	turnstileWidget,
	verifyTurnstile
} from '$lib/server/spam';
import { contactKey } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

const DRAFT_COOKIE = 'inloop_booking_draft';
type Draft = Partial<Record<(typeof DRAFT_FIELDS)[number], string>>;

/**
 * The booking steps live in the URL (?staff=…&day=…&start=…), so each works without JavaScript
 * and Back goes one step back. What the parent typed is kept in a short-lived cookie when they go
 * back to pick another time.
 */
export const load: PageServerLoad = async ({
	params,
	url,
	locals,
	cookies,
	setHeaders,
	platform
}) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!v.is(Slug, params.slug)) error(404, 'school_not_found');
	const now = locals.now;
	// The slots and whether the organisation uses Turnstile, in one D1 batch.
	const { schedule, extra } = await loadScheduleWith(
		locals.db,
		params.slug,
		{ ...bookingWindow(now, 42), now },
		[turnstileQuery(locals.db, params.slug)]
	);
	const turnstile = extra[0][0]?.enabled ?? false;
	if (!schedule) error(404, 'school_not_found');
	// The hook widens this page's CSP for Turnstile's script and frame (hooks.server.ts).
	locals.turnstile = turnstile;

	let draft: Draft = {};
	try {
		draft = JSON.parse(cookies.get(DRAFT_COOKIE) ?? '{}');
	} catch {
		// A broken cookie is no draft.
	}
	return {
		school: { slug: schedule.school.slug, name: schedule.school.name },
		...bookingSteps(schedule, url.searchParams),
		draft,
		turnstile: turnstile ? turnstileWidget(platform?.env) : null
	};
};

export const actions: Actions = {
	/** Make the booking; on bad input show the form again with the messages and what was typed. */
	book: async (event) => {
		const { request, params, cookies, platform } = event;
		const values = await formValues(request);
		const refuse = (code: 'refused' | 'rate_limited' | 'turnstile_failed') =>
			formRefusal(code, { values });
		// Filled by a script, never by a person: refused, nothing stored.
		if (honeypotFilled(values)) return refuse('refused');
		if (await formRateLimited(event, 'booking', { client: requestClient(event) }))
			return refuse('rate_limited');
		const input = check(BookingInput, { ...values, language: params.lang });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		if (await formRateLimited(event, 'booking', { contact: contactKey(input.data) }))
			return refuse('rate_limited');
		// The Turnstile answer is checked here; whether the school asks for it is read in the
		// booking's own batch, which writes nothing without it (one D1 round trip in all).
		const answer = values[TURNSTILE_FIELD];
		const turnstilePassed =
			Boolean(answer) && (await verifyTurnstile(platform?.env, answer, requestClient(event)));
		const booked = await book(
			formCtx(event),
			params.slug,
			input.data,
			{ madeBy: 'parent' },
			{ turnstilePassed }
		);
		if (!booked.ok) return formFailure(booked.problem, { values });
		cookies.delete(DRAFT_COOKIE, { path: '/' });
		redirect(303, `/${params.lang}/booking/${booked.value.manageToken}?new=1`);
	},

	/** Go back to pick another day or time, keeping what was typed. */
	change: async ({ request, params, cookies }) => {
		const values = await formValues(request);
		const draft = Object.fromEntries(DRAFT_FIELDS.map((k) => [k, values[k] ?? '']));
		cookies.set(DRAFT_COOKIE, JSON.stringify(draft), {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			maxAge: 30 * 60
		});
		const query = new URLSearchParams({ staff: values.staffId ?? '' });
		if (values.target === 'time' && values.day) query.set('day', values.day);
		redirect(303, `/${params.lang}/${params.slug}/book?${query}`);
	}
};
