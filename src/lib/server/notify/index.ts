/**
 * Reaching a parent who has no account: one call tells them about an event of their record by
 * every channel they have — e-mail when they gave an address, a text message when they gave a
 * phone number and text messages are on, web push on every device where they turned it on for
 * that record. Every message is in their language, short, and links to their own page; none
 * holds the question, the topic or anything a lock screen should not show.
 *
 *   const notifier = notifierFor(env, db, origin);       // once per request or cron run
 *   await notifyBooking(notifier, bookingId, 'reminder');
 *   await notifyParent(notifier, recipient, 'offer');     // any other record (a waiting list)
 */
import { eq, inArray } from 'drizzle-orm';
import { clockOf, type Clock, type ClockEnv } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { bookings, organisations, questions, schools, walkInTickets } from '../db/schema.ts';
import { mailerFor, type Mailer, type MailEnv } from '../mail/index.ts';
import { bookingToken, type ParentBooking } from '../bookings/index.ts';
import { sendBookingConfirmation, sendCancellation } from '../bookings/messages.ts';
import { questionToken } from '../questions/index.ts';
import { sendQuestionMail } from '../questions/messages.ts';
import { ticketToken, turnNotices } from '../walkin/index.ts';
import { translator } from '../../i18n/resources.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import { smsSenderFor, type SmsEnv, type SmsSender } from './sms.ts';
import { pushSenderFor, type PushEnv, type PushSender, type PushTarget } from './push.ts';

export type NotifyEnv =
	(MailEnv & SmsEnv & PushEnv & ClockEnv & { LINK_SECRET?: string }) | undefined;

/** The channels of this deployment and what links need: made once per request or cron run. */
export type Notifier = {
	db: Db;
	mailer: Mailer;
	sms: SmsSender | null;
	push: PushSender | null;
	/** The origin of links in messages (the request's, or PUBLIC_ORIGIN for the cron). */
	origin: string;
	linkSecret: string;
	clock: Clock;
};

export function notifierFor(env: NotifyEnv, db: Db, origin?: string): Notifier {
	const clock = clockOf(env);
	const linkSecret = env?.LINK_SECRET;
	if (!linkSecret) throw new Error('LINK_SECRET is not set (wrangler.toml [vars] or a secret).');
	return {
		db,
		mailer: mailerFor(env, db),
		sms: smsSenderFor(env, db, clock),
		push: pushSenderFor(env, db, clock),
		origin: origin ?? env?.PUBLIC_ORIGIN ?? '',
		linkSecret,
		clock
	};
}

/** Who to tell and where their page is: what every channel needs, from any kind of record. */
export type Recipient = {
	language: Language;
	firstName: string | null;
	email: string | null;
	phone: string | null;
	school: string;
	organisation: string;
	/** The parent's own page (absolute URL). */
	url: string;
	/** The record: push subscriptions and local copies hang on it. */
	about: PushTarget | null;
};

const languageOf = (value: string | null | undefined): Language =>
	isLanguage(value) ? value : 'nl';

/** The short text of an event, the same in every channel. */
export function noticeText(recipient: Recipient, event: NoticeEvent): string {
	return translator(recipient.language)(`notice.${event}`, { school: recipient.school });
}

export type Notice = {
	recipient: Recipient;
	event: NoticeEvent;
	/** false when the caller's own, fuller e-mail (the confirmation with time and place) went. */
	mail?: boolean;
	/** false when the parent did it on this very device (their own cancellation). */
	push?: boolean;
};

/**
 * Tells each parent by every channel they have. Text messages and push go out together, so a
 * day off that cancels ten appointments costs the same D1 round trips as one.
 */
