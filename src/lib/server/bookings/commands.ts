/**
 * What people do with bookings, each as one command that does the whole job (the checks, the
 * write, the audit entry, the messages) and answers one `Outcome`. The parent's pages, the kiosk,
 * the workspace, the API and the hours page all call these; none assembles them again.
 */
import type { SessionUser } from '../auth/index.ts';
import { logAccess } from '../audit/index.ts';
import { afterAnswer, done, invalid, refused, type Ctx, type Outcome } from '../outcome.ts';
import type { BookingInput } from '../../validation/bookings.ts';
import {
	bookSlot,
	cancelBooking,
	deleteBooking,
	findBooking,
	moveBooking,
	slotView,
	type Booked,
	type BookResult,
	type ParentBooking
} from './index.ts';
import { confirmLive, confirmationStatements, notifyBooking, notifyCancelled } from './notices.ts';
import { bookAtOnce, moveAtOnce, type AtOnce } from './at-once.ts';
import { cancelByStaff, markBooking } from './staff.ts';
import type { CancelledBy } from '../../domain/lists.ts';

/** Who books: a parent on their phone, a kiosk tablet, or a professional for a parent who phoned. */
export type Booker =
	| { madeBy: 'parent' }
	| { madeBy: 'kiosk'; kioskDeviceId: number }
	| { madeBy: 'staff'; user: SessionUser };

/**
 * Books a slot and confirms it: the place taken atomically (`bookSlot`), a booking made by staff
 * in the audit log, and the confirmation by e-mail and text message (../notify) when the parent
 * gave an address or a number. A time that does
 * not exist (past, closed, never there) is `invalid` on the `start` field; a full one `slot_taken`
 * with other free times.
 */
export async function book(
	ctx: Ctx,
	slug: string,
	input: BookingInput,
	by: Booker,
	/** The form's Turnstile answer (see `bookAtOnce`); the API, kiosk and workspace have none. */
	options: { turnstilePassed?: boolean } = {}
): Promise<Outcome<Booked>> {
	// One round trip: the place, the row read back and the confirmation's rows in one batch.
	const atOnce = await bookAtOnce(ctx.db, slug, input, {
		now: ctx.now,
		madeBy: by.madeBy,
		kioskDeviceId: by.madeBy === 'kiosk' ? by.kioskDeviceId : undefined,
		linkSecret: ctx.notifier.linkSecret,
		turnstilePassed: options.turnstilePassed,
		confirmation: (booking) => confirmationStatements(ctx.notifier, booking)
	});
	if (atOnce?.ok) {
		const { ok: _ok, booking, organisation, confirmation, ...booked } = atOnce;
		await audited(ctx, by, booked.id);
		await confirmLive(ctx.notifier, confirmation, booking, organisation);
		return done(booked);
	}
	if (atOnce) return bookingRefused(atOnce);
	// A day with exceptions or closures, or a row the engine did not confirm: the careful way.
	const result = await bookSlot(ctx.db, slug, input, {
		now: ctx.now,
		madeBy: by.madeBy,
		kioskDeviceId: by.madeBy === 'kiosk' ? by.kioskDeviceId : undefined,
		linkSecret: ctx.notifier.linkSecret
	});
	if (!result.ok) return bookingRefused(result);
	const { ok: _ok, ...booked } = result;
	await audited(ctx, by, booked.id);
	// By e-mail and text message when the parent gave an address or a number; without either,
	// the page (or the kiosk's QR code) is the confirmation: no read for it.
	if (input.email || input.phone) {
		await notifyBooking(ctx.notifier, booked.id, 'confirmed', { token: booked.manageToken });
	}
	return done(booked);
}

/** Why a booking was not made, as the command answers it. */
function bookingRefused(result: Exclude<AtOnce | BookResult, null | { ok: true }>) {
	if (result.code === 'slot_not_found') return invalid({ start: 'not_available' });
	return refused(
		result.code,
		'alternatives' in result ? { alternatives: result.alternatives.map(slotView) } : {}
	);
}

/** A booking made by staff for a parent goes in the audit log. */
async function audited(ctx: Ctx, by: Booker, id: number) {
	if (by.madeBy !== 'staff') return;
	await logAccess(ctx.db, by.user, {
		action: 'create',
		entity: 'booking',
		entityId: id,
		schoolId: null,
		now: ctx.now
	});
}

