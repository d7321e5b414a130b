/**
 * The workspace on a professional's phone (issue #21): honest headings, the day's work in the
 * list (marking attended or not come, the parent's number), the workspace's own manifest. Through
 * the whole built worker, as a browser without JavaScript uses it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import staffNl from '$lib/i18n/staff/nl.json';
import { SAMIRA, YUSUF, get, postForm, rowCounts, sessionOf, signIn } from './helpers';
import { testNow } from './clock';

const samira = sessionOf(SAMIRA);
const heading = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1].trim();
const longDate = (date: string) =>
	new Intl.DateTimeFormat('nl', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	}).format(new Date(`${date}T00:00:00Z`));

describe('honest headings', () => {
	it('says "Vandaag" for today only; another day is headed by its date', async () => {
		const today = amsterdamDate(testNow());
		const own = await get('/staff/today', await samira());
		expect(heading(await own.text())).toBe(staffNl.today.title);
		const asked = await get(`/staff/today?date=${today}`, await samira());
		expect(heading(await asked.text())).toBe(staffNl.today.title);
		for (const day of [addDays(today, 1), addDays(today, -1), addDays(today, 9)]) {
			const res = await get(`/staff/today?date=${day}`, await samira());
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(heading(html), day).toBe(longDate(day));
			expect(html, day).not.toContain(`<title>${staffNl.today.title}`);
		}
	});
});

/**
 * Two appointments with Samira at De Zuidwester on `date`, this file's own: at 06:00 with a phone
 * number, at 06:20 with an e-mail address only.
 */
let serial = 0;
async function appointments(date: string) {
	const ids: number[] = [];
	for (const [time, phone, email] of [
		['06:00', '06 1234 0101', null],
		['06:20', null, 'ouder@example.nl']
	] as const) {
		const start = wallClockToInstant(date, time)!;
		const n = ++serial;
		const { meta } = await env.DB.prepare(
			`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, location_id, starts_at,
			 ends_at, first_name, phone, email, language, made_by, status)
			 VALUES (?, ?, 1, ?, 1, ?, ?, ?, ?, ?, 'nl', 'parent', 'booked')`
		)
			.bind(
				`PHN${n}AB`,
				`phone-spec-${n}`,
				SAMIRA.staffId,
				start,
				start + 20 * 60_000,
				`Ouder${n}`,
				phone,
				email
			)
			.run();
		ids.push(meta.last_row_id);
	}
	return ids;
}

const statusOf = async (id: number) =>
	(await env.DB.prepare('SELECT status FROM bookings WHERE id = ?').bind(id).first<{
		status: string;
	}>())!.status;
const auditOf = async (id: number, action: string) =>
	(
		await env.DB.prepare(
			`SELECT user_id, detail FROM audit_log WHERE entity = 'booking' AND entity_id = ? AND action = ?`
		)
			.bind(id, action)
			.all<{ user_id: number; detail: string | null }>()
	).results;

