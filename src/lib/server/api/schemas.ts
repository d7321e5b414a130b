/**
 * The shapes of the API's answers, as valibot schemas: the same source as the request validators
 * (src/lib/validation). A handler answers through `answer()` (./document.ts), whose value must be
 * the schema's output type, so what a handler returns is checked against what the document shows
 * by `npm run check`; the document's components are made from these schemas (SCHEMAS below), and
 * the contract test validates real answers against them.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import { LANGUAGES } from '../../i18n/languages.ts';
import {
	AGE_GROUPS,
	ANSWER_BY,
	BOOKING_STATUSES,
	MESSAGE_AUTHORS,
	QUESTION_STATUSES,
	SIGNUP_STATUSES,
	TOPICS,
	WAITLIST_STATUSES
} from '../../domain/lists.ts';

const described = <S extends v.GenericSchema>(schema: S, text: string) =>
	v.pipe(schema, v.description(text));
const int = () => v.pipe(v.number(), v.integer());
const intIn = (min: number, max?: number) =>
	max === undefined
		? v.pipe(v.number(), v.integer(), v.minValue(min))
		: v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** An instant, ISO 8601 with the Europe/Amsterdam offset. */
const instant = () => v.pipe(v.string(), v.isoTimestamp());
const day = () => v.pipe(v.string(), v.isoDate());
/** A six-letter code to read aloud (no 0/O, 1/I). */
const readAloud = () => v.pipe(v.string(), v.regex(/^[2-9A-HJ-NP-Z]{6}$/));
const wallClock = () => v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/));
const text = () => v.string();
const maybe = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);
const langTexts = described(
	v.record(v.string(), v.string()),
	'Text per language code; a language may be missing (fall back to nl).'
);
const schoolRef = v.object({ slug: text(), name: text() });

const Slot = v.object({
	staffId: int(),
	start: v.pipe(instant(), v.examples(['2027-03-30T08:30:00+02:00'])),
	end: instant(),
	location: text(),
	remaining: intIn(1)
});

const WalkIn = v.object({
	open: described(v.boolean(), 'A walk-in hour runs now (or starts within 15 minutes)'),
	nowCalling: described(maybe(int()), 'The number called last'),
	waiting: int(),
	queues: v.array(
		v.object({
			staffId: int(),
			name: text(),
			location: text(),
			start: instant(),
			end: instant(),
			open: v.boolean(),
			nowCalling: maybe(int()),
			waiting: int()
		})
	)
});

const Ticket = v.object({
	ticketToken: described(
		text(),
		"The secret of the ticket's own page (/{lang}/ticket/{ticketToken}), GET /v1/walkin/{ticketToken} and its push"
	),
	number: described(int(), 'Unique and in order per professional and day'),
	staffId: int(),
	staffName: text(),
	location: text(),
	ahead: described(int(), 'Parents waiting before this one'),
	nowCalling: maybe(int())
});

const TicketStatus = v.object({
	number: int(),
	status: described(
		v.picklist(['waiting', 'called', 'done', 'left']),
		'left: a no-show, or taken off the queue'
	),
	ahead: described(int(), 'Parents waiting before this one (0 unless waiting)'),
	nowCalling: described(maybe(int()), 'The number called last in this queue'),
	staffName: text(),
	school: schoolRef
});

const PushKey = v.object({
	publicKey: described(text(), 'The application server key (P-256, uncompressed point, base64url)')
});

const ErrorAnswer = v.object({
	error: v.object({
		code: described(text(), 'snake_case reason'),
		message: described(text(), 'Translated, for people'),
		fields: described(
			v.record(v.string(), v.string()),
			'Field name → error code (required, too_short, too_long, invalid)'
		),
		alternatives: v.optional(
			described(v.array(Slot), 'With slot_taken and weekly_limit: free slots to offer instead')
		),
		start: v.optional(described(instant(), 'With not_today: when the booking is')),
		remaining: v.optional(described(intIn(0), 'With meeting_full: the places still free'))
	})
});

const BookingCreated = v.object({
	reference: described(readAloud(), 'Read-aloud code'),
	manageToken: described(text(), 'Secret for the manage link; shown once, stored hashed'),
	start: instant(),
	end: instant(),
	staffId: int()
});

const Booking = v.object({
	reference: text(),
	status: v.picklist(BOOKING_STATUSES),
	start: instant(),
	end: instant(),
	staffId: int(),
	staffName: text(),
	school: schoolRef,
	location: maybe(text()),
	firstName: text(),
	phone: maybe(text()),
	email: maybe(text()),
	topic: maybe(text()),
	language: text(),
	interpreter: v.boolean(),
	interpreterLanguage: maybe(text()),
	remark: maybe(text())
});

const WaitlistCreated = v.object({
	reference: described(readAloud(), 'Read-aloud code'),
	manageToken: described(text(), 'Secret for the waiting-list link; shown once, stored hashed')
});

const WaitlistEntry = v.object({
	reference: text(),
	status: described(
		v.picklist(WAITLIST_STATUSES),
		'waiting; offered (a place is held until offer.holdUntil); booked; expired (the offer or the dates ran out); left'
	),
	school: schoolRef,
	staffId: described(maybe(int()), 'The professional waited for; null: any'),
	from: day(),
	to: day(),
	offer: v.optional(
		described(
			v.object({
				staffId: int(),
				start: instant(),
				end: instant(),
				holdUntil: described(
					instant(),
					'Claim before this moment; then the place goes to the next parent'
				)
			}),
			'Only while status is offered'
		)
	)
});