/**
 * The parent cancels their coming booking with its manage token: one D1 round trip (the UPDATE
 * and the booking read after it in one batch). The freed place goes to the first parent waiting
 * for it (ctx.passOn, only when anyone waits at the school); the parent is told by e-mail and
 * text message after the answer (ctx.later).
 */
export async function cancelAsParent(
	ctx: Ctx,
	manageToken: string
): Promise<Outcome<ParentBooking>> {
	const cancelled = await cancelBooking(ctx.db, manageToken, { now: ctx.now });
	if (cancelled.result === 'not_found') return refused('booking_not_found');
	if (cancelled.result === 'not_active') return refused('not_active');
	const { booking, waiting } = cancelled;
	if (waiting) await passOn(ctx, [booking]);
	if (booking.email || booking.phone) {
		await afterAnswer(ctx, () => notifyCancelled(ctx.notifier, [booking], 'parent'));
	}
	return done(booking);
}

/**
 * The parent moves their coming booking to another free time of the same professional: one D1
 * round trip (`moveAtOnce`); a day with exceptions takes the careful way (`moveBooking`). The time
 * moved away from goes to the first parent waiting for it.
 */
export async function moveAsParent(
	ctx: Ctx,
	manageToken: string,
	start: number
): Promise<Outcome<void>> {
	const moved = await moveAtOnce(ctx.db, manageToken, start, ctx.now);
	if (moved) {
		if (moved.result === 'not_found') return refused('booking_not_found');
		if (moved.result === 'not_active') return refused('not_active');
		if (moved.result !== 'ok') return refused('slot_taken');
		if (moved.waiting && moved.before.startsAt !== start) await passOn(ctx, [moved.before]);
		return done(undefined);
	}
	const before = await findBooking(ctx.db, manageToken);
	const result = await moveBooking(ctx.db, manageToken, start, { now: ctx.now });
	if (result === 'not_found') return refused('booking_not_found');
	// A time that is gone or was never there: the page offers the free ones again.
	if (result !== 'ok') return refused(result === 'not_active' ? 'not_active' : 'slot_taken');
	if (before && before.startsAt !== start) await passOn(ctx, [before]);
	return done(undefined);
}

/**
 * The parent deletes their booking and everything they gave with it (the right to erasure); a
 * booking still to come frees its place for the waiting list.
 */
export async function deleteAsParent(ctx: Ctx, manageToken: string): Promise<Outcome<void>> {
	const before = await findBooking(ctx.db, manageToken);
	if (!before || !(await deleteBooking(ctx.db, manageToken))) return refused('booking_not_found');
	if (before.status === 'booked' && before.startsAt > ctx.now) await passOn(ctx, [before]);
	return done(undefined);
}

/** The places of bookings that no longer hold them, to the waiting list, school by school. */
async function passOn(
	ctx: Ctx,
	freed: Pick<ParentBooking, 'schoolId' | 'staffId' | 'startsAt'>[]
): Promise<void> {
	if (!ctx.passOn) return;
	for (const schoolId of new Set(freed.map((b) => b.schoolId))) {
		await ctx.passOn({
			schoolId,
			places: freed
				.filter((b) => b.schoolId === schoolId)
				.map(({ staffId, startsAt }) => ({ staffId, startsAt }))
		});
	}
}

/**
 * The wijkteam cancels bookings of their schools with a reason the parents see: one D1 batch with
 * an audit entry each (`cancelByStaff`), then every parent is told by every channel. Answers the bookings it
 * cancelled (none when they were not the person's to cancel, or no longer coming).
 */
export async function cancelForParents(
	ctx: Ctx,
	user: SessionUser,
	ids: number[],
	reason: string,
	/** A professional, or a change of their hours (the audit and the figures tell them apart). */
	by: Exclude<CancelledBy, 'parent'> = 'staff'
): Promise<Outcome<ParentBooking[]>> {
	const cancelled = await cancelByStaff(ctx.db, user, ids, reason, ctx.now, by);
	await notifyCancelled(ctx.notifier, cancelled, 'staff');
	await passOn(ctx, cancelled);
	return done(cancelled);
}

/** Marks a booking attended or not shown (audited); `not_allowed` when it is not the person's. */
export async function markAttendance(
	ctx: Pick<Ctx, 'db' | 'now'>,
	user: SessionUser,
	id: number,
	status: 'attended' | 'no_show'
): Promise<Outcome<void>> {
	return (await markBooking(ctx.db, user, id, status, ctx.now))
		? done(undefined)
		: refused('not_allowed');
}
