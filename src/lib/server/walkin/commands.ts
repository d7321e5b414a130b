/**
 * What people do in the walk-in hour, each as one command answering one `Outcome`: a parent takes
 * a number or checks in with a booking (kiosk, phone, API), the wijkteam calls the next one and
 * finishes a ticket (both audited, as every change to a parent's record is). After each change
 * the school's live screens hear of it (../live): the kiosk, the queue page, the ticket pages.
 */
import type { SessionUser } from '../auth/index.ts';
import { logAccess } from '../audit/index.ts';
import { done, refused, type Ctx, type Outcome } from '../outcome.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import {
	callNextTicket,
	checkIn,
	markTicket,
	takeTicket,
	type Ticket,
	type TicketResult
} from './index.ts';
import { notifyTurns } from './notices.ts';
import { notifyStaff } from '../notify/staff.ts';

type Walker = 'parent' | 'kiosk';

/** A ticket, or the one problem code of each reason there is none (the API's codes). */
async function ticketOutcome(ctx: TicketCtx, result: TicketResult): Promise<Outcome<Ticket>> {
	if (result.ok) {
		const { ok: _ok, fresh: _fresh, schoolId, ...ticket } = result;
		await ctx.notifier.displays.changed(schoolId);
		return done(ticket);
	}
	switch (result.code) {
		case 'not_found':
			return refused('booking_not_found');
		case 'cancelled':
			return refused('booking_cancelled');
		case 'done':
			return refused('not_active');
		case 'not_today':
			return refused('not_today', { start: toAmsterdamIso(result.startsAt) });
		default:
			return refused(result.code);
	}
}

/** What taking a ticket needs: the secret its own page's link is made with, and the push sender. */
type TicketCtx = Pick<Ctx, 'db' | 'now' | 'notifier'>;

/** How a parent's ticket is made: now, by whom, and the secret its own page's link is made with. */
const ticketOptions = (ctx: TicketCtx, madeBy: Walker) => ({
	now: ctx.now,
	madeBy,
	linkSecret: ctx.notifier.linkSecret
});

/** A parent is in the queue: the professional whose hour it is hears it on their phone (once). */
async function checkedIn(ctx: TicketCtx, result: TicketResult) {
	if (result.ok && result.fresh) {
		await notifyStaff(ctx.notifier, {
			event: 'checked_in',
			schoolId: result.schoolId,
			staffId: result.staffId
		});
	}
	return ticketOutcome(ctx, result);
}

/**
 * "I'm here": the next number of a running walk-in hour (`walkin_closed` when none runs), with
 * the secret of the ticket's own page (`ticketToken`).
 */
export async function takeNumber(
	ctx: TicketCtx,
	slug: string,
	input: Parameters<typeof takeTicket>[2],
	madeBy: Walker
): Promise<Outcome<Ticket>> {
	return checkedIn(ctx, await takeTicket(ctx.db, slug, input, ticketOptions(ctx, madeBy)));
}

/** A parent with a booking today joins the queue at their booked time, by its reference. */
export async function checkInBooking(
	ctx: TicketCtx,
	slug: string,
	reference: string,
	madeBy: Walker
): Promise<Outcome<Ticket>> {
	return checkedIn(ctx, await checkIn(ctx.db, slug, reference, ticketOptions(ctx, madeBy)));
}

/**
 * Calls the next number of a queue the person works; answers it, or null for an empty queue.
 * The parent called hears it on their phone, and the one now next but one that it is nearly time
 * (where they turned notifications on).
 */
export async function callNextNumber(
	ctx: Pick<Ctx, 'db' | 'now' | 'notifier'>,
	user: SessionUser,
	queue: { schoolId: number; staffId: number }
): Promise<Outcome<number | null>> {
	const called = await callNextTicket(ctx.db, user, queue, ctx.now);
	if (called) {
		await ctx.notifier.displays.changed(queue.schoolId);
		await logTicket(ctx, user, called.id, 'called');
		await notifyTurns(ctx.notifier, queue, ctx.now);
	}
	return done(called?.number ?? null);
}

/** Done or no-show for a waiting or called ticket (a booked parent's booking follows). */
export async function finishTicket(
	ctx: Pick<Ctx, 'db' | 'now' | 'notifier'>,
	user: SessionUser,
	id: number,
	status: 'done' | 'no_show'
): Promise<Outcome<void>> {
	const marked = await markTicket(ctx.db, user, id, status, ctx.now);
	if (!marked) return refused('not_allowed');
	await ctx.notifier.displays.changed(marked.schoolId);
	await logTicket(ctx, user, id, status);
	return done(undefined);
}

function logTicket(ctx: Pick<Ctx, 'db' | 'now'>, user: SessionUser, id: number, detail: string) {
	return logAccess(ctx.db, user, {
		action: 'update',
		entity: 'ticket',
		entityId: id,
		schoolId: null,
		detail,
		now: ctx.now
	});
}
