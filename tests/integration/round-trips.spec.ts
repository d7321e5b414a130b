import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_BOOKING_TOKEN, DEMO_QUESTION_TOKEN } from '$lib/server/demo/seed';
import staffNl from '$lib/i18n/staff/nl.json';
import { loadSchedule } from '$lib/server/bookings/schedule';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { SAMIRA, TILBURG_ADMIN, cookie, db, get, pairedKiosk, signIn } from './helpers';
import { testNow } from './clock';

/** The D1 round trips a request through the built worker made (DB_STATS is on in the tests). */
async function tripsFor(
	path: string,
	headers: Record<string, string> = {},
	status = 200
): Promise<number> {
	// `no-cache`: past the shared cache of public pages, to the page itself.
	const res = await exports.default.fetch(
		new Request(`http://localhost${path}`, { headers: { 'cache-control': 'no-cache', ...headers } })
	);
	expect(res.status, path).toBe(status);
	const match = /d1;desc="(\d+) round trips?"/.exec(res.headers.get('server-timing') ?? '');
	expect(match, path).not.toBeNull();
	return Number(match![1]);
}

describe('D1 round trips per page load', () => {
	it('reads the school page in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester')).toBe(1);
	});

	it('reads nothing for the home page without a search, and once with one', async () => {
		expect(await tripsFor('/nl')).toBe(0);
		expect(await tripsFor('/nl?q=tilburg')).toBe(1);
	});

	it('reads each booking step in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester/book')).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/book?staff=1')).toBe(1);
	});

	it('reads the waiting-list form (the school, its people, its horizon) in one batch', async () => {
		expect(await tripsFor('/nl/de-zuidwester/waitlist')).toBe(1);
	});

	it('reads the ask page (the school and its Turnstile setting) in one query', async () => {
		expect(await tripsFor('/nl/de-zuidwester/ask')).toBe(1);
	});

	it('reads a booking with the times it can move to, and a question with its answers, at once', async () => {
		expect(await tripsFor(`/nl/booking/${DEMO_BOOKING_TOKEN}`)).toBe(1);
		expect(await tripsFor(`/nl/question/${DEMO_QUESTION_TOKEN}`)).toBe(1);
	});

	it('counts what the API reads for the same request', async () => {
		expect(await tripsFor('/api/v1/schools/de-zuidwester')).toBe(1);
	});

	it("reads the kiosk's home (the device, who is here today, the walk-in numbers) in one batch", async () => {
		const device = cookie(`kiosk:${await pairedKiosk(1)}`);
		expect(await tripsFor('/kiosk/nl', device)).toBe(1);
		const page = await exports.default.fetch(
			new Request('http://localhost/kiosk/nl', { headers: device })
		);
		expect(await page.text()).toContain('De Zuidwester');
		// Booking at the kiosk: the device and the school's slots in one batch too.
		expect(await tripsFor('/kiosk/nl/book', device)).toBe(1);
	});

	it("reads a professional's Today (the session, the layout's schools, the page) in one batch", async () => {
		const { token } = await signIn(SAMIRA);
		// A day with walk-in hours of hers, from the scheduling engine itself.
		const from = amsterdamDate(testNow());
		const schedule = await loadSchedule(db(), 'de-zuidwester', { from, to: addDays(from, 27) });
		const walkIn = schedule!.slots.find((s) => s.walkIn && s.staffId === SAMIRA.staffId);
		expect(walkIn).toBeDefined();
		const path = `/staff/today?date=${walkIn!.date}`;
		expect(await tripsFor(path, cookie(token))).toBe(1);
		const html = await (await get(path, token)).text();
		const heading = walkIn!.date === from ? staffNl.today.walkIn : staffNl.today.walkInOn;
		expect(html).toContain(`<h2 id="walkin-title">${heading}</h2>`);
		expect(html).toContain('De Zuidwester');
	});

	it('reads every workspace page with the session in one batch', async () => {
		const { token } = await signIn(SAMIRA);
		for (const page of [
			'/staff/week',
			'/staff/bookings',
			'/staff/questions?status=new',
			'/staff/queue',
			'/staff/waitlist',
			'/staff/bookings/1',
			'/staff/bookings/new',
			'/staff/bookings/new?school=de-zuidwester',
			'/staff/questions/1',
			'/staff/hours',
			'/staff/calendar',
			'/staff/account',
			'/staff/profile',
			'/staff/meetings',
			'/staff/meetings/new',
			'/staff/meetings/1'
		]) {
			expect(await tripsFor(page, cookie(token)), page).toBe(1);
		}
		const admin = await signIn(TILBURG_ADMIN);
		for (const page of [
			'/staff/today',
			'/staff/queue',
			'/staff/hours?staff=1',
			'/staff/bookings/new',
			'/staff/admin/organisation',
			'/staff/admin/schools/1',
			'/staff/admin/people',
			'/staff/admin/holidays',
			'/staff/admin/kiosks',
			'/staff/admin/audit',
			'/staff/admin/privacy',
			'/staff/meetings'
		]) {
			expect(await tripsFor(page, cookie(admin.token)), page).toBe(1);
		}
		// A link from an e-mail (an invitation, a new password) reads its own token, not the session;
		// an unknown one is "not found".
		for (const page of [
			'/staff/invite/no-such-token',
			'/staff/setup/no-such-token',
			'/staff/reset/no-such-token'
		]) {
			expect(await tripsFor(page, cookie(token), 404), page).toBe(1);
		}
		// Not signed in: one look at the session, then the way to the sign-in page.
		const res = await get('/staff/calendar', 'no-such-session');
		expect(res.status).toBe(303);
		expect(res.headers.get('server-timing')).toBe('d1;desc="1 round trip"');
	});

	it("reads the walk-in pages (the kiosk's \"I'm here\", the phone's with a number) in one batch", async () => {
		const device = cookie(`kiosk:${await pairedKiosk(1)}`);
		expect(await tripsFor('/kiosk/nl/here', device)).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/walkin')).toBe(1);
		expect(await tripsFor('/nl/de-zuidwester/walkin?staff=1&ticket=1')).toBe(1);
	});
});
