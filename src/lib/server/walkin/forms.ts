/**
 * The two walk-in forms ("give me a number", "I have an appointment") as the kiosk and the phone
 * page both handle them: rate limit, validation, the service, and a refusal that keeps what was
 * typed. The pages only decide what a ticket looks like afterwards.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { SQLWrapper } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/index.ts';
import { formValues } from '../http/forms.ts';
import { formRateLimited } from '../http/limits.ts';
import { formFailure, formRefusal } from '../http/outcome.ts';
import { invalid } from '../outcome.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { check } from '../../validation/index.ts';
import { CheckInInput, WalkInInput } from '../../validation/walkin.ts';
import type { Language } from '../../i18n/languages.ts';
import { schoolTodayWith } from './index.ts';
import { checkInBooking, takeNumber } from './commands.ts';

/** Today's open walk-in hours of a school and, when none runs, the next one: what both pages show. */
export async function walkInChoices(db: Db, slug: string, now: number) {
	return (await walkInChoicesWith(db, slug, now, [])).choices;
}

/** How far ahead the pages look for the next walk-in hour when none runs now. */
const NEXT_WALK_IN_DAYS = 14;

/**
 * The same, with more queries of the caller's in the same D1 batch (the kiosk's device, the
 * parent's ticket): one round trip for the page. `which` school: its slug or an id subquery.
 */
export async function walkInChoicesWith<const E extends readonly BatchItem<'sqlite'>[]>(
	db: Db,
	which: string | SQLWrapper,
	now: number,
	extra: E
) {
	const {
		today,
		next,
		extra: rows
	} = await schoolTodayWith(db, which, now, extra, NEXT_WALK_IN_DAYS);
	if (!today) return { choices: null, extra: rows };
	const open = today.queues.filter((q) => q.open);
	const upcoming = open.length ? null : next;
	const choices = {
		school: { slug: today.school.slug, name: today.school.name },
		open: open.map((q) => ({
			staffId: q.staffId,
			name: q.name,
			location: q.location,
			end: toAmsterdamIso(q.endsAt),
			waiting: q.waiting,
			nowCalling: q.nowCalling
		})),
		next: upcoming && {
			name: upcoming.name,
			location: upcoming.location,
			start: toAmsterdamIso(upcoming.startsAt)
		}
	};
	return { choices, extra: rows };
}

/** A number or a check-in from a walk-in form; a refusal is the form's answer, with what was typed. */
export async function walkInForm(
	event: Pick<RequestEvent, 'request' | 'platform' | 'setHeaders'> & {
		locals: { db: Db; now: number };
	},
	kind: 'take' | 'checkin',
	where: { slug: string; language: Language; madeBy: 'parent' | 'kiosk'; client: string }
) {
	const values = await formValues(event.request);
	if (await formRateLimited(event, 'checkin', { client: where.client }))
		return formRefusal('rate_limited', { values });
	let result;
	if (kind === 'take') {
		const input = check(WalkInInput, { ...values, language: where.language });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		result = await takeNumber(event.locals, where.slug, input.data, where.madeBy);
	} else {
		const input = check(CheckInInput, { ...values, language: where.language });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		result = await checkInBooking(event.locals, where.slug, input.data.reference, where.madeBy);
	}
	if (result.ok) return { ok: true as const, ...result.value };
	// A reference that is not there is said by the form, not a page of its own.
	return formFailure(result.problem, { values }, { notFoundPage: false });
}
