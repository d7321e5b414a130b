import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import {
	addBlock,
	addException,
	clashesWithOwnHours,
	endBlock,
	preview,
	removeException,
	strandedBy
} from '$lib/server/hours';
import { cancelByStaff } from '$lib/server/bookings/staff';
import { sendCancellation } from '$lib/server/bookings/messages';
import { check } from '$lib/validation';
import { BlockForm, ExceptionForm } from '$lib/validation/hours';
import { formValues } from '$lib/server/http/forms';
import type { AvailabilityException, WeeklyBlock } from '$lib/server/scheduling/types';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { passOnPlaces } from '$lib/server/waitlist/messages';
import { messageLinks } from '$lib/server/http/env';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(locals: App.Locals, url: URL) {
	const user = requireUser(locals);
	const now = locals.now;
	const { person, hours } = await pageData(locals, user, reader, url, now);
	if (!person) error(404, 'not_found');
	return { user, person, now, hours };
}

/** My hours: weekly blocks, exceptions, and the slots they give in the next four weeks. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { person, hours } = await context(locals, url);
	const slots = preview(hours);
	const days = [...new Set(slots.map((s) => s.date))].map((date) => ({
		date,
		slots: slots
			.filter((s) => s.date === date)
			.map((s) => ({
				start: s.start,
				end: s.end,
				bookable: s.bookable,
				walkIn: s.walkIn,
				schoolId: s.schoolId
			}))
	}));
	return { person, ...hours, days };
};

/**
 * Checks a change against the coming bookings. With stranded bookings and no decision yet, the
 * form comes back with the list; 'cancel' cancels them and tells the parents, 'keep' keeps them.
 */
async function guard(
	locals: App.Locals,
	ctx: Awaited<ReturnType<typeof context>>,
	proposed: { blocks: WeeklyBlock[]; exceptions: AvailabilityException[] },
	values: Record<string, string>,
	origin: string
) {
	const stranded = await strandedBy(
		locals.db,
		ctx.person.id,
		{ ...proposed, closures: ctx.hours.closures },
		ctx.now
	);
	if (stranded.length && values.strand !== 'cancel' && values.strand !== 'keep') {
		return fail(409, { stranded, values });
	}
	if (stranded.length && values.strand === 'cancel') {
		const reason = values.reason?.trim() || '—';
		const cancelled = await cancelByStaff(
			locals.db,
			ctx.user,
			stranded.map((b) => b.id),
			reason.slice(0, 300),
			ctx.now,
			'cancelled (hours changed)'
		);
		for (const booking of cancelled)
			await sendCancellation(locals.db, locals.mailer, booking, origin);
	}
	return null;
}

/**
 * New hours (a block, an extra or changed hour, a day off taken back) may free places: each of
 * the person's schools offers them to the parents waiting there for this person or anyone.
 */
async function offerNewHours(event: RequestEvent, ctx: Awaited<ReturnType<typeof context>>) {
	for (const school of ctx.hours.schools) {
		await passOnPlaces(
			event.locals.db,
			event.locals.mailer,
			{ schoolId: school.id, staffId: ctx.person.id },
			ctx.now,
			messageLinks(event)
		);
	}
}

export const actions = {
	addBlock: async (event) => {
		const { locals, url, request } = event;
		const ctx = await context(locals, url);
		const values = await formValues(request);
		const input = check(BlockForm, values);
		if (!input.ok) return fail(400, { form: 'block', errors: input.errors, values });
		const d = input.data;
		if (
			!ctx.hours.schools.some((s) => s.id === d.schoolId) ||
			!ctx.hours.places.some((p) => p.id === d.locationId)
		) {
			return fail(400, { form: 'block', errors: { schoolId: 'invalid' }, values });
		}
		await addBlock(locals.db, ctx.person.id, {
			schoolId: d.schoolId,
			locationId: d.locationId,
			weekday: d.weekday,
			startTime: d.startTime,
			endTime: d.endTime,
			slotMinutes: d.slotMinutes,
			capacity: d.capacity,
			bufferMinutes: d.bufferMinutes,
			minNoticeMinutes: d.minNoticeHours * 60,
			horizonDays: d.horizonDays,
			bookable: d.kind !== 'walkIn',
			walkIn: d.kind !== 'bookable',
			validFrom: d.validFrom
		});
		await offerNewHours(event, ctx);
		return { saved: 'blockAdded' as const };
	},
	endBlock: async ({ locals, url, request }) => {
		const ctx = await context(locals, url);
		const values = await formValues(request);
		const id = Number(values.blockId);
		if (!ctx.hours.blocks.some((b) => b.id === id)) error(404, 'not_found');
		const refused = await guard(
			locals,
			ctx,
			{ blocks: ctx.hours.blocks.filter((b) => b.id !== id), exceptions: ctx.hours.exceptions },
			values,
			url.origin
		);
		if (refused) return refused;
		await endBlock(locals.db, ctx.person.id, id, ctx.hours.today);
		return { saved: 'blockEnded' as const };
	},
	addException: async (event) => {
		const { locals, url, request } = event;
		const ctx = await context(locals, url);
		const values = await formValues(request);
		const input = check(ExceptionForm, values);
		if (!input.ok) return fail(400, { form: 'exception', errors: input.errors, values });
		const d = input.data;
		const block = ctx.hours.blocks.find((b) => b.id === d.blockId);
		const exception = {
			kind: d.kind,
			date: d.date,
			blockId: d.kind === 'extra' ? null : (block?.id ?? null),
			schoolId: d.kind === 'extra' ? (d.schoolId ?? null) : (block?.schoolId ?? null),
			locationId: d.kind === 'extra' ? (d.locationId ?? null) : null,
			startTime: d.kind === 'off' ? null : (d.startTime ?? null),
			endTime: d.kind === 'off' ? null : (d.endTime ?? null),
			slotMinutes: null,
			capacity: null,
			// An extra hour may be a walk-in hour: no appointments, parents just come.
			bookable: d.kind === 'extra' ? d.extraKind !== 'walkIn' : null,
			walkIn: d.kind === 'extra' ? d.extraKind !== 'bookable' : null
		};
		if (d.kind === 'extra' && !ctx.hours.schools.some((s) => s.id === exception.schoolId)) {
			return fail(400, { form: 'exception', errors: { locationId: 'invalid' }, values });
		}
		const proposed = { ...exception, id: -1, staffId: ctx.person.id };
		if (d.kind === 'extra' && clashesWithOwnHours(ctx.hours, proposed)) {
			return fail(400, { form: 'exception', errors: { startTime: 'overlap' }, values });
		}
		const refused = await guard(
			locals,
			ctx,
			{
				blocks: ctx.hours.blocks,
				exceptions: [...ctx.hours.exceptions, proposed]
			},
			values,
			url.origin
		);
		if (refused) return refused;
		await addException(locals.db, ctx.person.id, exception);
		if (d.kind !== 'off') await offerNewHours(event, ctx);
		return { saved: 'exceptionAdded' as const };
	},
	removeException: async (event) => {
		const { locals, url, request } = event;
		const ctx = await context(locals, url);
		const id = Number((await formValues(request)).exceptionId);
		if (!(await removeException(locals.db, ctx.person.id, id))) error(404, 'not_found');
		await offerNewHours(event, ctx);
		return { saved: 'exceptionRemoved' as const };
	}
} satisfies Actions;
