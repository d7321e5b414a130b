/**
 * What a parent hears about their booking, always in the language they booked in: the e-mail
 * confirmation and cancellation, and the calendar file.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { organisations, schools } from '../db/schema.ts';
import { formattersFor, translator } from '../../i18n/resources.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { Mailer } from '../mail/index.ts';
import { findBooking, type ParentBooking } from './index.ts';
import { calendarFile } from './ics.ts';

type Booking = ParentBooking;

function describe(booking: Booking, lang: Language, origin: string, token: string) {
	const t = translator(lang);
	const format = formattersFor(lang);
	return {
		t,
		when: format.when(booking.startsAt),
		place: [booking.locationName, booking.locationAddress].filter(Boolean).join(', '),
		link: `${origin}/${lang}/booking/${token}`
	};
}

/** The name of the organisation behind the school, for the messages' signature. */
export async function organisationName(db: Db, schoolSlug: string): Promise<string> {
	const [row] = await db
		.select({ name: organisations.name })
		.from(schools)
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(schools.slug, schoolSlug));
	return row?.name ?? '';
}

const languageOf = (booking: Booking): Language =>
	isLanguage(booking.language) ? booking.language : 'nl';

/** Sends the confirmation when the parent gave an e-mail address; the page is the confirmation otherwise. */
export async function sendBookingConfirmation(
	db: Db,
	mailer: Mailer,
	token: string,
	origin: string
) {
	const booking = await findBooking(db, token);
	if (!booking?.email) return;
	const { place } = describe(booking, languageOf(booking), origin, token);
	await mailer.send({
		to: booking.email,
		kind: 'booking_confirmed',
		bookingId: booking.id,
		...confirmationMail(
			{ ...booking, place, organisation: await organisationName(db, booking.schoolSlug) },
			origin,
			token
		)
	});
}

/**
 * The confirmation e-mail (language, subject, text) of a booking. The names may be stand-ins that
 * D1 fills in when the mail is written in the booking's own batch (./notices.ts).
 */
export function confirmationMail(
	booking: Pick<Booking, 'language' | 'firstName' | 'startsAt' | 'reference'> & {
		staffName: string;
		schoolName: string;
		place: string;
		organisation: string;
	},
	origin: string,
	token: string
) {
	const lang = isLanguage(booking.language) ? booking.language : 'nl';
	const t = translator(lang);
	return {
		language: lang,
		subject: t('mail.bookingSubject', { school: booking.schoolName }),
		text: t('mail.bookingBody', {
			firstName: booking.firstName,
			when: formattersFor(lang).when(booking.startsAt),
			staff: booking.staffName,
			place: booking.place,
			reference: booking.reference,
			link: `${origin}/${lang}/booking/${token}`,
			organisation: booking.organisation
		})
	};
}

/** Tells the parent their booking is cancelled (by them or by the wijkteam), when they gave an address. */
export async function sendCancellation(
	db: Db,
	mailer: Mailer,
	booking: Booking | null,
	origin: string
) {
	if (!booking?.email) return;
	const lang = languageOf(booking);
	const { t, when } = describe(booking, lang, origin, '');
	await mailer.send({
		to: booking.email,
		language: lang,
		kind: 'booking_cancelled',
		bookingId: booking.id,
		subject: t('mail.cancelSubject', { school: booking.schoolName }),
		text: t('mail.cancelBody', {
			firstName: booking.firstName,
			when,
			staff: booking.staffName,
			link: `${origin}/${lang}/${booking.schoolSlug}/book`,
			organisation: await organisationName(db, booking.schoolSlug)
		})
	});
}

/** The .ics for the booking: the event while it stands, a cancellation once it is cancelled. */
export function bookingCalendar(booking: Booking, lang: Language, origin: string, token: string) {
	const { t, place, link } = describe(booking, lang, origin, token);
	const cancelled = booking.status === 'cancelled';
	const changedAt = booking.updatedAt ?? booking.createdAt;
	return calendarFile({
		uid: `booking-${booking.reference}@inloop`,
		// Every change (a move, a cancellation) must count higher than the version before.
		sequence: Math.max(0, Math.floor((changedAt - booking.createdAt) / 1000)) + (cancelled ? 1 : 0),
		stamp: changedAt,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		summary: t('mail.calendarSummary', { staff: booking.staffName, school: booking.schoolName }),
		location: place,
		description: t('mail.calendarDescription', { reference: booking.reference, link }),
		cancelled
	});
}
