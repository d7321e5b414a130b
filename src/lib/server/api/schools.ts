import { Hono } from 'hono';
import { sValidator } from '@hono/standard-validator';
import * as v from 'valibot';
import { getSchoolPage, searchSchools } from '../schools/index.ts';
import { amsterdamDate } from '../scheduling/time.ts';
import { SchoolSearch, Slug } from '../../validation/schools.ts';
import { fieldErrors } from '../../validation/index.ts';
import { apiError, type ApiEnv } from './context.ts';

/** GET /api/v1/schools?q= and GET /api/v1/schools/{slug}: public, readable from any origin. */
export const schoolsApi = new Hono<ApiEnv>()
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
			? await getSchoolPage(c.var.db, slug, amsterdamDate(Date.now()))
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
	});
