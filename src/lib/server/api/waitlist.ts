import { Hono } from 'hono';
import type { Context } from 'hono';
import * as v from 'valibot';
import { claimOffer, entryApiView, findEntry, joinWaitlist, statusAt } from '../waitlist/index.ts';
import {
	announceJoined,
	expireAndPassOn,
	leaveList,
	type LinkContext
} from '../waitlist/messages.ts';
import { notifyBooking } from '../bookings/notices.ts';
import { mailerFor } from '../mail/index.ts';
import { toAmsterdamIso } from '../scheduling/time.ts';
import { SchoolParams, Token } from '../../validation/schools.ts';
import { WaitlistInput } from '../../validation/waitlist.ts';
import { contactKey } from '../../validation/fields.ts';
import { apiError, notifierOf, rateLimited, type ApiEnv } from './context.ts';
import { apiCtx } from './outcome.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { limit, NO_SCHOOL, valid } from './validate.ts';

const WaitlistParams = v.object({
	manageToken: v.pipe(
		Token,
		v.description(
			'The secret of the waiting-list link: whoever holds it may see, claim and leave the place'
		)
	)
});
const NO_ENTRY = { status: 404, code: 'waitlist_not_found' } as const;

/** Where the messages' links lead, with the secret that makes a parent's link again. */
export function linksOf(c: Context<ApiEnv>): LinkContext {
	if (!c.env.LINK_SECRET) throw new Error('LINK_SECRET is not set');
	return { origin: new URL(c.req.url).origin, linkSecret: c.env.LINK_SECRET };
}

/** POST /api/v1/schools/{slug}/waitlist: wait for a place (mounted under the schools). */
export const joinWaitlistApi = new Hono<ApiEnv>().post(
	'/',
	describe({
		operationId: 'joinWaitlist',
		summary: 'Wait for a place at the school, with one professional or any, between two dates',
		description:
			'phone or email (at least one) is required; from and to lie within the booking horizon (fields.from / fields.to = out_of_range). A place that frees up is offered to the first parent waiting and held for 2 hours.',
		tags: ['waitlist'],
		requestExample: EXAMPLES.waitlistRequest,
		responses: {
			'201': documented('On the list', RESPONSES.WaitlistCreated, EXAMPLES.waitlistCreated)
		},
		errors: { 404: ['school_not_found'] },
		limited: true
	}),
	valid('param', SchoolParams, NO_SCHOOL),
	limit('booking'),
	valid('json', WaitlistInput),
	async (c) => {
		const input = c.req.valid('json');
		const contactLimited = await rateLimited(c, 'booking', { contact: contactKey(input) });
		if (contactLimited) return contactLimited;
		const links = linksOf(c);
		const result = await joinWaitlist(c.var.db, c.req.valid('param').slug, input, {
			now: c.var.now,
			linkSecret: links.linkSecret
		});
		if (!result.ok) {
			if (result.code === 'school_not_found') return apiError(c, 404, 'school_not_found');
			return apiError(c, 400, 'invalid', result.fields);
		}
		await announceJoined(c.var.db, mailerFor(c.env, c.var.db), result.id, links);
		return reply(
			c,
			RESPONSES.WaitlistCreated,
			{ reference: result.reference, manageToken: result.manageToken },
			201
		);
	}
);

/** /api/v1/waitlist/{manageToken}: the parent's place on the list, its offer, claim and leave. */
export const waitlistApi = new Hono<ApiEnv>()
	.get(
		'/:manageToken',
		describe({
			operationId: 'getWaitlistEntry',
			summary: 'The place on the waiting list as the parent sees it, with the offer when held',
			tags: ['waitlist'],
			responses: {
				'200': documented('The place on the list', RESPONSES.WaitlistEntry, EXAMPLES.waitlistEntry)
			},
			errors: { 404: ['waitlist_not_found'] }
		}),
		valid('param', WaitlistParams, NO_ENTRY),
		async (c) => {
			const token = c.req.valid('param').manageToken;
			let entry = await findEntry(c.var.db, token);
			if (!entry) return apiError(c, 404, 'waitlist_not_found');
			// An offer that ran out before the cron came: expire it now, the place goes on.
			if (entry.status === 'offered' && statusAt(entry, c.var.now) === 'expired') {
				await expireAndPassOn(notifierOf(c), c.var.now, linksOf(c));
				entry = (await findEntry(c.var.db, token))!;
			}
			c.header('cache-control', 'no-store');
			return reply(c, RESPONSES.WaitlistEntry, entryApiView(entry, c.var.now));
		}
	)
	.delete(
		'/:manageToken',
		describe({
			operationId: 'leaveWaitlist',
			summary: 'Leave the waiting list (a place held for the parent goes to the next one)',
			tags: ['waitlist'],
			responses: { '204': { description: 'Off the list' } },
			errors: { 404: ['waitlist_not_found'] }
		}),
		valid('param', WaitlistParams, NO_ENTRY),
		async (c) => {
			const left = await leaveList(apiCtx(c), c.req.valid('param').manageToken);
			if (!left.ok) return apiError(c, 404, 'waitlist_not_found');
			return c.body(null, 204);
		}
	)
	.post(
		'/:manageToken/claim',
		describe({
			operationId: 'claimWaitlistOffer',
			summary: 'Book the place held for the parent',
			tags: ['waitlist'],
			responses: {
				'201': documented('Booked', RESPONSES.BookingCreated, EXAMPLES.bookingCreated)
			},
			errors: { 404: ['waitlist_not_found'], 409: ['offer_expired', 'slot_taken'] }
		}),
		// Not rate limited: the secret link is the key, and an entry makes one booking at most.
		valid('param', WaitlistParams, NO_ENTRY),
		async (c) => {
			const result = await claimOffer(c.var.db, c.req.valid('param').manageToken, {
				now: c.var.now
			});
			if (!result.ok) {
				if (result.code === 'not_found') return apiError(c, 404, 'waitlist_not_found');
				return apiError(c, 409, result.code);
			}
			// As any booking: the fuller e-mail, a text message to a parent with only a phone.
			await notifyBooking(notifierOf(c), result.id, 'confirmed', { token: result.manageToken });
			return reply(
				c,
				RESPONSES.BookingCreated,
				{
					reference: result.reference,
					manageToken: result.manageToken,
					start: toAmsterdamIso(result.startsAt),
					end: toAmsterdamIso(result.endsAt),
					staffId: result.staffId
				},
				201
			);
		}
	);
