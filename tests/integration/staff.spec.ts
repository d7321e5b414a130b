import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import nl from '$lib/i18n/locales/nl.json';
import { getDb } from '$lib/server/db';
import {
	addDays,
	amsterdamDate,
	isoWeekday,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import {
	ACCOUNT_LOCK_AFTER,
	completeSecondFactor,
	newRecoveryCodes,
	readSession,
	signInWithPassword
} from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { bookingsFor, bookingDetail, markBooking } from '$lib/server/bookings/staff';
import { DEMO_ACCOUNTS, DEMO_BOOKING_TOKEN, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { consoleOf, postForm, totpKeys } from './helpers';
import { testNow } from './clock';

const db = () => getDb(env.DB);
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const SAMIRA = account('samira@wijkteamtilburg.example.nl');
const JEROEN = account('jeroen@wijkteamtilburg.example.nl');
const YUSUF = account('yusuf@jeugdhulpdenhaag.example.nl');
const TILBURG_ADMIN = account('coordinator@wijkteamtilburg.example.nl');
const HAAG_ADMIN = account('coordinator@jeugdhulpdenhaag.example.nl');

// Every sign-in uses a moment of its own: a TOTP code is never accepted twice.
let clock = testNow();
const nextMoment = () => (clock += 2 * 60_000);
let clientCounter = 0;
const newClient = () => `198.51.100.${++clientCounter}`;

async function signIn(a: { email: string; totp: string }, now = nextMoment()) {
	const client = newClient();
	const first = await signInWithPassword(db(), {
		email: a.email,
		password: DEMO_PASSWORD,
		client,
		now
	});
	if (!first.ok) throw new Error(first.code);
	const second = await completeSecondFactor(db(), {
		keys: totpKeys(),
		token: first.token,
		code: await totpCode(a.totp, stepAt(now)),
		client,
		now
	});
	if (!second.ok) throw new Error(second.code);
	return { token: second.token, halfToken: first.token, now };
}

/** The codes of the security events among log lines, in order. */
const securityCodes = (lines: string[]) =>
	lines
		.map((line) => JSON.parse(line) as { event: string; code?: string; level: string })
		.filter((entry) => entry.event === 'security' && entry.level === 'warn')
		.map((entry) => entry.code);
/** Security events say what happened, never who or from where. */
function expectNobodyIn(lines: string[], secrets: string[]) {
	for (const secret of secrets) expect(lines.join('\n')).not.toContain(secret);
}

const worker = (path: string, token?: string) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			redirect: 'manual',
			headers: token ? { cookie: `__Host-inloop_session=${token}` } : {}
		})
	);

