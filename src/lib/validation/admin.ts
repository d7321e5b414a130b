/** Coordinators' forms: the organisation, a school, a location, a partner. */
import * as v from 'valibot';
import { LANGUAGES } from '../i18n/languages.ts';
import { KIOSK_DAILY_BOOKINGS, REMINDER_DAYS, STAFF_ROLES } from '../domain/lists.ts';
import { email, noControl, optionalField, optionalText, phone, text } from './fields.ts';

/** Parent pages that live beside the schools' pages under /{lang}/: no school may take these. */
export const RESERVED_SLUGS = [
	'about',
	'accessibility',
	'privacy',
	'booking',
	'question',
	'ticket'
];

const required = (max: number) => v.pipe(text(max), v.nonEmpty('required'));
const url = optionalField(
	v.pipe(
		v.string(),
		// new URL() drops tabs and line breaks silently: refuse them before it sees them.
		noControl,
		v.trim(),
		v.url('invalid'),
		v.regex(/^https:\/\//, 'invalid'),
		v.maxLength(200, 'too_long')
	)
);
const days = v.pipe(
	v.union([v.string(), v.number()], 'required'),
	v.transform(Number),
	v.integer('invalid'),
	v.minValue(7, 'invalid'),
	v.maxValue(3650, 'invalid')
);

export const OrganisationForm = v.object({
	name: required(100),
	phone,
	website: url,
	privacyEmail: email,
	bookingRetentionDays: days,
	questionRetentionDays: days,
	reminderDays: v.pipe(
		v.union([v.string(), v.number()], 'invalid'),
		v.transform(Number),
		v.picklist(REMINDER_DAYS, 'invalid')
	)
});

export const SchoolForm = v.pipe(
	v.object({
		name: required(100),
		slug: v.pipe(
			v.string('required'),
			noControl,
			v.trim(),
			v.toLowerCase(),
			v.regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'invalid'),
			v.check((slug) => !RESERVED_SLUGS.includes(slug), 'taken')
		),
		address: required(120),
		postcode: v.pipe(
			v.string('required'),
			noControl,
			v.trim(),
			v.toUpperCase(),
			v.regex(/^\d{4}\s?[A-Z]{2}$/, 'invalid')
		),
		town: required(80),
		neighbourhood: optionalText(80),
		languages: v.pipe(v.array(v.picklist(LANGUAGES, 'invalid')), v.minLength(1, 'required')),
		defaultLanguage: v.picklist(LANGUAGES, 'invalid'),
		/** Seconds without a touch before the kiosk shows its countdown and starts over. */
		kioskIdleSeconds: v.optional(
			v.pipe(
				v.union([v.string(), v.number()], 'invalid'),
				v.transform(Number),
				v.integer('invalid'),
				v.minValue(15, 'invalid'),
				v.maxValue(600, 'invalid')
			),
			60
		),
		/** Bookings without contact details one kiosk tablet may make a day (0: none). */
		kioskDailyBookings: v.optional(
			v.pipe(
				v.union([v.string(), v.number()], 'invalid'),
				v.transform(Number),
				v.integer('invalid'),
				v.minValue(0, 'invalid'),
				v.maxValue(500, 'invalid')
			),
			KIOSK_DAILY_BOOKINGS
		)
	}),
	v.forward(
		v.check((s) => s.languages.includes(s.defaultLanguage), 'invalid'),
		['defaultLanguage']
	)
);

export const LocationForm = v.object({
	name: required(80),
	address: optionalText(160),
	directions: optionalText(300)
});

export const PartnerForm = v.object({
	name: required(80),
	role: v.picklist(STAFF_ROLES, 'invalid'),
	organisationName: optionalText(80),
	description: optionalText(300),
	phone,
	email,
	website: url
});
