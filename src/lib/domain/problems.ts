/**
 * Every problem a command can answer (src/lib/server/outcome.ts), with its HTTP status and the
 * text that explains it: pages show `t(problemKey(form.code))`, the API sends the code with that
 * text. A plain module, so the pages in the browser read the same list.
 */
import type { MessageKey } from '../i18n/keys.ts';

/** The codes are the API's error codes where the API can meet them (the public API keeps its codes). */
export const PROBLEMS = {
	invalid: { status: 400, key: 'errors.invalid' },
	not_found: { status: 404, key: 'errors.not_found' },
	school_not_found: { status: 404, key: 'errors.school_not_found' },
	booking_not_found: { status: 404, key: 'errors.booking_not_found' },
	question_not_found: { status: 404, key: 'errors.question_not_found' },
	slot_taken: { status: 409, key: 'errors.slot_taken' },
	weekly_limit: { status: 409, key: 'errors.weekly_limit' },
	kiosk_daily_limit: { status: 409, key: 'errors.kiosk_daily_limit' },
	not_active: { status: 409, key: 'errors.not_active' },
	question_closed: { status: 409, key: 'errors.question_closed' },
	walkin_closed: { status: 409, key: 'errors.walkin_closed' },
	not_today: { status: 409, key: 'errors.not_today' },
	booking_cancelled: { status: 409, key: 'errors.booking_cancelled' },
	/** A workspace change the person may not make (not theirs, or no longer possible). */
	not_allowed: { status: 409, key: 'staff.booking.notAllowed' },
	reason_required: { status: 400, key: 'staff.booking.reasonRequired' },
	reason_invalid: { status: 400, key: 'staff.booking.reasonInvalid' },
	/** A change of hours would leave coming bookings without a time: cancel them or keep them? */
	stranded: { status: 409, key: 'staff.hours.strandedTitle' },
	// The waiting list (src/lib/server/waitlist): the place was held for the parent, no longer.
	offer_expired: { status: 409, key: 'errors.offer_expired' },
	// Parent meetings (src/lib/server/meetings).
	meeting_not_found: { status: 404, key: 'errors.meeting_not_found' },
	meeting_full: { status: 409, key: 'errors.meeting_full' },
	meeting_past: { status: 409, key: 'errors.meeting_past' },
	signup_not_found: { status: 404, key: 'errors.signup_not_found' },
	signup_not_active: { status: 409, key: 'errors.signup_not_active' },
	// Planning a meeting in the workspace.
	school_not_allowed: { status: 409, key: 'staff.meetings.error_school_not_allowed' },
	host_not_allowed: { status: 409, key: 'staff.meetings.error_host_not_allowed' },
	in_the_past: { status: 409, key: 'staff.meetings.error_in_the_past' },
	// Refusals at the door, before a command runs (the same answer for every form and the API).
	rate_limited: { status: 429, key: 'errors.rate_limited' },
	refused: { status: 400, key: 'errors.refused' },
	turnstile_failed: { status: 400, key: 'errors.turnstile_failed' }
} as const satisfies Record<string, { status: 400 | 404 | 409 | 429; key: MessageKey }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The text of a problem's code. */
export const problemKey = (code: ProblemCode): MessageKey => PROBLEMS[code].key;

/** How the walk-in pages say why a booked parent's check-in was refused, where they say it their way. */
export const CHECK_IN_TEXTS = {
	booking_not_found: 'walkin.problem_not_found',
	not_active: 'walkin.problem_done'
} as const satisfies Partial<Record<ProblemCode, MessageKey>>;
