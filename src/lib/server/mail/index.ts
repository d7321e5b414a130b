/**
 * Sending e-mail behind one small interface. Locally (and until a production sender is set up)
 * every message goes to the outbox table, which staff and a developer can read.
 */
import type { Db } from '../db/index.ts';
import { outbox } from '../db/schema.ts';

export type MailMessage = {
	to: string;
	subject: string;
	text: string;
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
