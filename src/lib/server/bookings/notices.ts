/**
 * A booking's parent as the notifier sees them (../notify): their language, contact details and
 * their manage page — when the token is known or can be made again from the booking's link key —
 * and the events of a booking: confirmed, cancelled, a reminder.
 */
import { eq, inArray } from 'drizzle-orm';
import { bookings, organisations, schools } from '../db/schema.ts';
import {
	languageOf,
	notifyAll,
	notifyParent,
	type Notifier,
	type Recipient
} from '../notify/index.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import { bookingToken, type ParentBooking } from './index.ts';
import { sendBookingConfirmation, sendCancellation } from './messages.ts';

/** The parents of bookings, in one statement. */
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
 * ./messages.ts (time, place, manage link); the rest use the short notice.
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
	if (event === 'confirmed' && options.token && recipient.email) {
		await sendBookingConfirmation(n.db, n.mailer, options.token, n.origin);
		mailed = true;
	}
	await notifyParent(n, recipient, event, { mail: !mailed });
}

/**
 * Cancelled bookings (as read after the cancellation): the cancellation e-mail of ./messages.ts,
 * a text message, and push when the wijkteam cancelled (a parent who cancelled on their own page
 * needs no notification on that same phone).
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