describe('sign-in', () => {
	it('needs the right password, and says the same for an unknown e-mail', async () => {
		const now = nextMoment();
		const wrong = await signInWithPassword(db(), {
			email: SAMIRA.email,
			password: 'nope',
			client: newClient(),
			now
		});
		const unknown = await signInWithPassword(db(), {
			email: 'nobody@example.org',
			password: DEMO_PASSWORD,
			client: newClient(),
			now
		});
		expect(wrong).toEqual({ ok: false, code: 'invalid_credentials' });
		expect(unknown).toEqual(wrong);
		const right = await signInWithPassword(db(), {
			email: ' Samira@WijkteamTilburg.example.nl ',
			password: DEMO_PASSWORD,
			client: newClient(),
			now
		});
		expect(right.ok).toBe(true);
	});

	it('lets the password alone reach only the code step', async () => {
		const now = nextMoment();
		const half = await signInWithPassword(db(), {
			email: SAMIRA.email,
			password: DEMO_PASSWORD,
			client: newClient(),
			now
		});
		if (!half.ok) throw new Error();
		expect((await readSession(db(), half.token, now))!.secondFactor).toBe(false);
		const res = await worker('/staff/today', half.token);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/staff/login');
	});

	it('takes a TOTP code once, gives a new session id, and ends the half one', async () => {
		const { token, halfToken, now } = await signIn(SAMIRA);
		expect(token).not.toBe(halfToken);
		expect(await readSession(db(), halfToken, now)).toBeNull();
		expect(await readSession(db(), token, now)).toMatchObject({
			email: SAMIRA.email,
			secondFactor: true,
			role: 'staff'
		});

		// The same code again, in a new sign-in at the same moment: refused.
		const again = await signInWithPassword(db(), {
			email: SAMIRA.email,
			password: DEMO_PASSWORD,
			client: newClient(),
			now
		});
		if (!again.ok) throw new Error();
		const replay = await completeSecondFactor(db(), {
			keys: totpKeys(),
			token: again.token,
			code: await totpCode(SAMIRA.totp, stepAt(now)),
			client: newClient(),
			now
		});
		expect(replay).toEqual({ ok: false, code: 'invalid_credentials' });
		const wrong = await completeSecondFactor(db(), {
			keys: totpKeys(),
			token: again.token,
			code: '000000',
			client: newClient(),
			now
		});
		expect(wrong.ok).toBe(false);
	});

	it('accepts each recovery code once', async () => {
		const [code] = await newRecoveryCodes(db(), YUSUF.id);
		const use = async () => {
			const now = nextMoment();
			const half = await signInWithPassword(db(), {
				email: YUSUF.email,
				password: DEMO_PASSWORD,
				client: newClient(),
				now
			});
			if (!half.ok) throw new Error();
			return completeSecondFactor(db(), {
				keys: totpKeys(),
				token: half.token,
				code: code.toLowerCase(),
				client: newClient(),
				now
			});
		};
		expect((await use()).ok).toBe(true);
		expect(await use()).toEqual({ ok: false, code: 'invalid_credentials' });
	});

	it('locks the account for a client after repeated failures, even for the right password; each step is a security event', async () => {
		const now = nextMoment();
		const client = newClient();
		const lines = await consoleOf(async () => {
			for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
				const r = await signInWithPassword(db(), {
					email: JEROEN.email,
					password: `wrong-${i}`,
					client,
					now,
					// The growing pause itself is not what this test is about (and timings stay out of tests).
					delay: false
				});
				expect(r).toEqual({ ok: false, code: 'invalid_credentials' });
			}
			const locked = await signInWithPassword(db(), {
				email: JEROEN.email,
				password: DEMO_PASSWORD,
				client,
				now,
				delay: false
			});
			// The same answer as a wrong password: a lock tells no one that the account exists.
			expect(locked).toEqual({ ok: false, code: 'invalid_credentials' });
		});
		expect(securityCodes(lines)).toEqual([
			...Array.from({ length: ACCOUNT_LOCK_AFTER }, () => 'sign_in_failed'),
			'account_locked',
			'sign_in_refused_locked'
		]);
		expectNobodyIn(lines, [JEROEN.email, client]);
		const later = await signInWithPassword(db(), {
			email: JEROEN.email,
			password: DEMO_PASSWORD,
			client,
			now: now + 16 * 60_000
		});
		expect(later.ok).toBe(true);
	});

	it('logs a wrong second factor as a security event', async () => {
		const now = nextMoment();
		const client = newClient();
		const first = await signInWithPassword(db(), {
			email: SAMIRA.email,
			password: DEMO_PASSWORD,
			client,
			now
		});
		if (!first.ok) throw new Error(first.code);
		const wrong = String(
			(Number(await totpCode(SAMIRA.totp, stepAt(now))) + 1) % 1_000_000
		).padStart(6, '0');
		const lines = await consoleOf(async () => {
			expect(
				await completeSecondFactor(db(), {
					token: first.token,
					code: wrong,
					client,
					now,
					keys: totpKeys()
				})
			).toEqual({
				ok: false,
				code: 'invalid_credentials'
			});
		});
		expect(securityCodes(lines)).toEqual(['second_factor_failed']);
		expectNobodyIn(lines, [SAMIRA.email, client, wrong]);
		// The right code still works (one failure does not lock).
		const second = await completeSecondFactor(db(), {
			keys: totpKeys(),
			token: first.token,
			code: await totpCode(SAMIRA.totp, stepAt(now)),
			client,
			now
		});
		expect(second.ok).toBe(true);
	});

	it('locks a client that tries many accounts', async () => {
		const now = nextMoment();
		const client = newClient();
		const lines = await consoleOf(async () => {
			for (let i = 0; i < 20; i++) {
				await signInWithPassword(db(), {
					email: `guess${i}@example.org`,
					password: 'x',
					client,
					now
				});
			}
			const blocked = await signInWithPassword(db(), {
				email: SAMIRA.email,
				password: DEMO_PASSWORD,
				client,
				now
			});
			expect(blocked).toEqual({ ok: false, code: 'invalid_credentials' });
		});
		const codes = securityCodes(lines);
		expect(codes.filter((c) => c === 'sign_in_failed')).toHaveLength(20);
		expect(codes.filter((c) => c === 'client_locked')).toHaveLength(1);
		expect(codes.at(-1)).toBe('sign_in_refused_locked');
		expectNobodyIn(lines, [client, SAMIRA.email, 'guess0@example.org']);
	});
});

