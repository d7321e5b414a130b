/**
 * One way of writing dates and times (issue 19): a booking's confirmation e-mail and its page say
 * the date and time the same way, in every language, on the 24-hour clock, and Tigrinya never gets
 * Dutch month names (workerd has no Tigrinya in its Intl). The browser's side (the same page after
 * hydration) is in tests/e2e/read-aloud.spec.ts.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api } from '$lib/server/api';
import { LANGUAGES } from '$lib/i18n/languages';
import { formattersFor } from '$lib/i18n/resources';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { testNow } from './clock';

type Slot = { staffId: number; start: string; end: string };
const request = (path: string, init?: RequestInit) => api.request(path, init, env);
const worker = (path: string) => exports.default.fetch(new Request(`http://localhost${path}`));
const DUTCH_MONTHS =
	/januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|\bmrt\b/;

describe('dates and times in a booking’s e-mail and on its page', () => {
	it.each(LANGUAGES)('%s', async (lang) => {
		const today = amsterdamDate(testNow());
		const res = await request(
			`/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 30)}`
		);
		const slots = (await res.json()) as Slot[];
		// The last free time: each language books its own (the one before took the last).
		const slot = slots[slots.length - 1];
		const email = `dates-${lang}@example.org`;
		const booked = await request('/api/v1/schools/de-zuidwester/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				staffId: slot.staffId,
				start: slot.start,
				firstName: 'Selam',
				email,
				language: lang,
				consent: true
			})
		});
		expect(booked.status).toBe(201);
		const { manageToken } = (await booked.json()) as { manageToken: string };
		const start = Date.parse(slot.start);
		const format = formattersFor(lang);

		const mail = await env.DB.prepare('SELECT text FROM outbox WHERE to_address = ?')
			.bind(email)
			.first<{ text: string }>();
		expect(mail!.text).toContain(format.when(start));

		const page = await (await worker(`/${lang}/booking/${manageToken}`)).text();
		expect(page).toContain(format.date(amsterdamDate(start)));
		expect(page).toContain(format.time(start));

		// 24 hours, Latin digits: "HH:MM" as the school's signs write it.
		expect(format.time(start)).toMatch(/^\d\d:\d\d$/);
		if (lang === 'ti') {
			expect(format.when(start)).not.toMatch(DUTCH_MONTHS);
			expect(format.when(start)).not.toMatch(/[A-Za-z]/);
		}
	});
});
