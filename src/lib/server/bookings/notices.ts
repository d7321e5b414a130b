/**
 * A booking's parent as the notifier sees them (../notify): their language, contact details and
 * their manage page — when the token is known or can be made again from the booking's link key —
 * and the events of a booking: confirmed, cancelled, a reminder.
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { bookings, organisations, schools } from '../db/schema.ts';
import {
	noticeText,
	notifyAll,
	notifyParent,
	recipientColumns,
	recipientsOf,
	type Notifier
} from '../notify/index.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import { bookingToken, type ParentBooking } from './index.ts';
import { confirmationMail, sendBookingConfirmation, sendCancellation } from './messages.ts';
import { translator } from '../../i18n/resources.ts';

/** The parents of bookings, in one statement. */
export function bookingRecipients(n: Notifier, ids: number[], tokens = new Map<number, string>()) {
	return recipientsOf(n, ids, tokens, {
		record: 'booking',
		read: () =>
			n.db
				.select(recipientColumns(bookings))
				.from(bookings)
				.innerJoin(schools, eq(schools.id, bookings.schoolId))
				.innerJoin(organisations, eq(organisations.id, schools.organisationId))
				.where(inArray(bookings.id, ids)),
		tokenOf: bookingToken,
		page: (token) => `booking/${token}`,
		fallback: (slug) => `${slug}/book`
	});
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

/** A booking being made, as its confirmation needs it (the row is written in the same batch). */
export type Confirmation = {
	token: string;
	tokenHash: string;
	reference: string;
	firstName: string;
	email: string | null;
	phone: string | null;
	language: ParentBooking['language'];
	startsAt: number;
	now: number;
};

type Names = { schoolName: string; staffName: string; place: string; organisation: string };

/** What only D1 knows while the booking's batch runs: stand-ins in the texts that it replaces. */
const FROM_D1: Names = {
	schoolName: '\u2063school\u2063',
	staffName: '\u2063staff\u2063',
	place: '\u2063place\u2063',
	organisation: '\u2063organisation\u2063'
};

/** The confirmation's e-mail and text message, with the names given. */
function confirmationTexts(n: Notifier, c: Confirmation, names: Names) {
	const mail = confirmationMail({ ...c, ...names }, n.origin, c.token);
	const url = `${n.origin}/${mail.language}/booking/${c.token}`;
	const sms = translator(mail.language)('notice.sms', {
		text: noticeText({ language: mail.language, school: names.schoolName }, 'confirmed'),
		link: url
	});
	return { mail, sms };
}

/**
 * The confirmation as statements of the booking's own D1 batch, for the channels whose messages
 * are rows (the outbox; the text-message stand-in): written with the booking or not at all, and
 * no round trip of their own. D1 fills in the school's, professional's, place's and organisation's
 * names from the row just written. Channels that leave the worker go after the batch
 * (`confirmLive`).
 */
export function confirmationStatements(n: Notifier, c: Confirmation): SQL[] {
	const { mail, sms } = confirmationTexts(n, c, FROM_D1);
	const booking = sql`bookings b JOIN schools s ON s.id = b.school_id
		JOIN organisations o ON o.id = s.organisation_id JOIN staff st ON st.id = b.staff_id
		LEFT JOIN locations l ON l.id = b.location_id
		WHERE b.manage_token_hash = ${c.tokenHash}`;
	// As messages.ts joins them: the place's name and address, either alone when the other is empty.
	const place = sql`CASE WHEN coalesce(l.name, '') <> '' AND coalesce(l.address, '') <> ''
		THEN l.name || ', ' || l.address ELSE coalesce(nullif(l.name, ''), nullif(l.address, ''), '') END`;
	const statements: SQL[] = [];
	if (c.email && n.mailer.queued) {
		statements.push(sql`INSERT INTO outbox (to_address, subject, text, language, kind, booking_id, created_at)
			SELECT b.email, replace(${mail.subject}, ${FROM_D1.schoolName}, s.name),
				replace(replace(replace(${mail.text}, ${FROM_D1.staffName}, st.name), ${FROM_D1.place}, ${place}),
					${FROM_D1.organisation}, o.name),
				${mail.language}, 'booking_confirmed', b.id, ${c.now}
			FROM ${booking}`);
	}
	if (c.phone && n.sms?.queued) {
		statements.push(sql`INSERT INTO local_messages (channel, to_address, text, event, language, booking_id, created_at)
			SELECT 'sms', b.phone, replace(${sms}, ${FROM_D1.schoolName}, s.name), 'confirmed',
				${mail.language}, b.id, ${c.now}
			FROM ${booking}`);
	}
	return statements;
}

/**
 * The confirmation by the channels that leave the worker (the Email Service, CM.com), once the
 * booking's batch is written: the names come from the row it read back, so no round trip. A new
 * booking has no push subscription yet.
 */
export async function confirmLive(
	n: Notifier,
	c: Confirmation,
	booking: ParentBooking,
	organisation: string
): Promise<void> {
	const place = [booking.locationName, booking.locationAddress].filter(Boolean).join(', ');
	const { mail, sms } = confirmationTexts(n, c, { ...booking, place, organisation });
	if (c.email && !n.mailer.queued) {
		await n.mailer.send({ to: c.email, kind: 'booking_confirmed', bookingId: booking.id, ...mail });
	}
	if (c.phone && n.sms && !n.sms.queued) {
		await n.sms.send([
			{
				to: c.phone,
				text: sms,
				event: 'confirmed',
				language: mail.language,
				about: { record: 'booking', id: booking.id }
			}
		]);
	}
}