describe("the day's work in the list", () => {
	it("offers today's appointments a call and a mark, and logs the numbers shown once a day", async () => {
		const today = amsterdamDate(testNow());
		const [withPhone, without] = await appointments(today);
		const [tomorrowsWithPhone] = await appointments(addDays(today, 1));
		for (const path of ['/staff/today', '/staff/week']) {
			const html = await (await get(path, await samira())).text();
			expect(html, path).toContain('href="tel:0612340101"');
			// A form per row of today's, with both marks.
			const forms = html.match(/<form[^>]*action="\?\/mark"[\s\S]*?<\/form>/g) ?? [];
			const ids = forms.map((f) => Number(f.match(/name="id" value="(\d+)"/)?.[1]));
			expect(ids, path).toEqual(expect.arrayContaining([withPhone, without]));
			expect(ids, path).not.toContain(tomorrowsWithPhone);
			for (const form of forms) {
				expect(form).toContain('value="attended"');
				expect(form).toContain('value="no_show"');
			}
		}
		// Tomorrow's Today: no numbers, nothing to mark yet.
		const tomorrow = await (
			await get(`/staff/today?date=${addDays(today, 1)}`, await samira())
		).text();
		expect(tomorrow).toContain('Ouder3');
		expect(tomorrow).not.toContain('tel:');
		expect(tomorrow).not.toContain('?/mark');
		// The number shown is a reading of the parent's record: in the audit log (which the parent
		// sees), once that day however often the list is opened; tomorrow's is not read.
		const reads = await auditOf(withPhone, 'read');
		expect(reads).toEqual([{ user_id: SAMIRA.id, detail: null }]);
		expect(await auditOf(without, 'read')).toEqual([]);
		expect(await auditOf(tomorrowsWithPhone, 'read')).toEqual([]);
	});

	it('marks from Today and from Week with the detail page’s rule and audit entry; others cannot', async () => {
		const [first, second] = await appointments(amsterdamDate(testNow()));
		const mark = (path: string, id: number, status: string, token?: string) =>
			postForm(`${path}?/mark`, new URLSearchParams({ id: String(id), status }), token);

		const onToday = await mark('/staff/today', first, 'no_show', await samira());
		expect(onToday.status).toBe(200);
		const page = await onToday.text();
		expect(page).toContain(staffNl.booking.saved);
		expect(await statusOf(first)).toBe('no_show');
		expect(await auditOf(first, 'update')).toEqual([{ user_id: SAMIRA.id, detail: 'no_show' }]);

		expect((await mark('/staff/week', second, 'attended', await samira())).status).toBe(200);
		expect(await statusOf(second)).toBe('attended');
		expect(await auditOf(second, 'update')).toEqual([{ user_id: SAMIRA.id, detail: 'attended' }]);

		// Another organisation's professional: refused, as if the appointment were not there.
		const yusuf = await signIn(YUSUF);
		const refused = await mark('/staff/today', second, 'no_show', yusuf.token);
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain(staffNl.booking.notAllowed);
		expect(await statusOf(second)).toBe('attended');
		// A status that is no mark, and no id: refused, nothing written.
		const before = await rowCounts();
		for (const body of [
			{ id: String(second), status: 'cancelled' },
			{ id: String(second), status: 'booked' },
			{ id: 'x', status: 'attended' }
		]) {
			const res = await postForm('/staff/today?/mark', new URLSearchParams(body), await samira());
			expect(res.status).toBe(400);
		}
		const after = await rowCounts();
		expect(after.bookings).toBe(before.bookings);
		expect(await statusOf(second)).toBe('attended');
		// Without a session: to the sign-in page.
		const anonymous = await mark('/staff/today', second, 'no_show');
		expect(anonymous.status).toBe(303);
		expect(await statusOf(second)).toBe('attended');
	});
});

describe('the workspace as an app of its own', () => {
	it('has its own manifest and icons, linked from every workspace page', async () => {
		const res = await get('/staff/manifest.webmanifest');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/manifest+json');
		const manifest = (await res.json()) as {
			start_url: string;
			scope: string;
			id: string;
			display: string;
			icons: { src: string; sizes: string; type: string; purpose?: string }[];
		};
		expect(manifest).toMatchObject({
			start_url: '/staff/today',
			scope: '/staff/',
			display: 'standalone'
		});
		const kiosk = (await (await get('/kiosk/manifest.webmanifest')).json()) as typeof manifest;
		expect(manifest.id).not.toBe(kiosk.id);
		// Installable: a 192 and a 512 PNG, a maskable one; none of them the kiosk's.
		expect(manifest.icons.map((i) => i.sizes)).toEqual(
			expect.arrayContaining(['192x192', '512x512'])
		);
		expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
		for (const icon of manifest.icons) {
			expect(kiosk.icons.map((i) => i.src)).not.toContain(icon.src);
			const file = await get(icon.src);
			expect(file.status, icon.src).toBe(200);
			expect(file.headers.get('content-type'), icon.src).toContain(icon.type);
			await file.arrayBuffer();
		}
		for (const [path, token] of [
			['/staff/login', undefined],
			['/staff/today', await samira()]
		] as const) {
			const html = await (await get(path, token)).text();
			expect(html, path).toContain('<link rel="manifest" href="/staff/manifest.webmanifest"');
		}
	});
});