describe('who sees what', () => {
	const everything = { from: 0, to: testNow() + 365 * 86_400_000 };
	const schoolsSeen = async (a: { email: string; totp: string }) => {
		const { token, now } = await signIn(a);
		const user = (await readSession(db(), token, now))!;
		return {
			user,
			token,
			schools: new Set((await bookingsFor(db(), user, everything)).map((b) => b.schoolName))
		};
	};
	const olena = async () =>
		(await env.DB.prepare("SELECT id FROM bookings WHERE reference = 'T3GJ8K'").first<{
			id: number;
		}>())!.id;
	const fatima = async () =>
		(await env.DB.prepare("SELECT id FROM bookings WHERE reference = 'ZW4K7P'").first<{
			id: number;
		}>())!.id;

	it('staff see their own schools only; an admin their organisation only', async () => {
		expect([...(await schoolsSeen(SAMIRA)).schools]).toEqual(['De Zuidwester']);
		expect([...(await schoolsSeen(YUSUF)).schools]).toEqual(['De Vlinderboom']);
		expect([...(await schoolsSeen(TILBURG_ADMIN)).schools]).toEqual(['De Zuidwester']);
		expect([...(await schoolsSeen(HAAG_ADMIN)).schools]).toEqual(['De Vlinderboom']);
	});

	it('refuses a booking of another school by id, in the service and through the pages', async () => {
		const samira = await schoolsSeen(SAMIRA);
		const other = await olena();
		expect(await bookingDetail(db(), samira.user, other, testNow())).toBeNull();
		expect(await markBooking(db(), samira.user, other, 'attended', testNow())).toBe(false);
		expect((await worker(`/staff/bookings/${other}`, samira.token)).status).toBe(404);
		const own = await worker(`/staff/bookings/${await fatima()}`, samira.token);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain('Fatima');

		const haag = await schoolsSeen(HAAG_ADMIN);
		expect((await worker(`/staff/bookings/${await fatima()}`, haag.token)).status).toBe(404);
		expect((await worker(`/staff/bookings/${other}`, haag.token)).status).toBe(200);
	});

	it('sends anyone without a session to the sign-in page, from every workspace page', async () => {
		for (const path of [
			'/staff/today',
			'/staff/week',
			'/staff/bookings',
			`/staff/bookings/${await fatima()}`
		]) {
			const res = await worker(path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toBe('/staff/login');
		}
		expect((await worker('/staff/today', 'made-up-token')).status).toBe(303);
	});

	it('logs every opening of a booking, with who and when', async () => {
		const samira = await schoolsSeen(SAMIRA);
		const id = await fatima();
		await worker(`/staff/bookings/${id}`, samira.token);
		const entry = await env.DB.prepare(
			"SELECT actor_name, action, user_id FROM audit_log WHERE entity = 'booking' AND entity_id = ? ORDER BY id DESC"
		)
			.bind(id)
			.first();
		expect(entry).toEqual({ actor_name: 'Samira El Amrani', action: 'read', user_id: SAMIRA.id });
		// The parent sees it on their own page: who of the wijkteam opened the booking.
		const own = await (await worker(`/nl/booking/${DEMO_BOOKING_TOKEN}`)).text();
		const readers = own.slice(own.indexOf(nl.booking.readersTitle));
		expect(readers).toContain('Samira El Amrani');
		expect(readers).not.toContain(nl.booking.readersNone);
	});

	it('keeps workspace pages out of caches', async () => {
		const samira = await schoolsSeen(SAMIRA);
		const res = await worker('/staff/today', samira.token);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});

describe('CSV export', () => {
	it('exports only visible bookings, defuses formulas, and is logged', async () => {
		await env.DB.prepare(
			`INSERT INTO bookings (id, reference, manage_token_hash, school_id, staff_id, location_id, starts_at, ends_at,
				first_name, phone, language, made_by) VALUES (990, 'CSV234', 'csv-test-hash', 1, 1, 1, ?, ?, '=HYPERLINK("http://evil")', '+31600000000', 'nl', 'staff')`
		)
			.bind(testNow() + 86_400_000, testNow() + 86_400_000 + 1_200_000)
			.run();
		const { token } = await signIn(SAMIRA);
		const res = await worker('/staff/bookings/export.csv', token);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const bytes = new Uint8Array(await res.arrayBuffer());
		// A UTF-8 byte order mark first, so spreadsheets read the names right.
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv.startsWith('"start";"end";"school"')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(csv).toContain(`"'+31600000000"`);
		expect(csv).not.toContain('De Vlinderboom');
		const logged = await env.DB.prepare(
			"SELECT detail FROM audit_log WHERE action = 'export' AND user_id = ? ORDER BY id DESC"
		)
			.bind(SAMIRA.id)
			.first<{ detail: string }>();
		expect(logged!.detail).toMatch(/\(\d+\)$/);

		const haag = await signIn(HAAG_ADMIN);
		const theirs = await (await worker('/staff/bookings/export.csv', haag.token)).text();
		expect(theirs).not.toContain('CSV234');
		expect((await worker('/staff/bookings/export.csv')).status).toBe(303);
	});
});

describe('booking on behalf of a parent who phoned', () => {
	const post = (token: string, fields: Record<string, string>) =>
		exports.default.fetch(
			new Request('http://localhost/staff/bookings/new', {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `__Host-inloop_session=${token}`,
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields).toString()
			})
		);

	it('books as staff in the parent’s language; bad input keeps what was typed; other schools are refused', async () => {
		const { token } = await signIn(SAMIRA);
		const page = await (await worker('/staff/bookings/new', token)).text();
		const slot = /<option value="(\d+\|[^"]+)"/.exec(page)![1].replace(/&#43;|&amp;#43;/g, '+');
		const fields = {
			school: 'de-zuidwester',
			slot,
			firstName: 'Aster',
			phone: '0611112222',
			language: 'ti'
		};

		const refused = await post(token, fields);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('value="Aster"');

		const made = await post(token, { ...fields, consent: 'on' });
		expect(made.status).toBe(303);
		const id = Number(
			/\/staff\/bookings\/(\d+)\?done=created/.exec(made.headers.get('location')!)![1]
		);
		const row = await env.DB.prepare(
			'SELECT made_by, language, first_name FROM bookings WHERE id = ?'
		)
			.bind(id)
			.first();
		expect(row).toEqual({ made_by: 'staff', language: 'ti', first_name: 'Aster' });

		const other = await post(token, { ...fields, school: 'de-vlinderboom', consent: 'on' });
		expect(other.status).toBe(404);
	});
});

describe('administration of people', () => {
	it('is for admins only, and only for their own organisation', async () => {
		const samira = await signIn(SAMIRA);
		expect((await worker('/staff/admin/people', samira.token)).status).toBe(404);
		const admin = await signIn(HAAG_ADMIN);
		const page = await (await worker('/staff/admin/people', admin.token)).text();
		expect(page).toContain('yusuf@jeugdhulpdenhaag.example.nl');
		expect(page).not.toContain('samira@wijkteamtilburg.example.nl');
	});
});

