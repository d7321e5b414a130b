/**
 * "I'm here" for the walk-in hour, a booked parent's check-in, and what the kiosk asks: one schema
 * each for the kiosk's forms, the phone page and POST /api/v1/schools/{slug}/walkin.
 */
import * as v from 'valibot';
import { LANGUAGES } from '../i18n/languages.ts';
import { BookingInput, StaffId } from './bookings.ts';
import { firstName, flag, noControl, optionalField, text } from './fields.ts';

export const WalkInInput = v.object({
	staffId: optionalField(StaffId),
	firstName: optionalField(firstName),
	language: v.picklist(LANGUAGES, 'invalid'),
	interpreter: flag
});

/** A reference as printed on the confirmation (6 letters and digits, without 0/O and 1/I). */
export const CheckInInput = v.object({
	reference: v.pipe(
		v.string('required'),
		v.transform((s) => s.toUpperCase().replace(/[\s-]/g, '')),
		v.nonEmpty('required'),
		v.regex(/^[2-9A-HJ-NP-Z]{6}$/, 'invalid')
	),
	language: v.picklist(LANGUAGES, 'invalid')
});

/** At the kiosk nobody has to leave a phone number or e-mail address: the QR code goes along. */
export const KioskBookingInput = BookingInput.pipe[0];

export const PairingInput = v.object({
	code: v.pipe(
		v.string('required'),
		noControl,
		v.trim(),
		v.nonEmpty('required'),
		v.maxLength(20, 'invalid')
	)
});

export const KioskForm = v.object({
	schoolId: StaffId,
	name: v.pipe(text(60), v.nonEmpty('required'))
});
