/**
 * Every closed list of the domain, once: the schema's columns and CHECKs, the validators, the
 * staff pages' filters, the Svelte forms and the translation keys (`status.${s}`) all import them
 * from here. Plain constants with no imports, so the browser may import this module too.
 * Adding a value is a line here, a migration (the CHECKs change) and its texts in every language.
 */

export { LANGUAGES, STAFF_LANGUAGES, type Language } from '../i18n/languages.ts';

/** What a professional is (also a partner's role on a school page); translated under `roles.`. */
export const STAFF_ROLES = [
	'wijkteammedewerker',
	'schoolmaatschappelijk_werker',
	'gedragscoach',
	'jgz_verpleegkundige',
	'orthopedagoog',
	'wijkagent',
	'jeugdconsulent',
	'buurtwerker'
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** An account's rights: a professional, or an organisation's coordinator (admin). */
export const USER_ROLES = ['staff', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What staff mark a booking once its time has come: "Geweest" or "Niet gekomen". */
export const BOOKING_MARKS = ['attended', 'no_show'] as const satisfies readonly BookingStatus[];
export type BookingMark = (typeof BOOKING_MARKS)[number];

/**
 * Who cancelled a booking: the parent (their link, the kiosk), a professional, or a change of
 * hours that left no room for it (the figures count each apart).
 */
export const CANCELLED_BY = ['parent', 'staff', 'hours'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

/** Who made a booking, a question or a walk-in ticket. */
export const BOOKING_MADE_BY = ['parent', 'kiosk', 'staff'] as const;
export type MadeBy = (typeof BOOKING_MADE_BY)[number];

/** Booking topics and question categories: one list. */
export const TOPICS = [
	'behaviour',
	'emotions',
	'sleep_eating',
	'school',
	'family_divorce',
	'money_housing',
	'development',
	'other'
] as const;
export type Topic = (typeof TOPICS)[number];
export const QUESTION_CATEGORIES = TOPICS;

export const AGE_GROUPS = ['0_3', '4_7', '8_12', '12_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** How a parent wants the answer to a question. */
export const ANSWER_BY = ['page', 'call', 'email', 'spreekuur'] as const;
export type AnswerBy = (typeof ANSWER_BY)[number];
/**
 * Typing an e-mail address on a kiosk is hard: there the answer comes on the phone (QR), by phone
 * or at the spreekuur.
 */
export const KIOSK_ANSWER_BY = ['page', 'call', 'spreekuur'] as const satisfies readonly AnswerBy[];

/**
 * A place on a school's waiting list: waiting; offered a freed place (held for the parent);
 * booked (the parent took it); expired (the offer or the window ran out); left (the parent left).
 */
export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'left'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const QUESTION_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** Who wrote a message on a question's page. */
export const MESSAGE_AUTHORS = ['staff', 'parent'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A change to a professional's weekly hours on one day. */
export const EXCEPTION_KINDS = ['off', 'extra', 'changed'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** What an hour block (or an extra hour) is for. */
export const HOUR_KINDS = ['bookable', 'walkIn', 'both'] as const;
export type HourKind = (typeof HOUR_KINDS)[number];

/** What an account link (sent by e-mail) is for. */
export const ACCOUNT_LINK_KINDS = ['invite', 'account_reset', 'password_reset'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

export const AUDIT_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ENTITIES = ['booking', 'question', 'ticket', 'contact'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Days before an appointment that its reminder goes out, per organisation (0: no reminders). */
export const REMINDER_DAYS = [0, 1, 2] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/** The records a parent can turn push notifications on for (each has its own secret link). */
export const PUSH_RECORDS = ['booking', 'question', 'ticket', 'waitlist', 'signup'] as const;
export type PushRecord = (typeof PUSH_RECORDS)[number];

/** What a parent is told about, by every channel they have (src/lib/server/notify). */
export const NOTICE_EVENTS = [
	'confirmed',
	'reminder',
	'cancelled',
	'moved',
	'answered',
	'offer',
	'next_but_one',
	'called',
	// A meeting sign-up's own events: a meeting is not an appointment, so its texts differ.
	'meeting_confirmed',
	'meeting_reminder',
	'meeting_cancelled',
	'signup_cancelled',
	// A full meeting's waiting list: on it, and then a place (signed up directly).
	'meeting_waiting',
	'meeting_promoted'
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/**
 * What the wijkteam's own phones are told about (push only, content-free): a new question at one
 * of their schools, a parent who checked in for their walk-in hour.
 */
export const STAFF_NOTICE_EVENTS = ['new_question', 'checked_in'] as const;
export type StaffNoticeEvent = (typeof STAFF_NOTICE_EVENTS)[number];

/** Channels the local stand-ins record for the local mailbox (e-mail has its outbox). */
export const LOCAL_CHANNELS = ['sms', 'push'] as const;
export type LocalChannel = (typeof LOCAL_CHANNELS)[number];

/** Whether a value from outside (a form's answer, a query string) is one of a list's values. */
export function isOneOf<T extends string | number>(list: readonly T[], value: unknown): value is T {
	return (list as readonly unknown[]).includes(value);
}

/** Monday is 1, Sunday 7 (ISO 8601); weekday names are translated under `weekdays.`. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** A school's daily cap of contactless bookings per kiosk tablet, unless its coordinator sets one. */
export const KIOSK_DAILY_BOOKINGS = 20;

/** How a parent meeting repeats: once, every week, or on the same weekday of each month (e.g. the first Friday). */
export const MEETING_REPEATS = ['once', 'weekly', 'monthly'] as const;
export type MeetingRepeat = (typeof MEETING_REPEATS)[number];

export const MEETING_STATUSES = ['planned', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A parent's place at a meeting; `attended` is marked by staff at the door. */
export const SIGNUP_STATUSES = ['signed_up', 'cancelled', 'attended'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** How many people one sign-up may bring (the parent included); each counts against capacity. */
export const MEETING_PEOPLE = [1, 2, 3, 4] as const;
