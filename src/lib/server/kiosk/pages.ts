/**
 * The kiosk's pages that read their school, each in one D1 round trip with the device
 * (`readKioskPage`): the hook finds the reader by the page's route on a GET; after a form the
 * page reads again itself (`kioskPageData`).
 */
import type { Cookies } from '@sveltejs/kit';
import { KIOSK_COOKIE } from '../auth/cookie.ts';
import { loadScheduleWith } from '../bookings/schedule.ts';
import { schoolTodayWith } from '../walkin/index.ts';
import { walkInChoicesWith } from '../walkin/forms.ts';
import { kioskWindow, readKioskPage, type KioskPageReader } from './index.ts';

/** The home, the page a kiosk shows all day: who is here today, the walk-in numbers. */
export const kioskHomePage = (async (db, school, now, device) => {
	const { today, extra } = await schoolTodayWith(db, school, now, device);
	return { data: { now, today }, device: extra };
}) satisfies KioskPageReader<unknown>;

/** Booking: the school's slots from now to two weeks ahead. */
export const kioskBookPage = (async (db, school, now, device) => {
	const { schedule, extra } = await loadScheduleWith(db, school, kioskWindow(now), device);
	return { data: schedule, device: extra };
}) satisfies KioskPageReader<unknown>;

/** "I'm here": the walk-in hours running now, or the next one. */
export const kioskHerePage = (async (db, school, now, device) => {
	const { choices, extra } = await walkInChoicesWith(db, school, now, device);
	return { data: choices, device: extra };
}) satisfies KioskPageReader<unknown>;

export const KIOSK_PAGE_READERS = new Map<string, KioskPageReader<unknown>>([
	['/kiosk/[lang=lang]', kioskHomePage],
	['/kiosk/[lang=lang]/book', kioskBookPage],
	['/kiosk/[lang=lang]/here', kioskHerePage]
]);

/** The page's data: as the hook read it with the device, or else (after a form) read now. */
export async function kioskPageData<T>(
	locals: App.Locals,
	cookies: Cookies,
	reader: KioskPageReader<T>
): Promise<T | null> {
	if (locals.kioskPage?.reader === reader) return locals.kioskPage.data as T;
	const read = await readKioskPage(locals.db, cookies.get(KIOSK_COOKIE), locals.now, reader);
	return read.page?.data ?? null;
}
