/**
 * Sending e-mail behind one small interface. Locally every message goes to the outbox table, which
 * staff and a developer can read. In production, with an `EMAIL` binding (Cloudflare Email Service)
 * and a `MAIL_FROM` address, messages are sent; one that cannot be sent waits in the outbox.
 */
import { and, asc, eq } from 'drizzle-orm';
import { clockOf, realClock, type Clock, type ClockEnv } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { outbox } from '../db/schema.ts';
import { errorName, log } from '../log.ts';

export type MailMessage = {
	to: string;
	subject: string;
	text: string;
	/** The language the message is written in (the parent's or the staff member's). */
	language: string;
	/** What the message is about, e.g. 'booking_confirmed'. */
	kind: string;
	/** The parent's booking or question it concerns: the copy goes when that record goes. */
	bookingId?: number;
	questionId?: number;
	/** The parent's meeting sign-up it concerns. */
	signupId?: number;
	waitlistEntryId?: number;
};

export interface Mailer {
	send(message: MailMessage): Promise<void>;
	/**
	 * True when a message is a row of the outbox and nothing more (the local mailer): a command
	 * may then write it in its own D1 batch, with the record it is about.
	 */
	readonly queued?: boolean;
}

/** The part of the Email Service binding (`SendEmail`) that the mailer uses. */
export type EmailBinding = {
	send(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

/** The bindings and variables that decide how mail leaves. */
export type MailEnv = ({ EMAIL?: EmailBinding; MAIL_FROM?: string } & ClockEnv) | undefined;

/** The local mailer: writes the message to the outbox, dated by the worker's clock. */
export function outboxMailer(db: Db, clock: Clock = realClock): Mailer {
	return {
		queued: true,
		async send(message) {
			await db.insert(outbox).values({
				createdAt: clock(),
				toAddress: message.to,
				subject: message.subject,
				text: message.text,
				language: message.language,
				kind: message.kind,
				bookingId: message.bookingId ?? null,
				questionId: message.questionId ?? null,
				signupId: message.signupId ?? null,
				waitlistEntryId: message.waitlistEntryId ?? null
			});
		}
	};
}

/**
 * Hands a message to the Email Service; answers whether it took it. The log says which, and what
 * kind of message it was, never to whom.
 */
async function sendByService(
	binding: EmailBinding,
	from: string,
	message: { to: string; subject: string; text: string; kind: string }
): Promise<boolean> {
	try {
		await binding.send({ from, to: message.to, subject: message.subject, text: message.text });
		log('info', 'mail_sent', { code: message.kind });
		return true;
	} catch (error) {
		log('warn', 'mail_failed', { code: message.kind, error: errorName(error) });
		return false;
	}
}

/**
 * The production mailer: Cloudflare Email Service. Nothing is kept of a message that was sent. A
 * message the service refuses or cannot take now goes to the outbox (status pending) instead of
 * failing the parent's booking or question, which is already stored; the log says only that it
 * happened and what kind of message it was.
 */
export function emailServiceMailer(
	binding: EmailBinding,
	from: string,
	db: Db,
	clock: Clock = realClock
): Mailer {
	const fallback = outboxMailer(db, clock);
	return {
		async send(message) {
			if (!(await sendByService(binding, from, message))) await fallback.send(message);
		}
	};
}

/** The mailer for this deployment: Email Service when it is bound and has a sender, else the outbox. */
export function mailerFor(env: MailEnv, db: Db): Mailer {
	const clock = clockOf(env);
	if (env?.EMAIL && env.MAIL_FROM) return emailServiceMailer(env.EMAIL, env.MAIL_FROM, db, clock);
	return outboxMailer(db, clock);
}

/** A secret in a link: a token of at least 16 URL-safe characters (references are 6). */
const SECRET_IN_LINK = /[A-Za-z0-9_-]{16,}/g;

/**
 * The text with the secret part of every link taken out ("…/booking/[…]"): what a copy of a mail
 * may keep once it has been delivered, and what staff may see of it. Where the link led stays
 * readable; nobody can open it from here.
 */
export function redactLinks(text: string): string {
	return text.replace(/https?:\/\/[^\s<>"']+/g, (url) => url.replace(SECRET_IN_LINK, '[…]'));
}

/** Attempts (one per cron run) before a message that cannot be delivered is given up. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Messages per run: the cron stays short, the rest waits for the next run. */
const DELIVERY_BATCH = 50;

/**
 * Sends the messages waiting in the outbox (the Email Service refused them before). A delivered
 * message stays as `sent`, a given-up one as `failed`, both without their links: only a message
 * that still has to go keeps what it needs. Run by the cron when a mail binding is set up.
 */
export async function deliverOutbox(
	db: Db,
	binding: EmailBinding,
	from: string,
	now: number
): Promise<{ sent: number; failed: number; waiting: number }> {
	const waiting = await db
		.select()
		.from(outbox)
		.where(eq(outbox.status, 'pending'))
		.orderBy(asc(outbox.createdAt))
		.limit(DELIVERY_BATCH);
	const counts = { sent: 0, failed: 0, waiting: 0 };
	const updates = [];
	for (const message of waiting) {
		const delivered = await sendByService(binding, from, { ...message, to: message.toAddress });
		const attempts = message.attempts + 1;
		const status = delivered ? 'sent' : attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending';
		counts[status === 'pending' ? 'waiting' : status]++;
		updates.push(
			db
				.update(outbox)
				.set({
					status,
					attempts,
					sentAt: delivered ? now : null,
					text: status === 'pending' ? message.text : redactLinks(message.text),
					html: null
				})
				.where(and(eq(outbox.id, message.id), eq(outbox.status, 'pending')))
		);
	}
	const [first, ...rest] = updates;
	if (first) await db.batch([first, ...rest]);
	return counts;
}
