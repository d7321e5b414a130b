import { Hono } from 'hono';
import * as v from 'valibot';
import { getSchoolPage, searchSchools } from '../schools/index.ts';
import { loadSchedule, slotView } from '../bookings/index.ts';
import { book } from '../bookings/commands.ts';
import { amsterdamDate, toAmsterdamIso } from '../scheduling/time.ts';
import { SchoolParams, SchoolSearch } from '../../validation/schools.ts';
import { BookingInput, SlotRange } from '../../validation/bookings.ts';
import { QuestionInput } from '../../validation/questions.ts';
import { ask } from '../questions/commands.ts';
import { contactKey } from '../../validation/fields.ts';
import { apiError, rateLimited, sharedAnswer, type ApiEnv } from './context.ts';
import { apiAnswer, apiCtx } from './outcome.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { limit, NO_SCHOOL, valid } from './validate.ts';
import { walkInApi } from './walkin.ts';
import { joinWaitlistApi } from './waitlist.ts';

/** /api/v1/schools: search, the school, its free slots, and booking one. */
export const schoolsApi = new Hono<ApiEnv>()
	.route('/:slug/walkin', walkInApi)
	.route('/:slug/waitlist', joinWaitlistApi)
	.get(
		'/',
		describe({
			operationId: 'searchSchools',
			summary: 'Find schools by name, town or neighbourhood',
			tags: ['schools'],
			responses: {
				'200': documented(
					'Matching schools, by name (at most 20)',
					v.array(RESPONSES.SchoolSummary),
					[EXAMPLES.schoolSummary]
				)
			},
			errors: { 400: ['invalid'] }
		}),
		valid('query', SchoolSearch),
		async (c) =>
			reply(
				c,
				v.array(RESPONSES.SchoolSummary),
				await searchSchools(c.var.db, c.req.valid('query').q)
			)
	)
	.get(
		'/:slug',
		describe({
			operationId: 'getSchool',
			summary: 'A school with its wijkteam contacts, their weekly presence, and partners',
			tags: ['schools'],
			responses: {
				'200': documented('The school', RESPONSES.School, EXAMPLES.school)
			},
			errors: { 404: ['school_not_found'] }
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		async (c) => {
			const page = await getSchoolPage(
				c.var.db,
				c.req.valid('param').slug,
				amsterdamDate(c.var.now)
			);
			if (!page) return apiError(c, 404, 'school_not_found');
			const origin = new URL(c.req.url).origin;
			sharedAnswer(c);
			return reply(c, RESPONSES.School, {
				...page.school,
				organisation: page.organisation,
				contacts: page.contacts.map((contact) => ({
					...contact,
					photoUrl: contact.photoUrl ? new URL(contact.photoUrl, origin).href : null
				})),
				partners: page.partners
			});
		}
	)
	.get(
		'/:slug/slots',
		describe({
			operationId: 'listFreeSlots',
			summary: 'Free bookable slots of the school, at most 31 days per call',
			tags: ['bookings'],
			responses: {
				'200': documented('Free slots, by start', v.array(RESPONSES.Slot), [EXAMPLES.slot])
			},
			errors: { 400: ['invalid'], 404: ['school_not_found'] }
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		valid('query', SlotRange),
		async (c) => {
			const schedule = await loadSchedule(c.var.db, c.req.valid('param').slug, {
				...c.req.valid('query'),
				now: c.var.now
			});
			if (!schedule) return apiError(c, 404, 'school_not_found');
			sharedAnswer(c);
			return reply(
				c,
				v.array(RESPONSES.Slot),
				schedule.slots.filter((s) => s.remaining > 0).map(slotView)
			);
		}
	)
	.post(
		'/:slug/bookings',
		describe({
			operationId: 'bookSlot',
			summary: 'Book a slot',
			description:
				'phone or email (at least one) is required. fields.start = not_available for a slot that does not exist, is past or closed.',
			tags: ['bookings'],
			requestExample: EXAMPLES.bookingRequest,
			responses: {
				'201': documented('Booked', RESPONSES.BookingCreated, EXAMPLES.bookingCreated)
			},
			errors: { 404: ['school_not_found'], 409: ['slot_taken', 'weekly_limit'] },
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		limit('booking'),
		valid('json', BookingInput),
		async (c) => {
			const input = c.req.valid('json');
			const contactLimited = await rateLimited(c, 'booking', { contact: contactKey(input) });
			if (contactLimited) return contactLimited;
			const booked = await book(apiCtx(c), c.req.valid('param').slug, input, {
				madeBy: 'parent'
			});
			return apiAnswer(c, booked, (b) =>
				reply(
					c,
					RESPONSES.BookingCreated,
					{
						reference: b.reference,
						manageToken: b.manageToken,
						start: toAmsterdamIso(b.startsAt),
						end: toAmsterdamIso(b.endsAt),
						staffId: b.staffId
					},
					201
				)
			);
		}
	)
	.post(
		'/:slug/questions',
		describe({
			operationId: 'askQuestion',
			summary: 'Ask the wijkteam a question',
			description: 'phone is required for answerBy=call, email for answerBy=email.',
			tags: ['questions'],
			requestExample: EXAMPLES.questionRequest,
			responses: {
				'201': documented('Stored', RESPONSES.QuestionCreated, EXAMPLES.questionCreated)
			},
			errors: { 404: ['school_not_found'] },
			limited: true
		}),
		valid('param', SchoolParams, NO_SCHOOL),
		limit('question'),
		valid('json', QuestionInput),
		async (c) => {
			const input = c.req.valid('json');
			const contactLimited = await rateLimited(c, 'question', { contact: contactKey(input) });
			if (contactLimited) return contactLimited;
			if (!c.env.LINK_SECRET) throw new Error('LINK_SECRET is not set');
			const asked = await ask(
				apiCtx(c),
				c.env.LINK_SECRET,
				c.req.valid('param').slug,
				input,
				'parent'
			);
			return apiAnswer(c, asked, (q) =>
				reply(
					c,
					RESPONSES.QuestionCreated,
					{ reference: q.reference, accessToken: q.accessToken },
					201
				)
			);
		}
	);
