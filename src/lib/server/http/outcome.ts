/**
 * The one adapter from a command's answer to a SvelteKit form action's: a problem becomes
 * `fail(status, { code, errors, alternatives, …what the page shows again })`, or the 404 page for
 * a record that is not there. Pages read `form.code` (a whole-form refusal, `errors.<code>`) or
 * `form.errors` (field by field, `fields.<code>`): a problem with fields has no code of its own.
 */
import { error, fail } from '@sveltejs/kit';
import { refused, type Ctx, type Outcome, type Problem, type ProblemCode } from '../outcome.ts';
import type { FieldErrors } from '../../validation/index.ts';
import { linksOf, passOnPlaces } from '../waitlist/messages.ts';

export function formFailure<D extends Record<string, unknown>>(
	problem: Problem,
	data: D,
	/** A form whose input names the record (a reference typed in) says "not found" by the form. */
	options: { notFoundPage: boolean } = { notFoundPage: true }
) {
	if (problem.status === 404 && options.notFoundPage) error(404, problem.code);
	return fail(problem.status, {
		code: problem.fields ? null : problem.code,
		errors: (problem.fields ?? {}) as FieldErrors,
		alternatives: problem.alternatives ?? [],
		start: problem.start ?? null,
		...(problem.remaining !== undefined && { remaining: problem.remaining }),
		...data
	});
}

/** A refusal at the door (rate limit, spam check) in the same shape. */
export const formRefusal = <D extends Record<string, unknown>>(code: ProblemCode, data: D) =>
	formFailure(refused(code).problem, data);

/** The command's value, or the failure to return: `if (!r.ok) return r.failure`. */
export function formOutcome<T, D extends Record<string, unknown>>(outcome: Outcome<T>, data: D) {
	return outcome.ok
		? { ok: true as const, value: outcome.value }
		: { ok: false as const, failure: formFailure(outcome.problem, data) };
}

/**
 * What a command needs from a form action's request: its db, clock and channels, the waiting list
 * to pass freed places on to, and the request's `waitUntil` for messages after the answer.
 */
export function formCtx({
	locals,
	url,
	platform
}: {
	locals: App.Locals;
	url: URL;
	platform?: App.Platform;
}): Ctx {
	const ctx: Ctx = {
		db: locals.db,
		mailer: locals.mailer,
		now: locals.now,
		origin: url.origin,
		// Made when first asked for (it needs LINK_SECRET), as in the hooks.
		get notifier() {
			return locals.notifier;
		},
		passOn: (freed) => passOnPlaces(ctx, freed, linksOf(ctx.notifier)),
		later: platform?.ctx ? (work) => locals.afterAnswer.push(work) : undefined
	};
	return ctx;
}
