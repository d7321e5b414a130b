/**
 * What a parent hears about a meeting they signed up for, always in the language they signed up
 * in: one function per event (signed up, meeting cancelled), and the calendar file. Messages go
 * through the mailer (the outbox locally) to parents who gave an e-mail address; no message holds
 * more than the meeting's title, time and place.
 */
import type { Db } from '../db/index.ts';
import { formattersFor, translator } from '../../i18n/resources.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { Mailer } from '../mail/index.ts';
import { amsterdamDate } from '../scheduling/time.ts';
import { calendarFile } from '../bookings/ics.ts';
import { findSignup, findSignupsByIds, inLanguage, type ParentSignup } from './index.ts';

const languageOf = (s: ParentSignup): Language => (isLanguage(s.language) ? s.language : 'nl');

function describe(s: ParentSignup, lang: Language) {
	const format = formattersFor(lang);
	return {
		t: translator(lang),
		title: inLanguage(s.title, lang).text,
		when: `${format.date(amsterdamDate(s.startsAt))}, ${format.time(s.startsAt)}`,
		place: `${s.place}, ${s.schoolName}, ${s.schoolAddress}, ${s.schoolTown}`
	};
}

/** Event: a parent signed up. A confirmation with the manage link, when they gave an address. */
export async function sendSignupConfirmation(
	db: Db,
	mailer: Mailer,
	token: string,
	origin: string
) {
	const signup = await findSignup(db, token);
	if (!signup?.email) return;
	const lang = languageOf(signup);
	const { t, title, when, place } = describe(signup, lang);
	await mailer.send({
		to: signup.email,
		language: lang,
		kind: 'meeting_signed_up',
		signupId: signup.id,
		subject: t('mail.meetingSubject', { title }),
		text: t('mail.meetingBody', {
			firstName: signup.firstName,
			title,
			when,
			place,
			people: signup.people,
			reference: signup.reference,
			link: `${origin}/${lang}/meeting/${token}`
		})
	});
}

/**
 * Event: the wijkteam cancelled a meeting. Tells every parent whose sign-up stood, each in their
 * own language, by the channels they gave (e-mail for now; SMS and push join here).
 */
export async function sendMeetingCancelled(
	db: Db,
	mailer: Mailer,
	signupIds: number[],
	origin: string
) {
	for (const signup of await findSignupsByIds(db, signupIds)) {
		if (!signup.email) continue;
		const lang = languageOf(signup);
		const { t, title, when } = describe(signup, lang);
		await mailer.send({
			to: signup.email,
			language: lang,
			kind: 'meeting_cancelled',
			signupId: signup.id,
			subject: t('mail.meetingCancelSubject', { title }),
			text: t('mail.meetingCancelBody', {
				firstName: signup.firstName,
				title,
				when,
				link: `${origin}/${lang}/${signup.schoolSlug}`
			})
		});
	}
}

/** The .ics for the sign-up: the event while it stands, a cancellation once it or the meeting is cancelled. */
export function signupCalendar(
	signup: ParentSignup,
	lang: Language,
	origin: string,
	token: string
) {
	const { t, title, place } = describe(signup, lang);
	const cancelled = signup.status === 'cancelled' || signup.meetingStatus === 'cancelled';
	const changedAt = signup.updatedAt ?? signup.createdAt;
	return calendarFile({
		uid: `meeting-${signup.reference}@inloop`,
		sequence: cancelled ? 1 : 0,
		stamp: changedAt,
		startsAt: signup.startsAt,
		endsAt: signup.endsAt,
		summary: title,
		location: place,
		description: t('mail.meetingCalendarDescription', {
			reference: signup.reference,
			link: `${origin}/${lang}/meeting/${token}`
		}),
		cancelled
	});
}
