/**
 * The two walk-in forms ("give me a number", "I have an appointment") as the kiosk and the phone
 * page both handle them: rate limit, validation, the service, and a refusal that keeps what was
 * typed. The pages only decide what a ticket looks like afterwards.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import { formValues } from '../http/forms.ts';
import { formRateLimited } from '../http/limits.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { check } from '../../validation/index.ts';
import { CheckInInput, WalkInInput } from '../../validation/walkin.ts';
import type { Language } from '../../i18n/languages.ts';
import { checkIn, nextWalkIn, schoolToday, takeTicket } from './index.ts';

/** Today's open walk-in hours of a school and, when none runs, the next one: what both pages show. */
export async function walkInChoices(db: Db, slug: string, now: number) {
	const today = await schoolToday(db, slug, now);
	if (!today) return null;
	const open = today.queues.filter((q) => q.open);
	const next = open.length ? null : await nextWalkIn(db, slug, now);
	return {
		school: { slug: today.school.slug, name: today.school.name },
		open: open.map((q) => ({
			staffId: q.staffId,
			name: q.name,
			location: q.location,
			end: toAmsterdamIso(q.endsAt),
			waiting: q.waiting,
			nowCalling: q.nowCalling
		})),
		next: next && { name: next.name, location: next.location, start: toAmsterdamIso(next.startsAt) }
	};
}

/** A number or a check-in from a walk-in form; a refusal is the form's answer, with what was typed. */
export async function walkInForm(
	event: Pick<RequestEvent, 'request' | 'platform' | 'setHeaders'> & { locals: { db: Db } },
	kind: 'take' | 'checkin',
	where: { slug: string; language: Language; madeBy: 'parent' | 'kiosk'; client: string }
) {
	const values = await formValues(event.request);
	const refuse = (status: number, code: string | null, extra: { start?: string } = {}) =>
		fail(status, {
			code,
			start: extra.start ?? null,
			values,
			errors: {} as Record<string, string>
		});
	if (await formRateLimited(event, 'checkin', { client: where.client }))
		return refuse(429, 'rate_limited');
	const options = { now: Date.now(), madeBy: where.madeBy };
	let result;
	if (kind === 'take') {
		const input = check(WalkInInput, { ...values, language: where.language });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		result = await takeTicket(event.locals.db, where.slug, input.data, options);
	} else {
		const input = check(CheckInInput, { ...values, language: where.language });
		if (!input.ok) return fail(400, { code: null, start: null, values, errors: input.errors });
		result = await checkIn(event.locals.db, where.slug, input.data.reference, options);
	}
	if (result.ok) return result;
	return refuse(result.code === 'not_found' ? 404 : 409, result.code, {
		start: 'startsAt' in result ? toAmsterdamIso(result.startsAt) : undefined
	});
}