describe('private calendar feed', () => {
	it('shows first name and topic only, and stops working when renewed or revoked', async () => {
		const { renewFeed, revokeFeed } = await import('$lib/server/staff/calendar');
		const ICAL = (await import('ical.js')).default;
		const s = await signIn(SAMIRA);
		const user = (await readSession(db(), s.token, s.now))!;
		const token = await renewFeed(db(), user);
		const res = await exports.default.fetch(
			new Request(`http://localhost/api/calendar/${token}.ics`)
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/calendar');
		const text = await res.text();
		const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
		expect(events.length).toBeGreaterThan(0);
		expect(events.map((e) => String(e.getFirstPropertyValue('summary')))).toContain(
			'Fatima – Slapen en eten'
		);
		// Only Samira's own appointments, and nothing of the contact details.
		expect(text).not.toContain('Linda');
		expect(text).not.toContain('0612345001');
		expect(text).not.toContain('ewa@example.org');

		const renewed = await renewFeed(db(), user);
		expect(
			(await exports.default.fetch(new Request(`http://localhost/api/calendar/${token}.ics`)))
				.status
		).toBe(404);
		await revokeFeed(db(), user);
		expect(
			(await exports.default.fetch(new Request(`http://localhost/api/calendar/${renewed}.ics`)))
				.status
		).toBe(404);
	});
});

describe('my hours', () => {
	/** The days De Zuidwester is closed or Samira has a day off (of an earlier test, too). */
	const samiraClosedDays = async () =>
		(
			await env.DB.prepare(
				`SELECT start_date, end_date FROM closures
				 UNION ALL SELECT date, date FROM availability_exceptions WHERE staff_id = 1 AND kind = 'off'`
			).all<{ start_date: string; end_date: string }>()
		).results;

	const post = (token: string, action: string, fields: Record<string, string>, query = '') =>
		exports.default.fetch(
			new Request(`http://localhost/staff/hours?${query}&/${action}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `__Host-inloop_session=${token}`,
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields).toString()
			})
		);

	it('shows the preview, warns before stranding a booking, and cancels and notifies on request', async () => {
		const s = await signIn(SAMIRA);
		const page = await worker('/staff/hours', s.token);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('08:30');

		// A day off on the day of Ewa's booking (she gave an e-mail address).
		const ewa = (await env.DB.prepare(
			"SELECT id, starts_at FROM bookings WHERE reference = 'M8QT3X'"
		).first<{ id: number; starts_at: number }>())!;
		const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
			new Date(ewa.starts_at)
		);
		const warned = await post(s.token, 'addException', { kind: 'off', date });
		expect(warned.status).toBe(409);
		expect(await warned.text()).toContain('Ewa');
		const stillBooked = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?')
			.bind(ewa.id)
			.first<{ status: string }>();
		expect(stillBooked!.status).toBe('booked');
		expect(
			(await env.DB.prepare('SELECT count(*) AS n FROM availability_exceptions WHERE date = ?')
				.bind(date)
				.first<{ n: number }>())!.n
		).toBe(0);

		const done = await post(s.token, 'addException', {
			kind: 'off',
			date,
			strand: 'cancel',
			reason: 'Ziek'
		});
		expect(done.status).toBe(200);
		const cancelled = await env.DB.prepare(
			'SELECT status, cancel_reason FROM bookings WHERE id = ?'
		)
			.bind(ewa.id)
			.first();
		expect(cancelled).toEqual({ status: 'cancelled', cancel_reason: 'Ziek' });
		const mail = await env.DB.prepare(
			"SELECT language, kind FROM outbox WHERE to_address = 'ewa@example.org' ORDER BY id DESC"
		).first();
		expect(mail).toEqual({ language: 'pl', kind: 'booking_cancelled' });
		const slots = await exports.default.fetch(
			new Request(`http://localhost/api/v1/schools/de-zuidwester/slots?from=${date}&to=${date}`)
		);
		expect(((await slots.json()) as { staffId: number }[]).filter((x) => x.staffId === 1)).toEqual(
			[]
		);
	});

	it('cancels every stranded booking in one batch, audited and announced like any cancellation', async () => {
		const s = await signIn(SAMIRA);
		// Open Tuesdays (Samira's weekly hours) five weeks on and later: the next test looks for an
		// open one in the coming four.
		const closed = await samiraClosedDays();
		let day = addDays(amsterdamDate(testNow()), 35);
		const openTuesday = () => {
			while (isoWeekday(day) !== 2 || closed.some((c) => c.start_date <= day && day <= c.end_date))
				day = addDays(day, 1);
			const found = day;
			day = addDays(day, 7);
			return found;
		};
		const add = (reference: string, at: number, email: string | null) =>
			env.DB.prepare(
				`INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, location_id, block_id,
				 starts_at, ends_at, first_name, phone, email, contact_key, language, made_by, status, created_at)
				 VALUES (?, ?, 1, 1, 1, 1, ?, ?, 'Noa', '0612348888', ?, ?, 'en', 'parent', 'booked', ?) RETURNING id`
			)
				.bind(
					reference,
					`stranded-${reference}`,
					at,
					at + 1_200_000,
					email,
					email ?? '+31612348888',
					testNow()
				)
				.first<{ id: number }>();
		// Three of Samira's bookings that day, one with an e-mail address.
		const date = openTuesday();
		const first = wallClockToInstant(date, '08:30')!;
		const ids = [
			(await add('STRND0', first, null))!.id,
			(await add('STRND1', first + 1_200_000, 'noa.stranded@example.org'))!.id,
			(await add('STRND2', first + 2_400_000, null))!.id
		];
		const done = await post(s.token, 'addException', {
			kind: 'off',
			date,
			strand: 'cancel',
			reason: 'Cursus'
		});
		expect(done.status).toBe(200);
		const rows = (
			await env.DB.prepare(
				`SELECT id, status, cancel_reason FROM bookings WHERE id IN (${ids.join(',')}) ORDER BY id`
			).all()
		).results;
		expect(rows).toEqual(
			[...ids]
				.sort((x, y) => x - y)
				.map((id) => ({ id, status: 'cancelled', cancel_reason: 'Cursus' }))
		);
		// An audit entry for each, as for one cancelled on its own page.
		const audited = (
			await env.DB.prepare(
				`SELECT entity_id FROM audit_log WHERE entity = 'booking' AND action = 'update'
				 AND detail = 'cancelled (hours changed)' AND entity_id IN (${ids.join(',')}) ORDER BY entity_id`
			).all<{ entity_id: number }>()
		).results.map((r) => r.entity_id);
		expect(audited).toEqual([...ids].sort((x, y) => x - y));
		// The parent with an e-mail address is told.
		expect(
			await env.DB.prepare(
				"SELECT language, kind FROM outbox WHERE to_address = 'noa.stranded@example.org'"
			).first()
		).toEqual({ language: 'en', kind: 'booking_cancelled' });
		// One batch: the cancellations and their audit cost no round trip per booking. A day off
		// that strands three bookings (none with e-mail) takes as many trips as one that strands one.
		const tripsFor = async (count: number) => {
			const tuesday = openTuesday();
			const at = wallClockToInstant(tuesday, '08:30')!;
			for (let i = 0; i < count; i++) await add(`TRP${count}${i}`, at + i * 1_200_000, null);
			const res = await post(s.token, 'addException', {
				kind: 'off',
				date: tuesday,
				strand: 'cancel',
				reason: 'Cursus'
			});
			expect(res.status).toBe(200);
			const cancelled = await env.DB.prepare(
				"SELECT count(*) AS n FROM bookings WHERE reference LIKE ? AND status = 'cancelled'"
			)
				.bind(`TRP${count}%`)
				.first<{ n: number }>();
			expect(cancelled!.n).toBe(count);
			return Number(/d1;desc="(\d+) round trip/.exec(res.headers.get('server-timing') ?? '')?.[1]);
		};
		const one = await tripsFor(1);
		expect(one).toBeGreaterThan(0);
		expect(await tripsFor(3)).toBe(one);
	});

	it('refuses an extra hour that overlaps her own hours that day, and keeps one that does not', async () => {
		const s = await signIn(SAMIRA);
		// A coming Tuesday (Samira's weekly hours: 08:30–10:00 at De Zuidwester) the school is open.
		// (Not a day off of an earlier test either.)
		const closed = await samiraClosedDays();
		let date = addDays(amsterdamDate(testNow()), 1);
		while (
			new Date(`${date}T12:00:00Z`).getUTCDay() !== 2 ||
			closed.some((c) => c.start_date <= date && date <= c.end_date)
		)
			date = addDays(date, 1);
		const extra = (startTime: string, endTime: string) =>
			post(s.token, 'addException', {
				kind: 'extra',
				date,
				startTime,
				endTime,
				schoolId: '1',
				locationId: '1',
				extraKind: 'walkIn'
			});
		const count = async () =>
			(await env.DB.prepare(
				"SELECT count(*) AS n FROM availability_exceptions WHERE staff_id = 1 AND date = ? AND kind = 'extra'"
			)
				.bind(date)
				.first<{ n: number }>())!.n;

		// The local D1 outlives a run: an extra hour of an earlier run would clash with this one.
		await env.DB.prepare(
			"DELETE FROM availability_exceptions WHERE staff_id = 1 AND date = ? AND kind = 'extra'"
		)
			.bind(date)
			.run();

		const clash = await extra('09:30', '11:00');
		expect(clash.status).toBe(400);
		const html = await clash.text();
		expect(html).toContain(nl.fields.startTime_overlap);
		expect(html).toContain('value="09:30"');
		expect(await count()).toBe(0);

		const after = await extra('10:00', '11:00');
		expect(after.status).toBe(200);
		expect(await count()).toBe(1);
		const preview = await (await worker('/staff/hours', s.token)).text();
		expect(preview).toContain('10:40');
		// And it can be taken back.
		const id = (await env.DB.prepare(
			"SELECT id FROM availability_exceptions WHERE staff_id = 1 AND date = ? AND kind = 'extra'"
		)
			.bind(date)
			.first<{ id: number }>())!.id;
		expect((await post(s.token, 'removeException', { exceptionId: String(id) })).status).toBe(200);
		expect(await count()).toBe(0);
	});

	it('refuses bad hours with the field and keeps what was typed; staff cannot manage someone else', async () => {
		const s = await signIn(SAMIRA);
		const bad = await post(s.token, 'addBlock', {
			schoolId: '1',
			locationId: '1',
			weekday: '5',
			startTime: '11:00',
			endTime: '10:00',
			slotMinutes: '20',
			capacity: '1',
			bufferMinutes: '0',
			minNoticeHours: '2',
			horizonDays: '28',
			kind: 'bookable',
			validFrom: '2026-12-01'
		});
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain('value="11:00"');
		expect(html).toContain('aria-invalid="true"');
		expect((await worker('/staff/hours?staff=4', s.token)).status).toBe(200);
		// ?staff= is for admins: Samira still sees her own hours, not Yusuf's.
		expect(await (await worker('/staff/hours?staff=4', s.token)).text()).toContain(
			'Samira El Amrani'
		);
		const y = await signIn(YUSUF);
		const theirs = await post(y.token, 'endBlock', { blockId: '1' });
		expect(theirs.status).toBe(404);
	});

	it('keeps the school and place of a refused extra hour, with the error by its date', async () => {
		const s = await signIn(SAMIRA);
		const options = (html: string, id: string) => {
			const select = new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`, 's').exec(html)![1];
			return [...select.matchAll(/<option value="([^"]*)"([^>]*)>/g)].map(([, value, rest]) => ({
				value,
				selected: /\bselected\b/.test(rest)
			}));
		};
		// The last school and place of her lists: not the ones a browser shows by itself.
		const page = await (await worker('/staff/hours', s.token)).text();
		const school = options(page, 'e-school').at(-1)!.value;
		const place = options(page, 'e-location').at(-1)!.value;
		const refused = await post(s.token, 'addException', {
			kind: 'extra',
			date: 'nope',
			startTime: '10:00',
			endTime: '11:00',
			schoolId: school,
			extraKind: 'walkIn',
			locationId: place
		});
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(options(html, 'e-school').filter((o) => o.selected)).toEqual([
			{ value: school, selected: true }
		]);
		expect(options(html, 'e-location').filter((o) => o.selected)).toEqual([
			{ value: place, selected: true }
		]);
		expect(options(html, 'e-hour-kind').find((o) => o.selected)?.value).toBe('walkIn');
		expect(html).toMatch(/<input id="e-date"[^>]*aria-invalid="true"/);
		expect(html).toContain('id="e-date-error"');
	});
});

describe('holidays and the audit log (admins)', () => {
	it('a holiday removes the slots of its days; the log shows who opened what; staff get 404', async () => {
		const admin = await signIn(TILBURG_ADMIN);
		const user = (await readSession(db(), admin.token, admin.now))!;
		const { addHoliday, auditOf } = await import('$lib/server/staff/admin');
		const slots = async () =>
			(await (
				await exports.default.fetch(
					new Request(
						`http://localhost/api/v1/schools/het-kompas-tilburg/slots?from=${amsterdamDate(testNow())}&to=${amsterdamDate(testNow() + 20 * 86_400_000)}`
					)
				)
			).json()) as { start: string }[];
		const before = await slots();
		expect(before.length).toBeGreaterThan(0);
		const day = before[0].start.slice(0, 10);
		expect(
			await addHoliday(db(), user, { name: 'Studiedag', startDate: day, endDate: day, schoolId: 2 })
		).toBe(true);
		expect((await slots()).some((s) => s.start.startsWith(day))).toBe(false);
		// Not a school of another organisation.
		expect(
			await addHoliday(db(), user, { name: 'X', startDate: day, endDate: day, schoolId: 5 })
		).toBe(false);

		const log = await auditOf(db(), user);
		expect(log.some((e) => e.actorName === 'Samira El Amrani')).toBe(true);
		expect(
			log.some(
				(e) =>
					e.actorName === 'Coördinator Jeugdhulp Den Haag' ||
					e.actorName.includes('jeugdhulpdenhaag')
			)
		).toBe(false);
		expect((await worker('/staff/admin/audit', admin.token)).status).toBe(200);
		const samira = await signIn(SAMIRA);
		for (const path of ['/staff/admin/audit', '/staff/admin/holidays', '/staff/admin/people']) {
			expect((await worker(path, samira.token)).status, path).toBe(404);
		}
	});
});