export async function notifyAll(n: Notifier, notices: Notice[]): Promise<void> {
	for (const { recipient, event, mail } of notices) {
		if (!recipient.email || mail === false) continue;
		const t = translator(recipient.language);
		await n.mailer.send({
			to: recipient.email,
			language: recipient.language,
			kind: `notice_${event}`,
			...(recipient.about?.record === 'booking' ? { bookingId: recipient.about.id } : {}),
			...(recipient.about?.record === 'question' ? { questionId: recipient.about.id } : {}),
			subject: t('notice.mailSubject', { school: recipient.school }),
			text: t('notice.mailBody', {
				firstName: recipient.firstName ?? t('mail.parent'),
				text: noticeText(recipient, event),
				link: recipient.url,
				organisation: recipient.organisation
			})
		});
	}
	if (n.sms) {
		await n.sms.send(
			notices
				.filter(({ recipient }) => recipient.phone)
				.map(({ recipient, event }) => ({
					to: recipient.phone!,
					text: translator(recipient.language)('notice.sms', {
						text: noticeText(recipient, event),
						link: recipient.url
					}),
					event,
					language: recipient.language,
					about: recipient.about
				}))
		);
	}
	if (n.push) {
		await n.push.send(
			notices
				.filter(({ recipient, push }) => recipient.about && push !== false)
				.map(({ recipient, event }) => ({
					target: recipient.about!,
					title: translator(recipient.language)('notice.pushTitle', { school: recipient.school }),
					body: noticeText(recipient, event),
					url: recipient.url,
					event,
					language: recipient.language
				}))
		);
	}
}

/** Tells one parent by every channel they have (any record, e.g. a waiting-list entry). */
export function notifyParent(
	n: Notifier,
	recipient: Recipient,
	event: NoticeEvent,
	options: Omit<Notice, 'recipient' | 'event'> = {}
): Promise<void> {
	return notifyAll(n, [{ recipient, event, ...options }]);
}

/**
 * The parents of bookings, in one statement: their manage page when the token is known or can
 * be made again (the booking's link key), else the school's booking page.
 */
export async function bookingRecipients(
	n: Notifier,
	ids: number[],
	tokens: Map<number, string> = new Map()
): Promise<Map<number, Recipient>> {
	if (!ids.length) return new Map();
	const rows = await n.db
		.select({
			id: bookings.id,
			firstName: bookings.firstName,
			email: bookings.email,
			phone: bookings.phone,
			language: bookings.language,
			linkKey: bookings.linkKey,
			school: schools.name,
			slug: schools.slug,
			organisation: organisations.name
		})
		.from(bookings)
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(inArray(bookings.id, ids));
	const recipients = new Map<number, Recipient>();
	for (const row of rows) {
		const language = languageOf(row.language);
		const manage =
			tokens.get(row.id) ?? (row.linkKey ? await bookingToken(n.linkSecret, row.linkKey) : null);
		recipients.set(row.id, {
			language,
			firstName: row.firstName,
			email: row.email,
			phone: row.phone,
			school: row.school,
			organisation: row.organisation,
			url: manage
				? `${n.origin}/${language}/booking/${manage}`
				: `${n.origin}/${language}/${row.slug}/book`,
			about: { record: 'booking', id: row.id }
		});
	}
	return recipients;
}

/**
 * A booking's event by every channel. The confirmation's e-mail is the fuller one of
 * bookings/messages.ts (time, place, manage link); the rest use the short notice.
 */
export async function notifyBooking(
	n: Notifier,
	bookingId: number,
	event: Extract<NoticeEvent, 'confirmed' | 'reminder' | 'moved'>,
	options: { token?: string } = {}
): Promise<void> {
	const tokens = new Map(options.token ? [[bookingId, options.token]] : []);
	const recipient = (await bookingRecipients(n, [bookingId], tokens)).get(bookingId);
	if (!recipient) return;
	let mailed = false;
	if (event === 'confirmed' && options.token) {
		await sendBookingConfirmation(n.db, n.mailer, options.token, n.origin);
		mailed = true;
	}
	await notifyParent(n, recipient, event, { mail: !mailed });
}