const QuestionCreated = v.object({
	reference: text(),
	accessToken: described(text(), 'Secret for the private page; stored hashed')
});

const Question = v.object({
	reference: text(),
	status: v.picklist(QUESTION_STATUSES),
	category: v.picklist(TOPICS),
	text: text(),
	ageGroup: maybe(v.picklist(AGE_GROUPS)),
	answerBy: v.picklist(ANSWER_BY),
	language: v.picklist(LANGUAGES),
	school: schoolRef,
	createdAt: instant(),
	messages: v.array(
		v.object({
			author: v.picklist(MESSAGE_AUTHORS),
			name: described(maybe(text()), "The professional's name"),
			body: text(),
			at: instant()
		})
	)
});

const Health = v.object({ status: v.picklist(['ok', 'error']) });

const SchoolSummary = v.object({ slug: text(), name: text(), town: text() });

const Presence = v.object({
	weekday: described(intIn(1, 7), 'ISO weekday, 1 = Monday'),
	start: described(wallClock(), 'Amsterdam wall-clock time'),
	end: wallClock(),
	bookable: described(v.boolean(), 'Spreekuur by appointment'),
	walkIn: described(v.boolean(), 'Walk-in hour, no appointment needed'),
	location: v.object({ name: text(), address: maybe(text()), directions: langTexts })
});

const Contact = v.object({
	id: described(int(), 'staffId for slots and bookings'),
	name: text(),
	role: text(),
	photoUrl: maybe(v.pipe(v.string(), v.url())),
	intro: langTexts,
	languages: described(v.array(v.string()), 'ISO 639-1 codes'),
	phone: maybe(text()),
	email: maybe(text()),
	presence: v.array(Presence)
});

const School = v.object({
	slug: text(),
	name: text(),
	address: text(),
	postcode: text(),
	town: text(),
	neighbourhood: maybe(text()),
	defaultLanguage: text(),
	languages: v.array(v.string()),
	organisation: v.object({ name: text(), phone: maybe(text()), website: maybe(text()) }),
	contacts: v.array(Contact),
	partners: v.array(
		v.object({
			name: text(),
			role: text(),
			organisation: maybe(text()),
			description: langTexts,
			phone: maybe(text()),
			email: maybe(text()),
			website: maybe(text())
		})
	)
});

const Meeting = v.object({
	id: described(int(), 'For POST /v1/meetings/{id}/signups'),
	title: described(text(), 'In the ?lang= language where written, else Dutch'),
	text: text(),
	theme: maybe(v.picklist(TOPICS)),
	start: instant(),
	end: instant(),
	place: text(),
	capacity: intIn(1),
	remaining: described(intIn(0), 'Places still free'),
	languages: described(v.array(v.string()), 'Languages spoken at the meeting (ISO 639-1)'),
	interpreter: described(v.boolean(), 'An interpreter is there'),
	host: described(maybe(text()), 'Who of the wijkteam hosts it'),
	school: described(
		schoolRef,
		'The school where it takes place: a meeting may be for the parents of several schools, and is listed at each'
	)
});

const SignupCreated = v.object({
	reference: readAloud(),
	manageToken: described(text(), 'Secret for the manage link; shown once, stored hashed'),
	people: intIn(1, 4),
	status: described(
		v.picklist(['signed_up', 'waiting']),
		'waiting: the meeting was full and the request asked for the waiting list; when places free up the first waiting parents who fit are signed up directly and told'
	)
});

const Signup = v.object({
	reference: text(),
	status: described(
		v.picklist([...SIGNUP_STATUSES, 'waiting']),
		'waiting: on the waiting list of the full meeting (DELETE leaves it)'
	),
	firstName: text(),
	people: intIn(1, 4),
	phone: maybe(text()),
	email: maybe(text()),
	language: v.picklist(LANGUAGES),
	meeting: v.object({
		id: int(),
		title: text(),
		start: instant(),
		end: instant(),
		place: text(),
		cancelled: described(v.boolean(), 'The wijkteam cancelled the meeting')
	}),
	school: schoolRef
});

const SuggestionCreated = v.object({ theme: v.picklist(TOPICS) });

/** Every answer's schema by its name in the document (`#/components/schemas/<name>`). */
export const RESPONSES = {
	WalkIn,
	Ticket,
	TicketStatus,
	PushKey,
	Error: ErrorAnswer,
	Slot,
	BookingCreated,
	Booking,
	WaitlistCreated,
	WaitlistEntry,
	QuestionCreated,
	Question,
	Health,
	SchoolSummary,
	Presence,
	Contact,
	School,
	Meeting,
	SignupCreated,
	Signup,
	SuggestionCreated
};

export type ResponseName = keyof typeof RESPONSES;
export type ResponseSchema = (typeof RESPONSES)[ResponseName];

/** The document's components: each schema as JSON Schema, a schema used inside another by $ref. */
export const SCHEMAS = toJsonSchemaDefs(RESPONSES, {
	target: 'draft-2020-12',
	typeMode: 'output',
	overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`
});

/** Answers `value` as JSON; its type must be the output of `schema`, the one the document shows. */
export function reply<S extends v.GenericSchema>(
	c: Context,
	_schema: S,
	value: v.InferOutput<S>,
	status: ContentfulStatusCode = 200
) {
	return c.json(value as never, status);
}
