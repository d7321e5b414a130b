/**
 * Sending e-mail behind one small interface. Locally every message goes to the outbox table, which
 * staff and a developer can read. In production, with an `EMAIL` binding (Cloudflare Email Service)
 * and a `MAIL_FROM` address, messages are sent; one that cannot be sent waits in the outbox.
 */
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
};

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

/** The part of the Email Service binding (`SendEmail`) that the mailer uses. */
export type EmailBinding = {
	send(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

/** The bindings and variables that decide how mail leaves. */
export type MailEnv = { EMAIL?: EmailBinding; MAIL_FROM?: string } | undefined;

/** The local mailer: writes the message to the outbox. */
export function outboxMailer(db: Db): Mailer {
	return {
		async send(message) {
			await db.insert(outbox).values({
				toAddress: message.to,
				subject: message.subject,
				text: message.text,
				language: message.language,
				kind: message.kind,
				bookingId: message.bookingId ?? null,
				questionId: message.questionId ?? null
			});
		}
	};
}

/**
 * The production mailer: Cloudflare Email Service. Nothing is kept of a message that was sent. A
 * message the service refuses or cannot take now goes to the outbox (status pending) instead of
 * failing the parent's booking or question, which is already stored; the log says only that it
 * happened and what kind of message it was.
 */
export function emailServiceMailer(binding: EmailBinding, from: string, db: Db): Mailer {
	const fallback = outboxMailer(db);
	return {
		async send(message) {
			try {
				await binding.send({
					from,
					to: message.to,
					subject: message.subject,
					text: message.text
				});
				log('info', 'mail_sent', { code: message.kind });
			} catch (error) {
				log('warn', 'mail_failed', { code: message.kind, error: errorName(error) });
				await fallback.send(message);
			}
		}
	};
}

/** The mailer for this deployment: Email Service when it is bound and has a sender, else the outbox. */
export function mailerFor(env: MailEnv, db: Db): Mailer {
	if (env?.EMAIL && env.MAIL_FROM) return emailServiceMailer(env.EMAIL, env.MAIL_FROM, db);
	return outboxMailer(db);
}
