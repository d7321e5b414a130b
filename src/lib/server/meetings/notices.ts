/**
 * A meeting sign-up's parent as the notifier sees them (../notify): their language, contact
 * details and their sign-up page (the token made again from the sign-up's link key), and the
 * events of a sign-up: confirmed, a reminder, cancelled by the parent, the meeting cancelled.
 * The confirmation's and the meeting's cancellation's e-mails are the fuller ones of
 * ./messages.ts (title, time, place); text messages and push carry the short notice.
 */
import { eq, inArray } from 'drizzle-orm';
import { meetingSignups, meetings, organisations, schools } from '../db/schema.ts';
import { notifyAll, recipientColumns, recipientsOf, type Notifier } from '../notify/index.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import { signupToken } from './index.ts';
import { sendMeetingCancelled, sendSignupConfirmation } from './messages.ts';

/** The parents of sign-ups, in one statement. */
export function signupRecipients(n: Notifier, ids: number[], tokens = new Map<number, string>()) {
	return recipientsOf(n, ids, tokens, {
		record: 'signup',
		read: () =>
			n.db
				.select(recipientColumns(meetingSignups))
				.from(meetingSignups)
				.innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
				.innerJoin(schools, eq(schools.id, meetings.schoolId))
				.innerJoin(organisations, eq(organisations.id, meetings.organisationId))
				.where(inArray(meetingSignups.id, ids)),
		tokenOf: signupToken,
		page: (token) => `meeting/${token}`,
		fallback: (slug) => `${slug}`
	});
}

/**
 * Tells the parents of sign-ups about one event by every channel they have. `mailed` sign-ups
 * already had the fuller e-mail; `push: false` when the parent did it on this very device.
 */
export async function notifySignups(
	n: Notifier,
	ids: number[],
	event: Extract<NoticeEvent, `meeting_${string}` | 'signup_cancelled'>,
	options: { tokens?: Map<number, string>; mailed?: boolean; push?: boolean } = {}
): Promise<void> {
	if (!ids.length) return;
	const recipients = await signupRecipients(n, ids, options.tokens);
	await notifyAll(
		n,
		[...recipients.values()].map((recipient) => ({
			recipient,
			event,
			mail: !options.mailed,
			push: options.push
		}))
	);
}

/** Event: a parent signed up. The fuller e-mail with the manage link, a text message, push. */
export async function notifySignedUp(n: Notifier, id: number, token: string): Promise<void> {
	await sendSignupConfirmation(n.db, n.mailer, token, n.origin);
	await notifySignups(n, [id], 'meeting_confirmed', {
		tokens: new Map([[id, token]]),
		mailed: true,
		// The parent is on the page that says so; a device only subscribes after this.
		push: false
	});
}

/** Event: the wijkteam cancelled a meeting. Its e-mail, then text messages and push. */
export async function notifyMeetingCancelled(n: Notifier, ids: number[]): Promise<void> {
	await sendMeetingCancelled(n.db, n.mailer, ids, n.origin);
	await notifySignups(n, ids, 'meeting_cancelled', { mailed: true });
}
