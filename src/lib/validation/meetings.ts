/**
 * Parent meetings: a parent's sign-up and theme suggestion (form action, API and kiosk), and the
 * staff form that plans a meeting. One schema per thing, as everywhere.
 */
import * as v from 'valibot';
import { LANGUAGES, type Language } from '../i18n/languages.ts';
import { MEETING_REPEATS, TOPICS } from '../domain/lists.ts';
import {
	blank,
	consent,
	day,
	email,
	firstName,
	flag,
	int,
	optionalField,
	optionalMultilineText,
	optionalText,
	phone,
	text,
	time
} from './fields.ts';

/** How many people come with one sign-up (the parent included): 1 to 4, one when not given. */
export const People = v.optional(
	v.pipe(
		v.union([v.number(), v.string()], 'invalid'),
		v.metadata({ type: 'integer', minimum: 1, maximum: 4 }),
		v.transform((x) => (blank(x) ? 1 : Number(x))),
		v.integer('invalid'),
		v.minValue(1, 'invalid'),
		v.maxValue(4, 'invalid')
	),
	1
);

export const SignupInput = v.object({
	firstName,
	people: People,
	phone,
	email,
	language: v.picklist(LANGUAGES, 'invalid'),
	consent,
	/**
	 * When there are not enough places: put the parent on the waiting list (phone or e-mail then
	 * required, to tell them when they get a place).
	 */
	waitlist: flag
});
export type SignupInput = v.InferOutput<typeof SignupInput>;

export const SuggestionInput = v.object({
	theme: v.picklist(TOPICS, 'invalid'),
	text: optionalText(200),
	language: v.picklist(LANGUAGES, 'invalid')
});
export type SuggestionInput = v.InferOutput<typeof SuggestionInput>;

/** A meeting's id in a path. */
export const MeetingParams = v.object({
	id: v.pipe(
		v.string(),
		v.regex(/^[1-9]\d{0,9}$/, 'invalid'),
		v.transform(Number),
		v.description("The meeting's id, from the school's list of meetings")
	)
});

/** Form fields `title_<lang>` and `text_<lang>` for every language; Dutch title required. */
const perLanguage = (prefix: 'title' | 'text', make: () => v.GenericSchema) =>
	Object.fromEntries(LANGUAGES.map((lang) => [`${prefix}_${lang}`, make()])) as Record<
		`${typeof prefix}_${Language}`,
		v.GenericSchema<unknown, string | undefined>
	>;

/** The staff form that plans (or changes) a meeting. */
export const MeetingForm = v.pipe(
	v.object({
		/** Where it takes place. */
		schoolId: int(1, Number.MAX_SAFE_INTEGER),
		/** Other schools whose parents it is for (the same places, shared). */
		alsoSchoolIds: v.pipe(
			v.optional(v.union([v.string(), v.number(), v.array(v.union([v.string(), v.number()]))]), []),
			v.transform((x): (string | number)[] => (Array.isArray(x) ? x : [x])),
			v.array(int(1, Number.MAX_SAFE_INTEGER)),
			v.maxLength(20, 'invalid')
		),
		...perLanguage('title', () => optionalText(100)),
		...perLanguage('text', () => optionalMultilineText(600)),
		theme: optionalField(v.picklist(TOPICS, 'invalid')),
		date: day,
		startTime: time,
		endTime: time,
		place: v.pipe(text(100), v.nonEmpty('required')),
		capacity: int(1, 500),
		languages: v.pipe(
			v.optional(v.union([v.string(), v.array(v.string())]), []),
			v.transform((x) => (typeof x === 'string' ? [x] : x)),
			v.array(v.picklist(LANGUAGES, 'invalid')),
			v.minLength(1, 'required')
		),
		interpreter: flag,
		hostStaffId: optionalField(int(1, Number.MAX_SAFE_INTEGER)),
		repeat: v.optional(v.picklist(MEETING_REPEATS, 'invalid'), 'once'),
		until: optionalField(day)
	}),
	v.forward(
		v.check((m) => Boolean(m['title_nl']), 'required'),
		['title_nl']
	),
	v.forward(
		v.check((m) => m.startTime < m.endTime, 'invalid'),
		['endTime']
	),
	v.forward(
		v.check((m) => m.repeat === 'once' || Boolean(m.until && m.until > m.date), 'required'),
		['until']
	),
	v.transform((m) => {
		const texts = (prefix: 'title' | 'text') =>
			Object.fromEntries(
				LANGUAGES.flatMap((lang) => {
					const value = m[`${prefix}_${lang}`];
					return value ? [[lang, value]] : [];
				})
			) as Partial<Record<Language, string>>;
		return {
			schoolId: m.schoolId,
			/** Every school it is for, its own first. */
			schoolIds: [...new Set([m.schoolId, ...m.alsoSchoolIds])],
			title: texts('title'),
			text: texts('text'),
			theme: m.theme ?? null,
			date: m.date,
			startTime: m.startTime,
			endTime: m.endTime,
			place: m.place,
			capacity: m.capacity,
			languages: [...new Set(m.languages)],
			interpreter: m.interpreter ?? false,
			hostStaffId: m.hostStaffId ?? null,
			repeat: m.repeat,
			until: m.until ?? null
		};
	})
);
export type MeetingForm = v.InferOutput<typeof MeetingForm>;
