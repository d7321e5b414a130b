import { error, fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { bookSlot, bookingWindow, loadSchedule, slotView } from '$lib/server/bookings';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { KioskBookingInput } from '$lib/validation/walkin';
import type { Actions, PageServerLoad } from './$types';

/** How far ahead the kiosk offers days: two weeks is what fits a parent's glance. */
const KIOSK_DAYS = 14;

/**
 * Booking at the kiosk: the same slots and rules as on the phone, in steps kept in the URL
 * (?staff=…&day=…&start=…). No phone number or e-mail needed: the QR code on the last screen
 * takes the booking along.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const kiosk = locals.kiosk;
	if (!kiosk) error(404, 'not_found');
	const now = Date.now();
	const schedule = await loadSchedule(locals.db, kiosk.slug, {
		...bookingWindow(now, KIOSK_DAYS),
		now
	});
	if (!schedule) error(404, 'school_not_found');
	const staff = schedule.staff.filter((p) => schedule.slots.some((s) => s.staffId === p.id));
	const asked = Number(url.searchParams.get('staff'));
	const person = staff.find((p) => p.id === asked) ?? (staff.length === 1 ? staff[0] : undefined);
	const free = schedule.slots.filter((s) => s.remaining > 0 && s.staffId === person?.id);
	const days = [...new Set(free.map((s) => s.date))].map((date) => ({
		date,
		count: free.filter((s) => s.date === date).length
	}));
	const day = days.find((d) => d.date === url.searchParams.get('day'))?.date ?? null;
	const times = day ? free.filter((s) => s.date === day).map(slotView) : [];
	const start = url.searchParams.get('start');
	const chosen = times.find((s) => s.start === start) ?? null;
	return {
		staff: staff.map((p) => ({ id: p.id, name: p.name, role: p.role, photoUrl: p.photoUrl })),
		person: person ? { id: person.id, name: person.name, role: person.role } : null,
		days,
		day,
		times,
		chosen,
		startGone: Boolean(start && !chosen),
		step: (!person ? 'who' : !day ? 'day' : !chosen ? 'time' : 'details') as
			'who' | 'day' | 'time' | 'details'
	};
};

export const actions: Actions = {
	book: async ({ request, locals, params, url }) => {
		const kiosk = locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		const values = await formValues(request);
		const input = check(KioskBookingInput, { ...values, language: params.lang });
		if (!input.ok) {
			return fail(400, { errors: input.errors, values, code: null, alternatives: [] });
		}
		const result = await bookSlot(locals.db, kiosk.slug, input.data, {
			now: Date.now(),
			madeBy: 'kiosk'
		});
		if (!result.ok) {
			if (result.code === 'school_not_found') error(404, 'school_not_found');
			return fail(409, {
				errors: {} as Record<string, string>,
				values,
				code: result.code,
				alternatives: 'alternatives' in result ? result.alternatives.map(slotView) : []
			});
		}
		const link = `${url.origin}/${params.lang}/booking/${result.manageToken}`;
		return {
			done: {
				reference: result.reference,
				start: toAmsterdamIso(result.startsAt),
				end: toAmsterdamIso(result.endsAt)
			},
			qr: renderSVG(link, { border: 1 })
		};
	}
};
