/**
 * The kiosk cannot be used to fill the agenda (issue 15, point 6): booking and asking are
 * rate-limited per device, and bookings without a phone number or e-mail address have a daily cap
 * per device (per school, 20 by default, set by the coordinator). A refused booking gets a clear,
 * translated message. Through the whole built worker.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import nl from '$lib/i18n/locales/nl.json';
import ar from '$lib/i18n/locales/ar.json';
import { LIMITS } from '$lib/server/ratelimit';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { TILBURG_ADMIN, pairedKiosk, postForm, sessionOf } from './helpers';
import { testNow } from './clock';

const SCALE = Number(env.RATE_LIMIT_SCALE);

const kioskPost = (token: string, path: string, fields: Record<string, string>) =>
	postForm(path, new URLSearchParams(fields), `kiosk:${token}`);

async function freeSlots() {
	const today = amsterdamDate(testNow());
	const res = await exports.default.fetch(
		new Request(
			`http://localhost/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 28)}`
		)
	);
	return (await res.json()) as { staffId: number; start: string }[];
}

const decoded = (html: string) =>
	html.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"');

describe('the kiosk under a flood', () => {
	it('limits booking and asking per device, not for the other kiosks', async () => {
		const [busy, other] = [await pairedKiosk(1), await pairedKiosk(1)];
		for (const [path, kind, fields] of [
			['/kiosk/nl/book?/book', 'booking', { firstName: 'Flood' }],
			['/kiosk/nl/ask', 'question', { text: 'Flood' }]
		] as const) {
			const limit = LIMITS[kind].limit * SCALE;
			// Incomplete forms, so nothing is stored: every attempt counts all the same.
			for (let i = 0; i < limit; i++) {
				const res = await kioskPost(busy, path, fields);
				expect(res.status, `${path} attempt ${i + 1}`).toBe(400);
			}
			const refused = await kioskPost(busy, path, fields);
			expect(refused.status, path).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(decoded(await refused.text())).toContain(nl.errors.rate_limited);
			// Another tablet in the same hall is not held up.
			expect((await kioskPost(other, path, fields)).status, path).toBe(400);
		}
	}, 60_000);

	it('caps bookings without contact details per device and day, with a translated message', async () => {
		await env.DB.prepare(`UPDATE schools SET kiosk_daily_bookings = 2 WHERE id = 1`).run();
		const [hall, gym] = [await pairedKiosk(1), await pairedKiosk(1)];
		const slots = (await freeSlots()).slice(-5);
		expect(slots).toHaveLength(5);
		const book = (token: string, slot: { staffId: number; start: string }, extra = {}) =>
			kioskPost(token, '/kiosk/ar/book?/book', {
				staffId: String(slot.staffId),
				start: slot.start,
				firstName: 'Lina',
				consent: 'on',
				...extra
			});
		expect((await book(hall, slots[0])).status).toBe(200);
		expect((await book(hall, slots[1])).status).toBe(200);
		const before = await env.DB.prepare('SELECT count(*) AS n FROM bookings').first<{
			n: number;
		}>();
		const refused = await book(hall, slots[2]);
		expect(refused.status).toBe(409);
		expect(decoded(await refused.text())).toContain(ar.errors.kiosk_daily_limit);
		expect(
			await env.DB.prepare('SELECT count(*) AS n FROM bookings').first<{ n: number }>()
		).toEqual(before);
		// With a phone number the parent can be reached: not capped. Another tablet has its own count.
		expect((await book(hall, slots[2], { phone: '06 5200 1234' })).status).toBe(200);
		expect((await book(gym, slots[3])).status).toBe(200);
		await env.DB.prepare(`UPDATE schools SET kiosk_daily_bookings = 20 WHERE id = 1`).run();
	});

	it('gives every school 20 a day unless its coordinator sets another number', async () => {
		const row = await env.DB.prepare(
			`SELECT kiosk_daily_bookings AS n FROM schools WHERE slug = 'het-kompas-tilburg'`
		).first<{ n: number }>();
		expect(row!.n).toBe(20);
		const school = (await env.DB.prepare(
			`SELECT * FROM schools WHERE slug = 'het-kompas-tilburg'`
		).first<Record<string, string | number>>())!;
		const admin = await sessionOf(TILBURG_ADMIN)();
		const save = (cap: string) => {
			const body = new URLSearchParams({
				name: String(school.name),
				slug: String(school.slug),
				address: String(school.address),
				postcode: String(school.postcode),
				town: String(school.town),
				defaultLanguage: String(school.default_language),
				kioskIdleSeconds: String(school.kiosk_idle_seconds),
				kioskDailyBookings: cap
			});
			for (const lang of JSON.parse(String(school.languages))) body.append('languages', lang);
			return postForm(`/staff/admin/schools/${school.id}?/school`, body, admin);
		};
		expect((await save('-1')).status).toBe(400);
		expect((await save('5')).status).toBe(200);
		const saved = await env.DB.prepare(`SELECT kiosk_daily_bookings AS n FROM schools WHERE id = ?`)
			.bind(school.id)
			.first<{ n: number }>();
		expect(saved!.n).toBe(5);
	});
});
