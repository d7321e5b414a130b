/**
 * Web push without an account (DESIGN.md, "Reaching parents"): the server's public key, and for a
 * booking, a question, a walk-in ticket or a waiting-list entry — each by its own secret link —
 * turning notifications on and off for one device. Also the walk-in ticket's own status for its page.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { findTicket } from '../walkin/index.ts';
import { pushServiceOrigins, recordByToken, subscribe, unsubscribe } from '../notify/push.ts';
import { PushEndpointInput, PushSubscriptionInput } from '../../validation/push.ts';
import { Token } from '../../validation/schools.ts';
import type { PushRecord } from '../../domain/lists.ts';
import type { KeyUnder } from '../../i18n/keys.ts';
import { apiError, type ApiEnv } from './context.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { valid } from './validate.ts';

/** GET /api/v1/push/key: the application server key a browser subscribes with. */
export const pushKeyApi = new Hono<ApiEnv>().get(
	'/key',
	describe({
		operationId: 'getPushKey',
		summary: "The server's public key for push subscriptions (VAPID, RFC 8292)",
		tags: ['push'],
		responses: {
			'200': documented('The key', RESPONSES.PushKey, EXAMPLES.pushKey)
		},
		errors: { 404: ['not_found'] }
	}),
	(c) => {
		if (!c.env.VAPID_PUBLIC_KEY) return apiError(c, 404, 'not_found');
		c.header('cache-control', 'public, max-age=3600');
		return reply(c, RESPONSES.PushKey, { publicKey: c.env.VAPID_PUBLIC_KEY });
	}
);

type PushRoute = {
	record: PushRecord;
	/** The path parameter that holds the record's secret. */
	param: 'manageToken' | 'accessToken' | 'ticketToken';
	notFound: KeyUnder<'errors'>;
	tag: string;
	/** In operation ids: subscribe<Name>Push. */
	name: string;
	what: string;
};

/** POST and DELETE `/:token/push` for one kind of record, added to its sub-app. */
export function withPushRoutes(app: Hono<ApiEnv>, route: PushRoute) {
	const Params = v.object({
		[route.param]: v.pipe(Token, v.description(`The secret of the ${route.what}'s own link`))
	});
	const notFound = { status: 404, code: route.notFound } as const;
	const target = async (c: { var: ApiEnv['Variables'] }, params: Record<string, string>) =>
		recordByToken(c.var.db, route.record, params[route.param]);
	return app
		.post(
			`/:${route.param}/push`,
			describe({
				operationId: `subscribe${route.name}Push`,
				summary: `Turn on notifications for this ${route.what} on this device`,
				description:
					'The body is PushSubscription.toJSON(). The endpoint must lie on an allowed push service (PUSH_SERVICE_ORIGINS); otherwise 400 invalid with fields.endpoint. Messages carry no personal content, only that there is news and the link.',
				tags: [route.tag],
				requestExample: EXAMPLES.pushSubscription,
				responses: { '201': { description: 'Notifications are on for this device' } },
				errors: { 404: [route.notFound] }
			}),
			valid('param', Params, notFound),
			valid('json', PushSubscriptionInput),
			async (c) => {
				const record = await target(c, c.req.valid('param') as Record<string, string>);
				if (!record) return apiError(c, 404, route.notFound);
				const result = await subscribe(
					c.var.db,
					record,
					c.req.valid('json'),
					pushServiceOrigins(c.env)
				);
				if (result === 'invalid_endpoint') {
					return apiError(c, 400, 'invalid', { endpoint: 'invalid' });
				}
				return c.body(null, 201);
			}
		)
		.delete(
			`/:${route.param}/push`,
			describe({
				operationId: `unsubscribe${route.name}Push`,
				summary: `Turn off notifications for this ${route.what} on this device`,
				tags: [route.tag],
				requestExample: { endpoint: EXAMPLES.pushSubscription.endpoint },
				responses: { '204': { description: 'Off (also when it was not on)' } },
				errors: { 404: [route.notFound] }
			}),
			valid('param', Params, notFound),
			valid('json', PushEndpointInput),
			async (c) => {
				const record = await target(c, c.req.valid('param') as Record<string, string>);
				if (!record) return apiError(c, 404, route.notFound);
				await unsubscribe(c.var.db, record, c.req.valid('json').endpoint);
				return c.body(null, 204);
			}
		);
}

const TicketParams = v.object({
	ticketToken: v.pipe(
		Token,
		v.description("The secret of the walk-in ticket's own page (in the answer to I'm here)")
	)
});

/** /api/v1/walkin/{ticketToken}: a walk-in ticket's place in line, and its push. */
export const ticketsApi = withPushRoutes(
	new Hono<ApiEnv>().get(
		'/:ticketToken',
		describe({
			operationId: 'getTicket',
			summary: 'A walk-in ticket: its number, status and how many are before it',
			tags: ['walkin'],
			responses: {
				'200': documented('The ticket', RESPONSES.TicketStatus, EXAMPLES.ticketStatus)
			},
			errors: { 404: ['ticket_not_found'] }
		}),
		valid('param', TicketParams, { status: 404, code: 'ticket_not_found' }),
		async (c) => {
			const ticket = await findTicket(c.var.db, c.req.valid('param').ticketToken);
			if (!ticket) return apiError(c, 404, 'ticket_not_found');
			return reply(c, RESPONSES.TicketStatus, {
				number: ticket.number,
				status: ticket.status,
				ahead: ticket.ahead,
				nowCalling: ticket.nowCalling,
				staffName: ticket.staffName,
				school: ticket.school
			});
		}
	),
	{
		record: 'ticket',
		param: 'ticketToken',
		notFound: 'ticket_not_found',
		tag: 'walkin',
		name: 'Ticket',
		what: 'walk-in ticket'
	}
);
