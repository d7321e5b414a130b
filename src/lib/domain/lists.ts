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

/** Whether a value from outside (a form's answer, a query string) is one of a list's values. */
export function isOneOf<T extends string | number>(list: readonly T[], value: unknown): value is T {
	return (list as readonly unknown[]).includes(value);
}

/** Monday is 1, Sunday 7 (ISO 8601); weekday names are translated under `weekdays.`. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** A school's daily cap of contactless bookings per kiosk tablet, unless its coordinator sets one. */
export const KIOSK_DAILY_BOOKINGS = 20;
