/**
 * The one adapter from a command's answer to the API's: a problem becomes the API's error shape
 * `{ error: { code, message, fields, alternatives? } }` with its status, the message in the
 * caller's language.
 */
import type { Context } from 'hono';
import { translator } from '../../i18n/resources.ts';
import { PROBLEMS, type Ctx, type Outcome, type Problem } from '../outcome.ts';
import { notifierOf, type ApiEnv } from './context.ts';
import { linksOf, passOnPlaces } from '../waitlist/messages.ts';
import { reply, RESPONSES } from './schemas.ts';

export function apiProblem(c: Context, problem: Problem) {
	const t = translator(c.get('lang') ?? 'nl');
	const error = {
		code: problem.code,
		message: t(PROBLEMS[problem.code].key),
		fields: problem.fields ?? {},
		...(problem.alternatives && { alternatives: problem.alternatives }),
		...(problem.start && { start: problem.start }),
		...(problem.remaining !== undefined && { remaining: problem.remaining })
	};
	return reply(c, RESPONSES.Error, { error }, problem.status);
}

/** The command's value answered by `ok`, or its problem in the error shape. */
export function apiAnswer<T>(c: Context, outcome: Outcome<T>, ok: (value: T) => Response) {
	return outcome.ok ? ok(outcome.value) : apiProblem(c, outcome.problem);
}

/** What a command needs from an API request. */
export function apiCtx(c: Context<ApiEnv>): Ctx {
	const notifier = notifierOf(c);
	const ctx: Ctx = {
		db: c.var.db,
		mailer: notifier.mailer,
		now: c.var.now,
		origin: notifier.origin,
		notifier,
		passOn: (freed) => passOnPlaces(ctx, freed, linksOf(notifier)),
		later: laterOf(c)
	};
	return ctx;
}

/**
 * Where work for after the answer goes: the request's queue, which the page hooks start once the
 * answer is made (src/routes/api/[...path]/+server.ts hands it over with the execution context).
 * None when the app is called without it (tests that call the API directly): done at once.
 */
function laterOf(c: Context): Ctx['later'] {
	try {
		return (c.executionCtx as ExecutionContext & { later?: Ctx['later'] }).later;
	} catch {
		return undefined;
	}
}
