import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { preview } from '$lib/server/hours';
import type { Hours } from '$lib/server/hours';
import { changeHours, type HoursChange } from '$lib/server/hours/commands';
import { formCtx, formFailure } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { check } from '$lib/validation';
import { BlockForm, ExceptionForm } from '$lib/validation/hours';
import { formValues } from '$lib/server/http/forms';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
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
 * One change of hours through the command; refused, the form comes back with what was typed (and,
 * for bookings the change leaves without a time, their list to cancel or keep).
 */
async function change(
	event: RequestEvent,
	form: 'block' | 'exception' | null,
	values: Record<string, string>,
	/** The change, or how to make it from the hours as they are. */
	hoursChange: HoursChange | ((hours: Hours) => HoursChange)
) {
	const ctx = await context(event.locals, event.url);
	const made = typeof hoursChange === 'function' ? hoursChange(ctx.hours) : hoursChange;
	const changed = await changeHours(formCtx(event), ctx.user, ctx.person, ctx.hours, made, {
		strand: values.strand,
		reason: values.reason
	});
	// New hours that free places pass them on to the waiting list (the command does).
	if (changed.ok) return null;
	const { stranded = null } = changed.problem;
	return formFailure(changed.problem, { form, values, stranded });
}

export const actions = {
	addBlock: async (event) => {
		const values = await formValues(event.request);
		const input = check(BlockForm, values);
		if (!input.ok) return formFailure(invalid(input.errors).problem, { form: 'block', values });
		const d = input.data;
		const refused = await change(event, 'block', values, {
			kind: 'addBlock',
			block: {
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
			}
		});
		return refused ?? { saved: 'blockAdded' as const };
	},
	endBlock: async (event) => {
		const values = await formValues(event.request);
		const blockId = Number(values.blockId);
		const refused = await change(event, null, values, { kind: 'endBlock', blockId });
		return refused ?? { saved: 'blockEnded' as const };
	},
	addException: async (event) => {
		const values = await formValues(event.request);
		const input = check(ExceptionForm, values);
		if (!input.ok) return formFailure(invalid(input.errors).problem, { form: 'exception', values });
		const d = input.data;
		const refused = await change(event, 'exception', values, (hours) => {
			const block = hours.blocks.find((b) => b.id === d.blockId);
			return {
				kind: 'addException',
				exception: {
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
				}
			};
		});
		return refused ?? { saved: 'exceptionAdded' as const };
	},
	removeException: async (event) => {
		const values = await formValues(event.request);
		const exceptionId = Number(values.exceptionId);
		const refused = await change(event, null, values, { kind: 'removeException', exceptionId });
		return refused ?? { saved: 'exceptionRemoved' as const };
	}
} satisfies Actions;
