/**
 * The suggestion form's action, shared by the school's page and the kiosk: the same checks (a
 * script's honeypot, the rate limit, the schema) and the same answers.
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { formValues } from '../http/forms.ts';
import { formRateLimited, requestClient } from '../http/limits.ts';
import { honeypotFilled } from '../spam/index.ts';
import { check } from '../../validation/index.ts';
import { SuggestionInput } from '../../validation/meetings.ts';
import type { Language } from '../../i18n/languages.ts';
import type { MadeBy } from '../../domain/lists.ts';
import type { ProblemCode } from '../../domain/problems.ts';
import { suggestTheme } from './index.ts';

export async function suggestAction(
	event: RequestEvent,
	where: { slug: string; lang: Language; madeBy: MadeBy; device?: number }
) {
	const values = await formValues(event.request);
	const refuse = (status: number, code: ProblemCode) =>
		fail(status, { errors: {} as Record<string, string>, values, code });
	if (honeypotFilled(values)) return refuse(400, 'refused');
	const who = where.device ? { device: where.device } : { client: requestClient(event) };
	if (await formRateLimited(event, 'meeting', who)) return refuse(429, 'rate_limited');
	const input = check(SuggestionInput, { ...values, language: where.lang });
	if (!input.ok)
		return fail(400, { errors: input.errors, values, code: null as ProblemCode | null });
	const stored = await suggestTheme(event.locals.db, where.slug, input.data, {
		now: event.locals.now,
		madeBy: where.madeBy
	});
	if (!stored) error(404, 'school_not_found');
	return { done: true as const };
}