describe('my profile', () => {
	const PNG = Uint8Array.from(
		atob(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
		),
		(c) => c.charCodeAt(0)
	);
	const send = (token: string, action: string, body: FormData | URLSearchParams) =>
		exports.default.fetch(
			new Request(`http://localhost/staff/profile?/${action}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `__Host-inloop_session=${token}`,
					origin: 'http://localhost',
					accept: 'text/html'
				},
				body
			})
		);

	it('saves the introduction per language and a checked photo that the school page shows', async () => {
		const s = await signIn(SAMIRA);
		const form = new URLSearchParams({
			name: 'Samira El Amrani',
			role: 'wijkteammedewerker',
			languagesSpoken: 'nl, ar, en, fr',
			publicPhone: '',
			publicEmail: 'samira@wijkteamtilburg.example.nl',
			intro_nl: 'Ik ben Samira. Loop gerust binnen.',
			intro_tr: 'Ben Samira. Buyurun, gelin.'
		});
		expect((await send(s.token, 'save', form)).status).toBe(200);
		const school = (await (
			await exports.default.fetch(new Request('http://localhost/api/v1/schools/de-zuidwester'))
		).json()) as {
			contacts: {
				name: string;
				languages: string[];
				intro: Record<string, string>;
				photoUrl: string | null;
			}[];
		};
		const samira = school.contacts.find((c) => c.name === 'Samira El Amrani')!;
		expect(samira.languages).toEqual(['nl', 'ar', 'en', 'fr']);
		expect(samira.intro).toEqual({
			nl: 'Ik ben Samira. Loop gerust binnen.',
			tr: 'Ben Samira. Buyurun, gelin.'
		});

		const bad = new URLSearchParams({
			...Object.fromEntries(form),
			languagesSpoken: 'nederlands!'
		});
		const refused = await send(s.token, 'save', bad);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('value="nederlands!"');

		const text = new FormData();
		text.set('photo', new File(['not an image'], 'x.png', { type: 'image/png' }));
		expect((await send(s.token, 'photo', text)).status).toBe(400);
		const big = new FormData();
		big.set(
			'photo',
			new File([PNG, new Uint8Array(2 * 1024 * 1024)], 'big.png', { type: 'image/png' })
		);
		expect((await send(s.token, 'photo', big)).status).toBe(400);

		const photo = new FormData();
		photo.set('photo', new File([PNG], 'me.png', { type: 'image/png' }));
		expect((await send(s.token, 'photo', photo)).status).toBe(200);
		const after = (await (
			await exports.default.fetch(new Request('http://localhost/api/v1/schools/de-zuidwester'))
		).json()) as typeof school;
		const url = after.contacts.find((c) => c.name === 'Samira El Amrani')!.photoUrl!;
		expect(url).toMatch(/^http:\/\/localhost\/photos\/staff\/1\/[0-9a-f]{24}\.png$/);
		const served = await exports.default.fetch(new Request(url));
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(served.headers.get('cache-control')).toContain('immutable');
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
		expect(
			(await exports.default.fetch(new Request('http://localhost/photos/staff/1/../../secret')))
				.status
		).toBe(404);
	});
});

describe('choosing a password from a link', () => {
	it('refuses a well-known password with a translated message, and saves nothing', async () => {
		const { invite, findSetupLink } = await import('$lib/server/accounts');
		const staffNl = (await import('$lib/i18n/staff/nl.json')).default;
		const a = await signIn(TILBURG_ADMIN);
		const admin = (await readSession(db(), a.token, a.now))!;
		const email = `noor.${crypto.randomUUID().slice(0, 8)}@wijkteamtilburg.example.nl`;
		const invited = await invite(
			db(),
			admin,
			{
				email,
				name: 'Noor Bakker',
				role: 'staff',
				staffRole: 'wijkteammedewerker',
				schoolIds: [1],
				language: 'nl'
			},
			testNow()
		);
		if (!invited.ok) throw new Error(invited.code);
		const choose = (password: string) =>
			postForm(
				`/staff/invite/${invited.token}?/password`,
				new URLSearchParams({ password, repeat: password })
			);
		for (const password of ['Qwerty123456', `${email.split('@')[0]}2026`, 'Inloop2026!!!']) {
			const res = await choose(password);
			expect(res.status, password).toBe(400);
			expect(await res.text(), password).toContain(staffNl.invite.error_common);
			expect(
				(await findSetupLink(db(), 'invite', invited.token, testNow(), totpKeys()))!.hasPassword
			).toBe(false);
		}
		expect((await choose('vier lange woorden samen')).status).toBe(200);
		expect(
			(await findSetupLink(db(), 'invite', invited.token, testNow(), totpKeys()))!.hasPassword
		).toBe(true);
	});
});

describe('account reset by an admin', () => {
	it('ends sessions, clears password and app, and the link sets both up again', async () => {
		const { resetAccount, choosePassword, enrolTotp, findSetupLink } =
			await import('$lib/server/accounts');
		const a = await signIn(TILBURG_ADMIN);
		const admin = (await readSession(db(), a.token, a.now))!;
		const jeroen = await signIn(JEROEN);
		const reset = (await resetAccount(db(), admin, JEROEN.id, jeroen.now))!;
		expect(await readSession(db(), jeroen.token, jeroen.now)).toBeNull();
		expect(
			(
				await signInWithPassword(db(), {
					email: JEROEN.email,
					password: DEMO_PASSWORD,
					client: newClient(),
					now: nextMoment()
				})
			).ok
		).toBe(false);
		// Not for another organisation's people.
		expect(await resetAccount(db(), admin, YUSUF.id, jeroen.now)).toBeNull();

		const now = nextMoment();
		expect(
			await choosePassword(
				db(),
				'account_reset',
				reset.token,
				'een nieuw lang wachtwoord',
				now,
				totpKeys()
			)
		).toBe(true);
		const secret = (await findSetupLink(db(), 'account_reset', reset.token, now, totpKeys()))!
			.totpSecret!;
		expect(
			await enrolTotp(
				db(),
				'account_reset',
				reset.token,
				await totpCode(secret, stepAt(now)),
				now,
				totpKeys()
			)
		).toHaveLength(8);
		expect(await findSetupLink(db(), 'account_reset', reset.token, now, totpKeys())).toBeNull();
		const later = nextMoment();
		const half = await signInWithPassword(db(), {
			email: JEROEN.email,
			password: 'een nieuw lang wachtwoord',
			client: newClient(),
			now: later
		});
		if (!half.ok) throw new Error(half.code);
		const full = await completeSecondFactor(db(), {
			keys: totpKeys(),
			token: half.token,
			code: await totpCode(secret, stepAt(later)),
			client: newClient(),
			now: later
		});
		expect(full.ok).toBe(true);
	});
});

describe('the organisation (coordinators)', () => {
	const post = (token: string, path: string, body: URLSearchParams) =>
		exports.default.fetch(
			new Request(`http://localhost${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `__Host-inloop_session=${token}`,
					origin: 'http://localhost',
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body
			})
		);

	it('adds a school that parents can then find, refuses a taken address, and stays inside the organisation', async () => {
		const admin = await signIn(HAAG_ADMIN);
		const body = new URLSearchParams({
			name: 'De Regenboog',
			slug: 'de-regenboog-transvaal',
			address: 'Paul Krugerlaan 1',
			postcode: '2571 hb',
			town: 'Den Haag',
			neighbourhood: 'Transvaal',
			defaultLanguage: 'nl'
		});
		body.append('languages', 'nl');
		body.append('languages', 'tr');
		const made = await post(admin.token, '/staff/admin/organisation?/school', body);
		expect(made.status).toBe(303);
		const found = (await (
			await exports.default.fetch(new Request('http://localhost/api/v1/schools?q=regenboog'))
		).json()) as { slug: string }[];
		expect(found.map((s) => s.slug)).toEqual(['de-regenboog-transvaal']);

		const again = await post(admin.token, '/staff/admin/organisation?/school', body);
		expect(again.status).toBe(409);
		expect(await again.text()).toContain('value="De Regenboog"');
		const badBody = new URLSearchParams({
			...Object.fromEntries(body),
			slug: 'Bad Slug!',
			postcode: '123'
		});
		const bad = await post(admin.token, '/staff/admin/organisation?/school', badBody);
		expect(bad.status).toBe(400);

		// De Zuidwester (school 1) belongs to Tilburg: not this coordinator's.
		expect((await worker('/staff/admin/schools/1', admin.token)).status).toBe(404);
		const samira = await signIn(SAMIRA);
		expect((await worker('/staff/admin/organisation', samira.token)).status).toBe(404);
	});
});

