import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { findMeeting } from '$lib/server/meetings';
import { signUpForMeeting } from '$lib/server/meetings/commands';
import { formCtx, formOutcome } from '$lib/server/http/outcome';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { honeypotFilled } from '$lib/server/spam';
import { check } from '$lib/validation';
import { contactKey } from '$lib/validation/fields';
import { MeetingParams, SignupInput } from '$lib/validation/meetings';
import type { ProblemCode } from '$lib/domain/problems';
import type { Actions, PageServerLoad } from './$types';

/**
 * Step one asks who comes; step two the optional contact and consent, then signs up. A full
 * meeting offers its waiting list the same way (`waitlist` rides along; a contact is required).
 */
const StepOne = v.pick(SignupInput, ['firstName', 'people']);
const STEP_ONE_FIELDS = new Set(['firstName', 'people']);

type Values = Record<string, string>;
const answer = (
	step: 1 | 2,
	values: Values,
	errors: Values = {},
	code: ProblemCode | null = null
) => ({
	step,
	values,
	errors,
	code,
	remaining: null as number | null
});

/** A meeting's sign-up: the meeting, then two short steps, without an account. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const id = v.safeParse(MeetingParams, { id: params.id });
	const meeting = id.success ? await findMeeting(locals.db, id.output.id) : null;
	// A meeting for several schools is on each one's page: the way back is to this one.
	const school = meeting?.schools.find((s) => s.slug === params.slug);
	if (!meeting || !school || meeting.status !== 'planned') error(404, 'meeting_not_found');
	return { meeting, past: meeting.startsAt <= locals.now, school };
};

export const actions: Actions = {
	next: async ({ request }) => {
		const values = await formValues(request);
		const input = check(StepOne, values);
		if (!input.ok) return fail(400, answer(1, values, input.errors));
		return answer(2, values);
	},
	/** Back to step one, keeping what was typed. */
	back: async ({ request }) => answer(1, await formValues(request)),
	/** Not enough places: on to step two for the waiting list, keeping what was typed. */
	wait: async ({ request }) => {
		const values = { ...(await formValues(request)), waitlist: 'on' };
		const input = check(StepOne, values);
		if (!input.ok) return fail(400, answer(1, values, input.errors));
		return answer(2, values);
	},
	signup: async (event) => {
		const { request, params } = event;
		const values = await formValues(request);
		if (honeypotFilled(values)) return fail(400, answer(2, values, {}, 'refused'));
		if (await formRateLimited(event, 'meeting', { client: requestClient(event) })) {
			return fail(429, answer(2, values, {}, 'rate_limited'));
		}
		const input = check(SignupInput, { ...values, language: params.lang });
		if (!input.ok) {
			const first = Object.keys(input.errors).some((f) => STEP_ONE_FIELDS.has(f));
			return fail(400, answer(first ? 1 : 2, values, input.errors));
		}
		if (await formRateLimited(event, 'meeting', { contact: contactKey(input.data) })) {
			return fail(429, answer(2, values, {}, 'rate_limited'));
		}
		const id = v.parse(MeetingParams, { id: params.id }).id;
		const outcome = await signUpForMeeting(formCtx(event), id, input.data, {
			madeBy: 'parent',
			schoolSlug: params.slug
		});
		// A field (the waiting list's contact) is on step two; not enough places sends back to one.
		const step: 1 | 2 = !outcome.ok && outcome.problem.fields ? 2 : 1;
		const result = formOutcome(outcome, { step, values });
		if (!result.ok) return result.failure;
		redirect(303, `/${params.lang}/meeting/${result.value.manageToken}?new=1`);
	}
};
