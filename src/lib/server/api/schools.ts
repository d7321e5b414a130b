import { Hono } from 'hono';
import { sValidator } from '@hono/standard-validator';
import * as v from 'valibot';
import { getSchoolPage, searchSchools } from '../schools/index.ts';
import { bookSlot, loadSchedule, slotView } from '../bookings/index.ts';
import { sendBookingConfirmation } from '../bookings/messages.ts';
import { mailerFor } from '../mail/index.ts';
import { amsterdamDate, toAmsterdamIso } from '../scheduling/time.ts';
import { SchoolSearch, Slug } from '../../validation/schools.ts';
import { BookingInput, SlotRange } from '../../validation/bookings.ts';
import { QuestionInput } from '../../validation/questions.ts';
import { askQuestion } from '../questions/index.ts';
import { sendQuestionMail } from '../questions/messages.ts';
import { check, fieldErrors } from '../../validation/index.ts';
import { contactKey } from '../../validation/fields.ts';
import { apiError, rateLimited, readJson, type ApiEnv } from './context.ts';
import { walkInApi } from './walkin.ts';

/** /api/v1/schools: search, the school, its free slots, and booking one. */
export const schoolsApi = new Hono<ApiEnv>()
	.route('/:slug/walkin', walkInApi)
	.get(
		'/',
		sValidator('query', SchoolSearch, (result, c) => {
			if (!result.success) return apiError(c, 400, 'invalid', fieldErrors(result.error));
		}),
		async (c) => c.json(await searchSchools(c.var.db, c.req.valid('query').q))
	)
	.get('/:slug', async (c) => {
		const slug = c.req.param('slug');
		const page = v.is(Slug, slug)
			? await getSchoolPage(c.var.db, slug, amsterdamDate(c.var.now))
			: null;
		if (!page) return apiError(c, 404, 'school_not_found');
		const origin = new URL(c.req.url).origin;
		return c.json({
			...page.school,
			organisation: page.organisation,
			contacts: page.contacts.map((contact) => ({
				...contact,
				photoUrl: contact.photoUrl ? new URL(contact.photoUrl, origin).href : null
			})),
			partners: page.partners
		});
	})
	.get(
		'/:slug/slots',
		sValidator('query', SlotRange, (result, c) => {
			if (!result.success) return apiError(c, 400, 'invalid', fieldErrors(result.error));
		}),
		async (c) => {
			const slug = c.req.param('slug');
			const schedule = v.is(Slug, slug)
				? await loadSchedule(c.var.db, slug, { ...c.req.valid('query'), now: c.var.now })
				: null;
			if (!schedule) return apiError(c, 404, 'school_not_found');
			return c.json(schedule.slots.filter((s) => s.remaining > 0).map(slotView));
		}
	)
	.post('/:slug/bookings', async (c) => {
		const slug = c.req.param('slug');
		if (!v.is(Slug, slug)) return apiError(c, 404, 'school_not_found');
		const limited = await rateLimited(c, 'booking', { client: true });
		if (limited) return limited;
		const body = await readJson(c);
		if (body === undefined) return apiError(c, 400, 'invalid_json');
		const input = check(BookingInput, body);
		if (!input.ok) return apiError(c, 400, 'invalid', input.errors);
		const contactLimited = await rateLimited(c, 'booking', { contact: contactKey(input.data) });
		if (contactLimited) return contactLimited;
		const result = await bookSlot(c.var.db, slug, input.data, {
			now: c.var.now,
			madeBy: 'parent'
		});
		if (!result.ok) {
			if (result.code === 'school_not_found') return apiError(c, 404, 'school_not_found');
			if (result.code === 'slot_not_found') {
				return apiError(c, 400, 'invalid', { start: 'not_available' });
			}
			const alternatives = 'alternatives' in result ? result.alternatives.map(slotView) : [];
			return apiError(c, 409, result.code, {}, { alternatives });
		}
		await sendBookingConfirmation(
			c.var.db,
			mailerFor(c.env, c.var.db),
			result.manageToken,
			new URL(c.req.url).origin
		);
		return c.json(
			{
				reference: result.reference,
				manageToken: result.manageToken,
				start: toAmsterdamIso(result.startsAt),
				end: toAmsterdamIso(result.endsAt),
				staffId: result.staffId
			},
			201
		);
	})
	.post('/:slug/questions', async (c) => {
		const slug = c.req.param('slug');
		if (!v.is(Slug, slug)) return apiError(c, 404, 'school_not_found');
		const limited = await rateLimited(c, 'question', { client: true });
		if (limited) return limited;
		const body = await readJson(c);
		if (body === undefined) return apiError(c, 400, 'invalid_json');
		const input = check(QuestionInput, body);
		if (!input.ok) return apiError(c, 400, 'invalid', input.errors);
		const contactLimited = await rateLimited(c, 'question', { contact: contactKey(input.data) });
		if (contactLimited) return contactLimited;
		if (!c.env.LINK_SECRET) throw new Error('LINK_SECRET is not set');
		const result = await askQuestion(c.var.db, slug, input.data, {
			madeBy: 'parent',
			linkSecret: c.env.LINK_SECRET,
			now: c.var.now
		});
		if (!result.ok) return apiError(c, 404, 'school_not_found');
		await sendQuestionMail(
			c.var.db,
			mailerFor(c.env, c.var.db),
			'question_received',
			result.id,
			new URL(c.req.url).origin,
			c.env.LINK_SECRET
		);
		return c.json({ reference: result.reference, accessToken: result.accessToken }, 201);
	});
