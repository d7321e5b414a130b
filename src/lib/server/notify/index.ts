/**
 * Reaching a parent who has no account: one call tells them about an event of their record by
 * every channel they have — e-mail when they gave an address, a text message when they gave a
 * phone number and text messages are on, web push on every device where they turned it on for
 * that record. Every message is in their language, short, and links to their own page; none
 * holds the question, the topic or anything a lock screen should not show.
 *
 *   const notifier = notifierFor(env, db, origin);       // once per request or cron run (Ctx)
 *   await notifyParent(notifier, recipient, 'offer');     // any record (a waiting list)
 *
 * Each kind of record makes its `Recipient` in its own room (bookings/notices.ts,
 * questions/notices.ts, walkin/notices.ts), so this room imports none of them.
 */
import { clockOf, type Clock, type ClockEnv } from '../clock.ts';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/index.ts';
import { organisations, schools } from '../db/schema.ts';
import { mailerFor, type Mailer, type MailEnv } from '../mail/index.ts';
import { translator } from '../../i18n/resources.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import type { KeyUnder } from '../../i18n/keys.ts';
import { smsSenderFor, type SmsEnv, type SmsSender } from './sms.ts';
import { pushSenderFor, type PushEnv, type PushSender, type PushTarget } from './push.ts';
import { displaysFor, type Displays, type LiveEnv } from '../live/index.ts';

export type NotifyEnv =
	| (MailEnv & SmsEnv & PushEnv & ClockEnv & NonNullable<LiveEnv> & { LINK_SECRET?: string })
	| undefined;

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
	/** The school's live screens (kiosk, queue page, ticket pages): told of every walk-in change. */
	displays: Displays;
};

/** `waitUntil` (the request's or the cron's) lets the screens be told after the answer. */
export function notifierFor(
	env: NotifyEnv,
	db: Db,
	origin?: string,
	waitUntil?: (promise: Promise<unknown>) => void
): Notifier {
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
		clock,
		displays: displaysFor(env, waitUntil)
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

/** What a record's row gives to reach its parent: who, how, which school, the key of their link. */
export type RecipientRow = {
	id: number;
	firstName: string | null;
	email: string | null;
	phone: string | null;
	language: string | null;
	linkKey: string | null;
	school: string;
	slug: string;
	organisation: string;
};

/**
 * The parents of records of a kind (bookings, sign-ups) by their ids, read in one statement
 * (`read`, with `recipientColumns`): their own page when its token is known or can be made again
 * from the row's link key, the school's page otherwise.
 */
export async function recipientsOf(
	n: Pick<Notifier, 'origin' | 'linkSecret'>,
	ids: number[],
	tokens: Map<number, string>,
	kind: {
		record: 'booking' | 'signup';
		read: () => Promise<RecipientRow[]>;
		tokenOf: (secret: string, linkKey: string) => Promise<string>;
		/** The parent's own page and, without a token, the school's page to go to, after `/{lang}/`. */
		page: (token: string) => string;
		fallback: (slug: string) => string;
	}
): Promise<Map<number, Recipient>> {
	const recipients = new Map<number, Recipient>();
	if (!ids.length) return recipients;
	for (const row of await kind.read()) {
		const manage =
			tokens.get(row.id) ?? (row.linkKey ? await kind.tokenOf(n.linkSecret, row.linkKey) : null);
		recipients.set(
			row.id,
			recipientOf(n, row, manage ? kind.page(manage) : kind.fallback(row.slug), {
				record: kind.record,
				id: row.id
			})
		);
	}
	return recipients;
}

/** A parent as every channel needs them, from their record's row and their page (after `/{lang}/`). */
export function recipientOf(
	n: Pick<Notifier, 'origin'>,
	row: Pick<RecipientRow, 'firstName' | 'email' | 'phone' | 'language' | 'school' | 'organisation'>,
	page: string,
	about: Recipient['about']
): Recipient {
	const language = languageOf(row.language);
	return {
		language,
		firstName: row.firstName,
		email: row.email,
		phone: row.phone,
		school: row.school,
		organisation: row.organisation,
		url: `${n.origin}/${language}/${page}`,
		about
	};
}

/**
 * The columns of a record (a booking, a question, a sign-up) that make its `RecipientRow`; the
 * caller joins the record's school and organisation.
 */
export function recipientColumns<T extends Record<keyof RecipientColumns, SQLiteColumn>>(
	record: T
) {
	return {
		id: record.id,
		firstName: record.firstName,
		email: record.email,
		phone: record.phone,
		language: record.language,
		linkKey: record.linkKey,
		school: schools.name,
		slug: schools.slug,
		organisation: organisations.name
	};
}
type RecipientColumns = Omit<RecipientRow, 'school' | 'slug' | 'organisation'>;

/** The parent's language as stored, or Dutch. */
export const languageOf = (value: string | null | undefined): Language =>
	isLanguage(value) ? value : 'nl';

/** Each event's text: `next_but_one` would read as a plural form (`_one`) in a key, hence camelCase. */
const NOTICE_KEYS = {
	confirmed: 'confirmed',
	reminder: 'reminder',
	cancelled: 'cancelled',
	moved: 'moved',
	answered: 'answered',
	offer: 'offer',
	next_but_one: 'nextButOne',
	called: 'called',
	meeting_confirmed: 'meetingConfirmed',
	meeting_reminder: 'meetingReminder',
	meeting_cancelled: 'meetingCancelled',
	signup_cancelled: 'signupCancelled',
	meeting_waiting: 'meetingWaiting',
	meeting_promoted: 'meetingPromoted'
} as const satisfies Record<NoticeEvent, KeyUnder<'notice'>>;

/** The short text of an event, the same in every channel. */
export function noticeText(
	recipient: Pick<Recipient, 'language' | 'school'>,
	event: NoticeEvent
): string {
	return translator(recipient.language)(`notice.${NOTICE_KEYS[event]}`, {
		school: recipient.school
	});
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
			...(recipient.about?.record === 'signup' ? { signupId: recipient.about.id } : {}),
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
