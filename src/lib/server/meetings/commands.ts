/**
 * What people do with meetings, each as one command that does the whole job (the checks, the
 * write, the messages) and answers one `Outcome` (../outcome.ts), like the bookings' commands.
 * The parent's pages, the workspace and the API call these; none assembles them again.
 */
import type { SessionUser } from '../auth/index.ts';
import { done, invalid, refused, type Ctx, type Outcome } from '../outcome.ts';
import type { MadeBy } from '../../domain/lists.ts';
import type { MeetingForm, SignupInput } from '../../validation/meetings.ts';
import { cancelSignup, findSignup, promoteWaiting, signUp, type ParentSignup } from './index.ts';
import { notifyMeetingCancelled, notifySignedUp, notifySignups } from './notices.ts';
import { cancelMeeting, createMeeting, markAttended, updateMeeting } from './staff.ts';

export type SignedUp = {
	id: number;
	reference: string;
	manageToken: string;
	people: number;
	/** On the waiting list, not signed up (asked for, and the meeting was full). */
	waiting: boolean;
};

/**
 * Signs a parent up (the places taken atomically, `signUp`) and confirms it by every channel
 * they gave: the e-mail with the manage link, a text message. `meeting_full` carries the places
 * still free; `schoolSlug` keeps a page from signing up for another school's meeting. With
 * `input.waitlist` a parent who does not fit goes on the waiting list instead (a phone number or
 * an e-mail address required: it is how they hear that they got a place).
 */
export async function signUpForMeeting(
	ctx: Ctx,
	meetingId: number,
	input: SignupInput,
	by: { madeBy: MadeBy; schoolSlug?: string }
): Promise<Outcome<SignedUp>> {
	if (input.waitlist && !input.phone && !input.email) return invalid({ phone: 'contact_required' });
	const result = await signUp(ctx.db, meetingId, input, {
		now: ctx.now,
		madeBy: by.madeBy,
		linkSecret: ctx.notifier.linkSecret,
		schoolSlug: by.schoolSlug,
		waitIfFull: input.waitlist
	});
	if (!result.ok) {
		return refused(
			result.code,
			result.code === 'meeting_full' ? { remaining: result.remaining } : {}
		);
	}
	const { ok: _ok, ...signedUp } = result;
	if (signedUp.waiting) {
		await notifySignups(ctx.notifier, [signedUp.id], 'meeting_waiting', {
			tokens: new Map([[signedUp.id, signedUp.manageToken]]),
			push: false
		});
	} else if (input.email || input.phone) {
		await notifySignedUp(ctx.notifier, signedUp.id, signedUp.manageToken);
	}
	return done(signedUp);
}

/**
 * The parent cancels their own sign-up (or leaves the waiting list); told by e-mail and text (not
 * by push: it is their device). The places it frees go to the first waiting parents who fit, in
 * the same transaction, and they are told they are signed up.
 */
export async function cancelOwnSignup(
	ctx: Ctx,
	manageToken: string
): Promise<Outcome<ParentSignup>> {
	const cancelled = await cancelSignup(ctx.db, manageToken, ctx.now);
	if (cancelled.result !== 'ok') {
		return refused(cancelled.result === 'not_found' ? 'signup_not_found' : 'signup_not_active');
	}
	const signup = await findSignup(ctx.db, manageToken);
	if (!signup) return refused('signup_not_found');
	if (signup.email || signup.phone) {
		await notifySignups(ctx.notifier, [signup.id], 'signup_cancelled', {
			tokens: new Map([[signup.id, manageToken]]),
			push: false
		});
	}
	await notifySignups(ctx.notifier, cancelled.promoted, 'meeting_promoted');
	return done(signup);
}

/** Plans a meeting (or its repetitions) for a school the person may plan for. */
export async function planMeeting(
	ctx: Pick<Ctx, 'db' | 'now'>,
	user: SessionUser,
	form: MeetingForm
): Promise<Outcome<number[]>> {
	const result = await createMeeting(ctx.db, user, form, ctx.now);
	return result.ok ? done(result.ids) : refused(result.code);
}

/**
 * Changes a meeting (`series`: and its later occurrences). A raised capacity gives the new places
 * to the waiting parents who fit, who are told by every channel.
 */
export async function changeMeeting(
	ctx: Ctx,
	user: SessionUser,
	id: number,
	form: MeetingForm,
	series: boolean
): Promise<Outcome<number[]>> {
	const result = await updateMeeting(ctx.db, user, id, form, { now: ctx.now, series });
	if (!result.ok) return refused(result.code);
	// More places: the waiting parents who fit get them, and are told.
	const promoted: number[] = [];
	for (const meetingId of result.ids)
		promoted.push(...(await promoteWaiting(ctx.db, meetingId, ctx.now)));
	await notifySignups(ctx.notifier, promoted, 'meeting_promoted');
	return done(result.ids);
}

/**
 * The wijkteam cancels a meeting (`series`: and its later occurrences); every parent whose
 * sign-up stood is told in their language by every channel. Answers how many were told.
 */
export async function cancelMeetingForParents(
	ctx: Ctx,
	user: SessionUser,
	id: number,
	series: boolean
): Promise<Outcome<{ told: number }>> {
	const result = await cancelMeeting(ctx.db, user, id, { now: ctx.now, series });
	if (!result.ok) return refused(result.code);
	await notifyMeetingCancelled(ctx.notifier, result.signupIds);
	return done({ told: result.signupIds.length });
}

/** Marks at the door whether a parent came; `not_allowed` when it is not the person's meeting. */
export async function markCame(
	ctx: Pick<Ctx, 'db' | 'now'>,
	user: SessionUser,
	signupId: number,
	came: boolean
): Promise<Outcome<void>> {
	return (await markAttended(ctx.db, user, signupId, came, ctx.now))
		? done(undefined)
		: refused('not_allowed');
}