describe('forgot password', () => {
	it('answers the same for any address, and needs the app code to set a new password', async () => {
		const { requestPasswordReset, resetPassword } = await import('$lib/server/accounts');
		const form = (email: string) =>
			exports.default.fetch(
				new Request('http://localhost/staff/login/forgot', {
					method: 'POST',
					headers: {
						origin: 'http://localhost',
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({ email })
				})
			);
		const known = await (await form(HAAG_ADMIN.email)).text();
		const unknown = await (await form('nobody@example.org')).text();
		expect(known).toEqual(unknown);
		const mail = await env.DB.prepare(
			'SELECT kind FROM outbox WHERE to_address = ? ORDER BY id DESC'
		)
			.bind(HAAG_ADMIN.email)
			.first();
		expect(mail).toEqual({ kind: 'staff_password_reset' });

		const session = await signIn(HAAG_ADMIN);
		const now = nextMoment();
		const reset = (await requestPasswordReset(db(), HAAG_ADMIN.email, now))!;
		expect(await requestPasswordReset(db(), 'nobody@example.org', now)).toBeNull();
		expect(
			await resetPassword(db(), {
				keys: totpKeys(),
				token: reset.token,
				client: newClient(),
				password: 'nog een nieuw wachtwoord',
				code: '000000',
				now
			})
		).toBe('invalid_code');
		expect(
			await resetPassword(db(), {
				keys: totpKeys(),
				token: reset.token,
				client: newClient(),
				password: 'nog een nieuw wachtwoord',
				code: await totpCode(HAAG_ADMIN.totp, stepAt(now)),
				now
			})
		).toBe('ok');
		expect(
			await resetPassword(db(), {
				keys: totpKeys(),
				token: reset.token,
				client: newClient(),
				password: 'x'.repeat(12),
				code: await totpCode(HAAG_ADMIN.totp, stepAt(now) + 1),
				now
			})
		).toBe('invalid_link');
		expect(await readSession(db(), session.token, now)).toBeNull();
		const later = nextMoment();
		expect(
			(
				await signInWithPassword(db(), {
					email: HAAG_ADMIN.email,
					password: 'nog een nieuw wachtwoord',
					client: newClient(),
					now: later
				})
			).ok
		).toBe(true);
	});
});

describe("a professional's schools", () => {
	it('are set by a coordinator of their organisation only, and decide what they see', async () => {
		const { setStaffSchools } = await import('$lib/server/accounts');
		const a = await signIn(TILBURG_ADMIN);
		const admin = (await readSession(db(), a.token, a.now))!;
		expect(await setStaffSchools(db(), admin, 2, [1, 2, 5])).toBe(true);
		const rows = await env.DB.prepare(
			'SELECT school_id FROM staff_schools WHERE staff_id = 2 ORDER BY school_id'
		).all<{ school_id: number }>();
		// School 5 is another organisation's: left out.
		expect(rows.results.map((r) => r.school_id)).toEqual([1, 2]);
		expect(await setStaffSchools(db(), admin, 4, [1])).toBe(false);
		await setStaffSchools(db(), admin, 2, [1]);
	});
});
