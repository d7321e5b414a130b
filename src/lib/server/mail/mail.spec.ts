import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../db/index.ts';
import { bookings, outbox } from '../db/schema.ts';
import { bookSlot, loadSchedule } from '../bookings/index.ts';
import { sendBookingConfirmation, sendCancellation } from '../bookings/messages.ts';
import { findBooking } from '../bookings/index.ts';
import { addDays, amsterdamDate } from '../scheduling/time.ts';
import { emailServiceMailer, mailerFor, outboxMailer, type EmailBinding } from './index.ts';
import { testNow } from '../../../../tests/integration/clock';

const db = () => getDb(env.DB);

/**
 * Stands in for the Email Service binding (it cannot be reached offline): records what it is asked
 * to send, or refuses like the service does for an unverified sender.
 */
function recordingBinding(fail = false) {
	const sent: Parameters<EmailBinding['send']>[0][] = [];
	const binding: EmailBinding = {
		async send(message) {
			if (fail) throw Object.assign(new Error('E_SENDER_NOT_VERIFIED'), { name: 'EmailError' });
			sent.push(message);
			return { messageId: `<${sent.length}@example>` };
		}
	};
	return { binding, sent };
}

const message = (to: string) => ({
	to,
	subject: 'Onderwerp',
	text: 'Tekst',
	language: 'nl',
	kind: 'test'
});
const outboxFor = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to));

describe('choosing the mailer', () => {
	it('uses the outbox without an EMAIL binding, or without a MAIL_FROM', async () => {
		const { binding, sent } = recordingBinding();
		await mailerFor(undefined, db()).send(message('a@example.org'));
		await mailerFor({ MAIL_FROM: 'noreply@inloop.example.nl' }, db()).send(
			message('b@example.org')
		);
		await mailerFor({ EMAIL: binding, MAIL_FROM: '' }, db()).send(message('c@example.org'));
		expect(sent).toEqual([]);
		for (const to of ['a@example.org', 'b@example.org', 'c@example.org']) {
			expect((await outboxFor(to)).length, to).toBe(1);
		}
	});

	it("dates an outbox copy by the worker's clock, not the database's", async () => {
		const at = '2031-06-03T12:00:00+02:00';
		const local = { PUBLIC_ORIGIN: 'http://localhost:8787', TEST_CLOCK: at };
		await mailerFor(local, db()).send(message('clock@example.org'));
		// A refused message waits in the outbox with the same date.
		const refusing: EmailBinding = {
			send: async () => {
				throw new Error('refused');
			}
		};
		await mailerFor(
			{ ...local, EMAIL: refusing, MAIL_FROM: 'noreply@inloop.example.nl' },
			db()
		).send(message('clock-refused@example.org'));
		for (const to of ['clock@example.org', 'clock-refused@example.org'])
			expect(
				(await outboxFor(to)).map((m) => m.createdAt),
				to
			).toEqual([Date.parse(at)]);
	});

	it('sends through the Email Service when bound, and keeps nothing of the message', async () => {
		const { binding, sent } = recordingBinding();
		await mailerFor({ EMAIL: binding, MAIL_FROM: 'noreply@inloop.example.nl' }, db()).send(
			message('d@example.org')
		);
		expect(sent).toEqual([
			{
				from: 'noreply@inloop.example.nl',
				to: 'd@example.org',
				subject: 'Onderwerp',
				text: 'Tekst'
			}
		]);
		expect(await outboxFor('d@example.org')).toEqual([]);
	});

	it('keeps a message the service refuses in the outbox, and logs only its kind', async () => {
		const lines: string[] = [];
		vi.spyOn(console, 'warn').mockImplementation((line: string) => lines.push(line));
		const { binding } = recordingBinding(true);
		await emailServiceMailer(binding, 'noreply@inloop.example.nl', db()).send(
			message('e@example.org')
		);
		vi.restoreAllMocks();
		const [row] = await outboxFor('e@example.org');
		expect(row).toMatchObject({ status: 'pending', subject: 'Onderwerp', kind: 'test' });
		expect(lines.map((l) => JSON.parse(l))).toEqual([
			expect.objectContaining({ event: 'mail_failed', code: 'test', error: 'EmailError' })
		]);
		expect(lines.join('')).not.toContain('e@example.org');
	});

	it('the outbox mailer writes one row per message', async () => {
		await outboxMailer(db()).send(message('f@example.org'));
		expect((await outboxFor('f@example.org')).length).toBe(1);
	});
});

describe("messages go out in the parent's language", () => {
	const today = amsterdamDate(testNow());

	async function bookIn(language: 'ar' | 'tr' | 'uk', email: string) {
		const schedule = await loadSchedule(db(), 'de-zuidwester', {
			from: today,
			to: addDays(today, 30),
			now: testNow()
		});
		const slot = schedule!.slots.find((s) => s.remaining > 0 && s.bookable)!;
		const result = await bookSlot(
			db(),
			'de-zuidwester',
			{
				staffId: slot.staffId,
				start: slot.startsAt,
				firstName: 'Layla',
				email,
				phone: undefined,
				language,
				interpreter: false,
				consent: true
			} as never,
			{ now: testNow(), madeBy: 'parent', linkSecret: env.LINK_SECRET }
		);
		if (!result.ok) throw new Error(result.code);
		return result.manageToken;
	}

	it('confirms and cancels an Arabic booking in Arabic, a Turkish one in Turkish', async () => {
		const { binding, sent } = recordingBinding();
		const mailer = emailServiceMailer(binding, 'noreply@inloop.example.nl', db());
		const arabic = await bookIn('ar', 'layla.ar@example.org');
		await sendBookingConfirmation(db(), mailer, arabic, 'https://inloop.example.nl');
		await db()
			.update(bookings)
			.set({ status: 'cancelled' })
			.where(eq(bookings.email, 'layla.ar@example.org'));
		await sendCancellation(
			db(),
			mailer,
			await findBooking(db(), arabic),
			'https://inloop.example.nl'
		);
		const turkish = await bookIn('tr', 'layla.tr@example.org');
		await sendBookingConfirmation(db(), mailer, turkish, 'https://inloop.example.nl');

		expect(sent.map((m) => m.to)).toEqual([
			'layla.ar@example.org',
			'layla.ar@example.org',
			'layla.tr@example.org'
		]);
		const [confirmation, cancellation, turkishConfirmation] = sent;
		for (const m of [confirmation, cancellation]) {
			expect(m.subject).toMatch(/\p{Script=Arabic}/u);
			expect(m.text).toMatch(/\p{Script=Arabic}/u);
		}
		expect(confirmation.text).toContain(`https://inloop.example.nl/ar/booking/${arabic}`);
		expect(confirmation.subject).not.toBe(turkishConfirmation.subject);
		expect(turkishConfirmation.text).toContain(`https://inloop.example.nl/tr/booking/${turkish}`);
		expect(turkishConfirmation.text).not.toMatch(/\p{Script=Arabic}/u);
		expect(confirmation.from).toBe('noreply@inloop.example.nl');
	});
});
