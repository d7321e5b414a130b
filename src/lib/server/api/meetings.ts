import { Hono } from 'hono';
import * as v from 'valibot';
import {
	findSignup,
	meetingView,
	signupView,
	suggestTheme,
	upcomingMeetings
} from '../meetings/index.ts';
import { cancelOwnSignup, signUpForMeeting } from '../meetings/commands.ts';
import { MeetingParams, SignupInput, SuggestionInput } from '../../validation/meetings.ts';
import { SchoolParams, Token } from '../../validation/schools.ts';
import { apiError, type ApiEnv } from './context.ts';
import { describe, documented } from './document.ts';
import { apiAnswer, apiCtx } from './outcome.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { limit, NO_SCHOOL, valid } from './validate.ts';

/** /api/v1/schools/{slug}/meetings and /suggestions: a school's meetings and parents' wishes. */
export const schoolMeetingsApi = new Hono<ApiEnv>()
	.get(
		'/:slug/meetings',
		describe({
			operationId: 'listMeetings',
			summary: "The school's upcoming parent meetings, soonest first",
			description:
				'Titles and texts in the ?lang= language where the school wrote them, else in Dutch.',
			tags: ['meetings'],
			responses: {
				'200': documented('Upcoming meetings (at most 20)', v.array(RESPONSES.Meeting), [
					EXAMPLES.meeting
				])
			},
			errors: { 404: ['school_not_found'] }
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		async (c) => {
			const rows = await upcomingMeetings(c.var.db, c.req.valid('param').slug, c.var.now);
			if (!rows) return apiError(c, 404, 'school_not_found');
			return reply(
				c,
				v.array(RESPONSES.Meeting),
				rows.map((m) => meetingView(m, c.var.lang))
			);
		}
	)
	.post(
		'/:slug/suggestions',
		describe({
			operationId: 'suggestTheme',
			summary: 'Suggest what a next parent meeting should be about',
			description: 'Anonymous: nothing about the parent is stored. Staff see counts per theme.',
			tags: ['meetings'],
			requestExample: EXAMPLES.suggestionRequest,
			responses: {
				'201': documented('Stored', RESPONSES.SuggestionCreated, { theme: 'sleep_eating' })
			},
			errors: { 404: ['school_not_found'] },
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		limit('meeting'),
		valid('json', SuggestionInput),
		async (c) => {
			const input = c.req.valid('json');
			const stored = await suggestTheme(c.var.db, c.req.valid('param').slug, input, {
				now: c.var.now,
				madeBy: 'parent'
			});
			if (!stored) return apiError(c, 404, 'school_not_found');
			return reply(c, RESPONSES.SuggestionCreated, { theme: input.theme }, 201);
		}
	);

/** POST /api/v1/meetings/{id}/signups: a parent takes places at a meeting. */
export const meetingsApi = new Hono<ApiEnv>().post(
	'/:id/signups',
	describe({
		operationId: 'signUpForMeeting',
		summary: 'Sign up for a meeting',
		description:
			'people (1-4, default 1) count against the capacity; phone or email are optional (for a reminder). 409 meeting_full carries `remaining`: the places still free. With `waitlist: true` a parent who does not fit goes on the waiting list instead (201 with status waiting; phone or email then required): when places free up (a cancellation, a raised capacity) the first waiting parents who fit are signed up directly and told by every channel.',
		tags: ['meetings'],
		requestExample: EXAMPLES.signupRequest,
		responses: {
			'201': documented('Signed up', RESPONSES.SignupCreated, EXAMPLES.signupCreated)
		},
		errors: { 404: ['meeting_not_found'], 409: ['meeting_full', 'meeting_past'] },
		limited: true
	}),
	valid('param', MeetingParams, { status: 404, code: 'meeting_not_found' }),
	limit('meeting'),
	valid('json', SignupInput),
	async (c) => {
		const outcome = await signUpForMeeting(
			apiCtx(c),
			c.req.valid('param').id,
			c.req.valid('json'),
			{ madeBy: 'parent' }
		);
		return apiAnswer(c, outcome, (s) =>
			reply(
				c,
				RESPONSES.SignupCreated,
				{
					reference: s.reference,
					manageToken: s.manageToken,
					people: s.people,
					status: s.waiting ? ('waiting' as const) : ('signed_up' as const)
				},
				201
			)
		);
	}
);

const SignupParams = v.object({
	manageToken: v.pipe(
		Token,
		v.description('The secret of the manage link: whoever holds it may see and cancel the sign-up')
	)
});
const NO_SIGNUP = { status: 404, code: 'signup_not_found' } as const;

/** /api/v1/signups/{manageToken}: the parent's own sign-up. */
export const signupsApi = new Hono<ApiEnv>()
	.get(
		'/:manageToken',
		describe({
			operationId: 'getSignup',
			summary: 'The sign-up as the parent sees it',
			tags: ['meetings'],
			responses: {
				'200': documented('The sign-up', RESPONSES.Signup, EXAMPLES.signup)
			},
			errors: { 404: ['signup_not_found'] }
		}),
		valid('param', SignupParams, NO_SIGNUP),
		async (c) => {
			const signup = await findSignup(c.var.db, c.req.valid('param').manageToken);
			if (!signup) return apiError(c, 404, 'signup_not_found');
			return reply(c, RESPONSES.Signup, signupView(signup));
		}
	)
	.delete(
		'/:manageToken',
		describe({
			operationId: 'cancelSignup',
			summary: 'Cancel the sign-up: its places are free again',
			tags: ['meetings'],
			responses: { '204': { description: 'Cancelled' } },
			errors: { 404: ['signup_not_found'], 409: ['signup_not_active'] }
		}),
		valid('param', SignupParams, NO_SIGNUP),
		async (c) => {
			const outcome = await cancelOwnSignup(apiCtx(c), c.req.valid('param').manageToken);
			return apiAnswer(c, outcome, () => c.body(null, 204));
		}
	);
