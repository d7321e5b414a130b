/**
 * The local mailbox (`npm start`): every message that would have gone out — the outbox's e-mails,
 * the text messages and push notifications the stand-ins recorded — newest first, so a developer
 * sees what parents receive. The page exists only where `localMailboxOn` (./push.ts) says so.
 */
import { desc } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { localMessages, outbox } from '../db/schema.ts';

export type MailboxEntry = {
	channel: 'mail' | 'sms' | 'push';
	to: string;
	subject: string | null;
	text: string;
	kind: string;
	language: string;
	at: number;
};

/** The newest messages of every channel, in one D1 round trip. */
export async function readMailbox(db: Db, limit = 200): Promise<MailboxEntry[]> {
	const [mails, others] = await db.batch([
		db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit),
		db.select().from(localMessages).orderBy(desc(localMessages.createdAt)).limit(limit)
	]);
	return [
		...mails.map((m) => ({
			channel: 'mail' as const,
			to: m.toAddress,
			subject: m.subject,
			text: m.text,
			kind: m.kind,
			language: m.language,
			at: m.createdAt
		})),
		...others.map((m) => {
			const push = m.channel === 'push' ? (JSON.parse(m.text) as Record<string, string>) : null;
			return {
				channel: m.channel,
				to: m.toAddress,
				subject: push?.title ?? null,
				text: push ? `${push.body}\n${push.url}` : m.text,
				kind: m.event,
				language: m.language,
				at: m.createdAt
			};
		})
	]
		.sort((a, b) => b.at - a.at)
		.slice(0, limit);
}
