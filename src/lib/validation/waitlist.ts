/**
 * A place on a school's waiting list, as the page and POST /api/v1/schools/{slug}/waitlist take
 * it: optionally one professional, between two dates, and a way to reach the parent.
 */
import * as v from 'valibot';
import { LANGUAGES } from '../i18n/languages.ts';
import { consent, day, email, firstName, optionalField, phone } from './fields.ts';
import { StaffId } from './bookings.ts';

export const WaitlistInput = v.pipe(
	v.object({
		staffId: optionalField(StaffId),
		from: day,
		to: day,
		firstName,
		phone,
		email,
		language: v.picklist(LANGUAGES, 'invalid'),
		consent
	}),
	v.forward(
		v.check((w) => w.from <= w.to, 'before_from'),
		['to']
	),
	v.forward(
		v.check((w) => Boolean(w.phone || w.email), 'contact_required'),
		['phone']
	)
);

export type WaitlistInput = v.InferOutput<typeof WaitlistInput>;
