/**
 * Where a booking step is, on the phone (/{lang}/{school}/book) and on the kiosk
 * (/kiosk/{lang}/book): who (nothing chosen), the day (a professional), the time (a day), the
 * details (a start). A refused form's action keeps the same query, so the step shows again.
 */
export function stepHref(
	base: string,
	step: { staff?: number | string; day?: string | null; start?: string }
): string {
	const query = new URLSearchParams();
	if (step.staff !== undefined) query.set('staff', String(step.staff));
	if (step.day) query.set('day', step.day);
	if (step.start) query.set('start', step.start);
	const search = query.toString();
	return search ? `${base}?${search}` : base;
}

/** The details step of a free time: its professional, its day and its start. */
export const slotHref = (base: string, slot: { staffId: number; start: string }) =>
	stepHref(base, { staff: slot.staffId, day: slot.start.slice(0, 10), start: slot.start });