/**
 * Cancelled bookings (as they were read after the cancellation): the cancellation e-mail of
 * bookings/messages.ts, a text message, and push when the wijkteam cancelled (a parent who
 * cancelled on their own page needs no notification on that same phone).
 */
export async function notifyCancelled(
	n: Notifier,
	cancelled: ParentBooking[],
	by: 'parent' | 'staff'
): Promise<void> {
	for (const booking of cancelled) await sendCancellation(n.db, n.mailer, booking, n.origin);
	const recipients = await bookingRecipients(
		n,
		cancelled.map((b) => b.id)
	);
	await notifyAll(
		n,
		[...recipients.values()].map((recipient) => ({
			recipient,
			event: 'cancelled' as const,
			mail: false,
			push: by === 'staff'
		}))
	);
}

/** The parent of a question, with the link to its private page. */
export async function questionRecipient(
	n: Notifier,
	questionId: number
): Promise<Recipient | null> {
	const [row] = await n.db
		.select({
			id: questions.id,
			firstName: questions.firstName,
			email: questions.email,
			phone: questions.phone,
			language: questions.language,
			linkKey: questions.linkKey,
			school: schools.name,
			slug: schools.slug,
			organisation: organisations.name
		})
		.from(questions)
		.innerJoin(schools, eq(schools.id, questions.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(questions.id, questionId));
	if (!row?.linkKey) return null;
	const language = languageOf(row.language);
	return {
		language,
		firstName: row.firstName,
		email: row.email,
		phone: row.phone,
		school: row.school,
		organisation: row.organisation,
		url: `${n.origin}/${language}/question/${await questionToken(n.linkSecret, row.linkKey)}`,
		about: { record: 'question', id: row.id }
	};
}

/** "The answer is ready": the e-mail of questions/messages.ts, a text message and push. */
export async function notifyQuestion(n: Notifier, questionId: number, event: 'answered') {
	const recipient = await questionRecipient(n, questionId);
	if (!recipient) return;
	await sendQuestionMail(n.db, n.mailer, 'question_answered', questionId, n.origin, n.linkSecret);
	await notifyParent(n, recipient, event, { mail: false });
}

/** A walk-in ticket's parent: no contact details, only the devices that turned push on. */
export async function ticketRecipient(n: Notifier, ticketId: number): Promise<Recipient | null> {
	const [row] = await n.db
		.select({
			id: walkInTickets.id,
			language: walkInTickets.language,
			linkKey: walkInTickets.linkKey,
			school: schools.name,
			organisation: organisations.name
		})
		.from(walkInTickets)
		.innerJoin(schools, eq(schools.id, walkInTickets.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(walkInTickets.id, ticketId));
	if (!row?.linkKey) return null;
	const language = languageOf(row.language);
	return {
		language,
		firstName: null,
		email: null,
		phone: null,
		school: row.school,
		organisation: row.organisation,
		url: `${n.origin}/${language}/ticket/${await ticketToken(n.linkSecret, row.linkKey)}`,
		about: { record: 'ticket', id: row.id }
	};
}

export async function notifyTicket(
	n: Notifier,
	ticketId: number,
	event: Extract<NoticeEvent, 'next_but_one' | 'called'>
) {
	const recipient = await ticketRecipient(n, ticketId);
	if (recipient) await notifyParent(n, recipient, event);
}

/**
 * After the professional called the next number: the parent called is told it is their turn, and
 * the one who now has one person before them that it is nearly theirs (once).
 */
export async function notifyTurns(
	n: Notifier,
	queue: { schoolId: number; staffId: number },
	now: number
): Promise<void> {
	const { called, nextButOne } = await turnNotices(n.db, queue, now);
	const notices: Notice[] = [];
	for (const [id, event] of [
		[called, 'called'],
		[nextButOne, 'next_but_one']
	] as const) {
		const recipient = id === null ? null : await ticketRecipient(n, id);
		if (recipient) notices.push({ recipient, event });
	}
	if (notices.length) await notifyAll(n, notices);
}
