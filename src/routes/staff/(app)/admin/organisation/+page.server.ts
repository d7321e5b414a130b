import { fail, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/cookie';
import { addLocation, saveOrganisation, saveSchool } from '$lib/server/staff/organisation';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { LocationForm, OrganisationForm, SchoolForm } from '$lib/validation/admin';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's details, its schools and its places outside schools. */
export const load: PageServerLoad = async ({ locals, url }) =>
	pageData(locals, requireAdmin(locals), reader, url);

export const actions: Actions = {
	organisation: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const values = await formValues(request);
		const input = check(OrganisationForm, values);
		if (!input.ok) return fail(400, { form: 'organisation', errors: input.errors, values });
		await saveOrganisation(locals.db, admin, input.data);
		return { saved: true };
	},
	school: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const data = await request.clone().formData();
		const values = await formValues(request);
		const input = check(SchoolForm, { ...values, languages: data.getAll('languages') });
		if (!input.ok) return fail(400, { form: 'school', errors: input.errors, values });
		const result = await saveSchool(locals.db, admin, null, input.data);
		if (!result.ok)
			return fail(409, {
				form: 'school',
				errors: { slug: 'taken' } as Record<string, string>,
				values
			});
		redirect(303, `/staff/admin/schools/${result.id}`);
	},
	centre: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const values = await formValues(request);
		const input = check(LocationForm, values);
		if (!input.ok) return fail(400, { form: 'centre', errors: input.errors, values });
		await addLocation(locals.db, admin, null, input.data);
		return { saved: true };
	}
};
