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
import { errorName, log } from './log.ts';

export { PROBLEMS, type ProblemCode };

/**
 * What every command works with: the request's database, mail, instant and origin (for links),
 * and the notifier that reaches parents by every channel (with the secret behind their links).
 */
export type Ctx = {
	db: Db;
	mailer: Mailer;
	now: number;
	origin: string;
	notifier: Notifier;
	/**
	 * Places a command freed (a booking cancelled, moved away or deleted; new hours): the waiting
	 * list offers them to the first parents waiting (../waitlist, `passOnPlaces`). Every adapter
	 * (form actions, the API) gives it, so every caller of a command passes places on; a caller
	 * without one (a script) frees places that the cron's next run offers.
	 */
	passOn?: (freed: Freed) => Promise<void>;
	/**
	 * Work that may wait until the answer is made (the messages of a cancellation): the request
	 * starts it then, under its `waitUntil`, so the person does not wait for it. Without it (the
	 * cron, a test that calls the API directly) it is done at once.
	 */
	later?: (work: () => Promise<void>) => void;
};

/** Places that came free at a school: these, or a professional's new free times, or all. */
export type Freed = {
	schoolId: number;
	places?: { staffId: number; startsAt: number }[];
	staffId?: number;
};

/**
 * Runs `work` after the answer when the request can (ctx.later), else now. A failure after the
 * answer is logged (its name only): what the person did is stored and answered already.
 */
export async function afterAnswer(ctx: Pick<Ctx, 'later'>, work: () => Promise<void>) {
	if (!ctx.later) return work();
	ctx.later(() =>
		work().catch((error) => log('error', 'after_answer_failed', { error: errorName(error) }))
	);
}

/** Runs the work left for after the answer, one piece after the other. */
export async function runAfterAnswer(queue: (() => Promise<void>)[]): Promise<void> {
	for (const work of queue) await work();
}

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
