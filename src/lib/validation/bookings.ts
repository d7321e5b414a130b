/**
 * A booking as a parent (page or API), the kiosk or a professional on the phone makes it. One
 * schema for the form action, POST /api/v1/schools/{slug}/bookings and the browser.
 */
import * as v from 'valibot';
import { LANGUAGES } from '../i18n/languages.ts';
import {
	consent,
	day,
	email,
	firstName,
	flag,
	multilineText,
	optionalField,
	optionalMultilineText,
	optionalText,
	phone
} from './fields.ts';
import { BOOKING_MARKS, TOPICS } from '../domain/lists.ts';

/** ISO 8601 with an offset, as the slots API gives it: 2027-03-30T08:30:00+02:00. */
export const Instant = v.pipe(
	v.string('required'),
	v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'invalid'),
	v.transform((s) => Date.parse(s)),
	v.check((n) => Number.isFinite(n), 'invalid')
);

export const StaffId = v.pipe(
	v.union([v.number(), v.string()], 'required'),
	v.transform(Number),
	v.integer('invalid'),
	v.minValue(1, 'invalid')
);

export const BookingInput = v.pipe(
	v.object({
		staffId: StaffId,
		start: Instant,
		firstName,
		phone,
		email,
		language: v.picklist(LANGUAGES, 'invalid'),
		interpreter: flag,
		interpreterLanguage: optionalText(40),
		topic: optionalField(v.picklist(TOPICS, 'invalid')),
		remark: optionalMultilineText(500),
		consent
	}),
	v.forward(
		v.check((b) => Boolean(b.phone || b.email), 'contact_required'),
		['phone']
	)
);

export type BookingInput = v.InferOutput<typeof BookingInput>;

/** A professional cancels a booking: the reason goes to the parent, in a mail of its own. */
export const StaffCancelInput = v.object({
	reason: v.pipe(multilineText(300), v.nonEmpty('required'))
});

/** "Geweest" or "Niet gekomen" for one booking, from a list (Today, Week). */
export const StaffMarkInput = v.object({
	id: StaffId,
	status: v.picklist(BOOKING_MARKS, 'invalid')
});

/** What the details form keeps between steps (never the consent: it is asked each time). */
export const DRAFT_FIELDS = [
	'firstName',
	'phone',
	'email',
	'topic',
	'interpreter',
	'interpreterLanguage',
	'remark'
] as const;

/** A date range for the slots API: at most 31 days. */
export const SlotRange = v.pipe(
	v.object({
		from: day,
		to: day
	}),
	v.forward(
		v.check((r) => r.from <= r.to, 'before_from'),
		['to']
	),
	v.forward(
		v.check((r) => Date.parse(r.to) - Date.parse(r.from) <= 30 * 86_400_000, 'range_too_long'),
		['to']
	)
);
