/**
 * Links to a parent's records, and colleagues' reset links, are not readable by staff (issue 15,
 * point 4). A mail that was delivered keeps no usable link; the AVG look-up and export show mail
 * copies without their links; a coordinator never sees a colleague's reset link, and sees an
 * invitation link only for an account that has never signed in. Through the whole built worker.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '$lib/server/db';
import { readSession } from '$lib/server/auth';
import { stepAt, totpCode } from '$lib/server/auth/totp';
import { choosePassword, enrolTotp, findSetupLink, invite } from '$lib/server/accounts';
import { deliverOutbox, MAX_DELIVERY_ATTEMPTS, outboxMailer } from '$lib/server/mail';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { TILBURG_ADMIN, postForm, signIn, totpKeys } from './helpers';
import { testNow } from './clock';

const db = () => getDb(env.DB);

const postJson = async (path: string, body: unknown) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://localhost' },
			body: JSON.stringify(body)
		})
	);

async function bookWithEmail(email: string) {
	const today = amsterdamDate(testNow());
	const slots = (await (
		await exports.default.fetch(
			new Request(
				`http://localhost/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 28)}`
			)
		)
	).json()) as { staffId: number; start: string }[];
	const slot = slots.at(-2)!;
	const res = await postJson('/api/v1/schools/de-zuidwester/bookings', {
		staffId: slot.staffId,
		start: slot.start,
		firstName: 'Lina',
		email,
		language: 'ar',
		consent: true
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { manageToken: string }).manageToken;
}

async function askWithEmail(email: string) {
	const res = await postJson('/api/v1/schools/de-zuidwester/questions', {
		category: 'school',
		text: 'Mijn zoon wil niet naar school.',
		answerBy: 'email',
		email,
		language: 'nl',
		consent: true
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { accessToken: string }).accessToken;
}

const outboxOf = async (to: string) =>
	(
		await env.DB.prepare(
			'SELECT id, text, status, attempts, sent_at FROM outbox WHERE to_address = ? ORDER BY id'
		)
			.bind(to)
			.all<{ id: number; text: string; status: string; attempts: number; sent_at: number }>()
	).results;

async function adminSession() {
	const a = await signIn(TILBURG_ADMIN);
	return { token: a.token, user: (await readSession(db(), a.token, a.now))! };
}

describe("links to a parent's records", () => {
	it('are not in the AVG look-up or export, though the parent got them', async () => {
		const email = 'lina.links@example.org';
		const manageToken = await bookWithEmail(email);
		const accessToken = await askWithEmail(email);
		// The local outbox is the parent's mailbox here: the mail itself carries the links.
		const mails = (await outboxOf(email)).map((m) => m.text).join('\n');
		expect(mails).toContain(manageToken);
		expect(mails).toContain(accessToken);

		const admin = await adminSession();
		const page = await postForm(
			'/staff/admin/privacy?/find',
			new URLSearchParams({ contact: email }),
			admin.token
		);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Lina');
		expect(html).not.toContain(manageToken);
		expect(html).not.toContain(accessToken);

		const exported = await postForm(
			'/staff/admin/privacy/export.json',
			new URLSearchParams({ contact: email }),
			admin.token
		);
		const json = await exported.text();
		expect(JSON.parse(json).mails.length).toBeGreaterThanOrEqual(2);
		expect(json).not.toContain(manageToken);
		expect(json).not.toContain(accessToken);
		// What the link was is still clear, only its secret is gone.
		expect(json).toContain('/booking/');
	});

	it('are gone from a mail once it is delivered, or once delivery is given up', async () => {
		const now = testNow();
		const token = 'Secr3tTokenThatOpensABooking_abcdefghijklmn';
		const send = (to: string) =>
			outboxMailer(db()).send({
				to,
				subject: 'Uw afspraak',
				text: `Hallo,\n\nBekijk uw afspraak: http://localhost/nl/booking/${token}\n`,
				language: 'nl',
				kind: 'booking_confirmed'
			});
		await send('delivered@example.org');
		await send('undeliverable@example.org');

		const sent: string[] = [];
		const working = {
			async send(m: { to: string; text: string }) {
				if (m.to === 'undeliverable@example.org') throw new Error('refused');
				sent.push(m.text);
			}
		};
		// (The outbox also holds the mail of the test before: it goes out with these.)
		const first = await deliverOutbox(db(), working, 'noreply@example.org', now);
		expect(first.sent).toBeGreaterThanOrEqual(1);
		expect(first.waiting).toBe(1);
		// The parent got the link; the copy that stays does not have it.
		expect(sent.some((text) => text.includes(token))).toBe(true);
		const [delivered] = await outboxOf('delivered@example.org');
		expect(delivered).toMatchObject({ status: 'sent', sent_at: now });
		expect(delivered.text).not.toContain(token);
		expect(delivered.text).toContain('/nl/booking/');

		// Not delivered yet: it keeps what it needs for the next attempt, until it is given up.
		let [waiting] = await outboxOf('undeliverable@example.org');
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
		expect(waiting.text).toContain(token);
		for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
			await deliverOutbox(db(), working, 'noreply@example.org', now + i * 86_400_000);
		}
		[waiting] = await outboxOf('undeliverable@example.org');
		expect(waiting).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
		expect(waiting.text).not.toContain(token);
	});
});

describe("a colleague's links", () => {
	const invitee = async (
		admin: Awaited<ReturnType<typeof adminSession>>,
		name: string,
		email: string
	) => {
		const invited = await invite(
			db(),
			admin.user,
			{
				email,
				name,
				role: 'staff',
				staffRole: 'wijkteammedewerker',
				schoolIds: [1],
				language: 'nl'
			},
			testNow()
		);
		if (!invited.ok) throw new Error(invited.code);
		const row = await env.DB.prepare('SELECT id FROM users WHERE email = ?')
			.bind(email)
			.first<{ id: number }>();
		return { id: row!.id, token: invited.token };
	};

	it('shows the invitation link of a new person to the coordinator who invited them', async () => {
		const admin = await adminSession();
		const res = await postForm(
			'/staff/admin/people?/invite',
			new URLSearchParams({
				email: 'nieuw.links@wijkteamtilburg.example.nl',
				name: 'Nieuwe Collega',
				role: 'staff',
				staffRole: 'wijkteammedewerker',
				language: 'nl',
				schools: '1'
			}),
			admin.token
		);
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/\/staff\/invite\/[A-Za-z0-9_-]{20,}/);
	});

	it('never shows the reset link of an account that is in use; the person gets it by mail', async () => {
		const admin = await adminSession();
		const email = 'in.gebruik.links@wijkteamtilburg.example.nl';
		const person = await invitee(admin, 'Collega In Gebruik', email);
		const now = testNow();
		expect(
			await choosePassword(
				db(),
				'invite',
				person.token,
				'een heel lang wachtwoord',
				now,
				totpKeys()
			)
		).toBe(true);
		const secret = (await findSetupLink(db(), 'invite', person.token, now, totpKeys()))!
			.totpSecret!;
		expect(
			await enrolTotp(
				db(),
				'invite',
				person.token,
				await totpCode(secret, stepAt(now)),
				now,
				totpKeys()
			)
		).toBeTruthy();

		const res = await postForm(
			'/staff/admin/people?/reset',
			new URLSearchParams({ id: String(person.id) }),
			admin.token
		);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).not.toMatch(/\/staff\/(invite|setup)\/[A-Za-z0-9_-]{20,}/);
		expect(html).toContain(email);
		// The link went to the person's own mailbox.
		const [mail] = (await outboxOf(email)).slice(-1);
		expect(mail.text).toMatch(/\/staff\/setup\/[A-Za-z0-9_-]{20,}/);
	});

	it('shows the new link when the account was never used (an invitation sent again)', async () => {
		const admin = await adminSession();
		const person = await invitee(
			admin,
			'Collega Nooit Begonnen',
			'nooit.begonnen.links@wijkteamtilburg.example.nl'
		);
		const res = await postForm(
			'/staff/admin/people?/reset',
			new URLSearchParams({ id: String(person.id) }),
			admin.token
		);
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/\/staff\/setup\/[A-Za-z0-9_-]{20,}/);
	});
});
