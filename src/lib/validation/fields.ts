/** Field schemas shared by every form and API body: names, contact details, free text. */
import * as v from 'valibot';

/** '' and whitespace count as "not given", so an empty optional form field is not an error. */
export const blank = (value: unknown) =>
	value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Looks like markup or script: refused in free text rather than stored and escaped later. */
const MARKUP = /<\s*[a-z!/?]|javascript:/i;

/**
 * Control characters (C0, DEL, C1) are never part of what a person means to type: a CR/LF in a
 * name would become a line of its own in a mail or a calendar file. Refused, not cleaned away,
 * and before trimming, so what is stored is exactly what was checked.
 */
const CONTROL = /\p{Cc}/u;
/** The same, except the line break that a multi-line remark, question or message may hold. */
const CONTROL_BUT_LINE_BREAK = /(?!\n)\p{Cc}/u;

/** For every single-line string field: no control character at all. */
export const noControl = v.check<string, 'invalid'>((s) => !CONTROL.test(s), 'invalid');

/** One line of free text. */
export const text = (max: number) =>
	v.pipe(
		v.string('invalid'),
		noControl,
		v.trim(),
		v.maxLength(max, 'too_long'),
		v.check((s) => !MARKUP.test(s), 'invalid')
	);

/**
 * Free text over several lines (a textarea): a browser sends its line breaks as CRLF, they are
 * stored as LF; any other control character, a lone CR included, is refused.
 */
export const multilineText = (max: number) =>
	v.pipe(
		v.string('invalid'),
		// For the API document: the limit counts a line break as one character.
		v.metadata({ maxLength: max }),
		v.transform((s) => s.replace(/\r\n/g, '\n')),
		v.check((s) => !CONTROL_BUT_LINE_BREAK.test(s), 'invalid'),
		v.trim(),
		v.maxLength(max, 'too_long'),
		v.check((s) => !MARKUP.test(s), 'invalid')
	);

/**
 * An optional field: missing, null or blank means "not given"; anything else must pass `schema`.
 */
export const optionalField = <S extends v.GenericSchema>(schema: S) =>
	v.optional(
		v.pipe(
			v.unknown(),
			v.transform((x) => (blank(x) ? undefined : x)),
			v.optional(schema)
		)
	);

export const optionalText = (max: number) => optionalField(text(max));
export const optionalMultilineText = (max: number) => optionalField(multilineText(max));

export const firstName = v.pipe(
	v.string('required'),
	noControl,
	v.trim(),
	v.nonEmpty('required'),
	v.maxLength(60, 'too_long'),
	v.check((s) => !MARKUP.test(s) && !/[<>{}[\]\\/@#$%^*=|~`]/.test(s), 'invalid')
);

/** A phone number as people type it: 06-12345678, +31 6 1234 5678, 0031 (0)6 … */
export const phone = optionalField(
	v.pipe(
		v.string('invalid'),
		noControl,
		v.trim(),
		v.maxLength(25, 'too_long'),
		v.regex(/^\+?[\d\s().-]+$/, 'invalid'),
		v.check((s) => normalisePhone(s) !== null, 'invalid')
	)
);

export const email = optionalField(
	v.pipe(
		v.string('invalid'),
		noControl,
		v.trim(),
		v.toLowerCase(),
		v.maxLength(254, 'too_long'),
		v.email('invalid')
	)
);

/** A checkbox or a JSON boolean: 'on', 'true', true. */
export const flag = v.optional(
	v.pipe(
		v.unknown(),
		v.metadata({ type: 'boolean' }),
		v.transform((x) => x === true || x === 'on' || x === 'true' || x === '1')
	)
);

/** Consent must be given: a ticked checkbox or `true`. */
export const consent = v.pipe(
	v.unknown(),
	v.metadata({ const: true }),
	v.transform((x) => x === true || x === 'on' || x === 'true'),
	v.literal(true, 'required')
);

/**
 * A phone number in one form (+31612345678) for the weekly cap and look-ups, or null when it
 * cannot be a real number. Dutch numbers may be written with a leading 0, 0031 or +31.
 */
export function normalisePhone(raw: string): string | null {
	let digits = raw.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
	if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
	else if (digits.startsWith('0')) digits = `+31${digits.slice(1)}`;
	else if (!digits.startsWith('+')) return null;
	const body = digits.slice(1);
	if (!/^\d+$/.test(body)) return null;
	if (body.startsWith('31')) return body.length === 11 ? digits : null;
	return body.length >= 8 && body.length <= 15 ? digits : null;
}

/** The key a parent's bookings are counted and found by: their phone, else their e-mail. */
export function contactKey(contact: { phone?: string; email?: string }): string | null {
	if (contact.phone) return normalisePhone(contact.phone);
	return contact.email ?? null;
}

/** A day that exists ('2027-02-30' does not) as 'YYYY-MM-DD', in a sane span of years. */
const realDay = (value: string) => {
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return y >= 2000 && y <= 2999 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
export const day = v.pipe(v.string('required'), v.isoDate('invalid'), v.check(realDay, 'invalid'));

/** The day asked for (a query parameter) when it is a real one; else the fallback. */
export const dayOr = (asked: string | null, fallback: string): string =>
	v.is(day, asked) ? asked : fallback;

/** A time of day of a form, 'HH:MM' (00:00 to 23:59). */
export const time = v.pipe(v.string('required'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid'));

/** A whole number from min to max of a form field (text) or a JSON body (number). */
export const int = (min: number, max: number) =>
	v.pipe(
		v.union([v.string(), v.number()], 'required'),
		v.transform(Number),
		v.integer('invalid'),
		v.minValue(min, 'invalid'),
		v.maxValue(max, 'invalid')
	);
