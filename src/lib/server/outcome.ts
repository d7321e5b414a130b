/**
 * The one answer of every command (book, cancel, ask, answer, check in …): what it made, or the
 * problem that stopped it. A command knows nothing of forms or HTTP; a form action turns a problem
 * into `fail()` (../server/http/outcome.ts), the API into its error shape (api/outcome.ts).
 */
import { PROBLEMS, type ProblemCode } from '../domain/problems.ts';
import type { Db } from './db/index.ts';
import type { Mailer } from './mail/index.ts';
import type { Notifier } from './notify/index.ts';
import type { FieldErrors } from '../validation/index.ts';

export { PROBLEMS, type ProblemCode };

/**
 * What every command works with: the request's database, mail, instant and origin (for links),
 * and the notifier that reaches parents by every channel (with the secret behind their links).
 */
export type Ctx = { db: Db; mailer: Mailer; now: number; origin: string; notifier: Notifier };

/** A free time offered instead of the one that is gone (as `slotView` shows it). */
export type Alternative = {
	staffId: number;
	start: string;
	end: string;
	location: string;
	remaining: number;
};

export type Problem = {
	code: ProblemCode;
	status: (typeof PROBLEMS)[ProblemCode]['status'];
	/** Which field is wrong and how (`fields.<code>` texts), for `invalid`. */
	fields?: FieldErrors;
	/** Other free times, for `slot_taken` and `weekly_limit`. */
	alternatives?: Alternative[];
	/** The places still free, for `meeting_full`. */
	remaining?: number;
	/** When the booking is (ISO, Amsterdam), for `not_today`. */
	start?: string;
	/** The coming bookings a change of hours leaves without a time, for `stranded`. */
	stranded?: { id: number; startsAt: number; firstName: string }[];
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** The command did its job. */
export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** The command refused, for `code`. */
export function refused(
	code: ProblemCode,
	more: Omit<Problem, 'code' | 'status'> = {}
): { ok: false; problem: Problem } {
	return { ok: false, problem: { code, status: PROBLEMS[code].status, ...more } };
}

/** Input that fails its schema: `invalid` with the fields. */
export const invalid = (fields: FieldErrors) => refused('invalid', { fields });
