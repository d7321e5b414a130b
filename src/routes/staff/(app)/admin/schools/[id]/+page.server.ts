import { error, fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/cookie';
import {
	addLocation,
	addPartner,
	removePartner,
	saveSchool,
	schoolOf
} from '$lib/server/staff/organisation';
import { formValues } from '$lib/server/http/forms';
import { STAFF_ROLES } from '$lib/domain/lists';
import { check } from '$lib/validation';
import { LocationForm, PartnerForm, SchoolForm } from '$lib/validation/admin';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

async function ownSchool(locals: App.Locals, id: string) {
	const admin = requireAdmin(locals);
	const found = await schoolOf(locals.db, admin, Number(id) || 0);
	if (!found) error(404, 'not_found');
	return { admin, ...found };
}

/** One school: its details, its rooms and the partners on its page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await pageData(locals, requireAdmin(locals), reader, url);
	if (!found) error(404, 'not_found');
	return { ...found, roles: STAFF_ROLES };
};

export const actions: Actions = {
	school: async ({ locals, params, request }) => {
		const { admin, school } = await ownSchool(locals, params.id);
		const data = await request.clone().formData();
		const values = await formValues(request);
		const input = check(SchoolForm, { ...values, languages: data.getAll('languages') });
		if (!input.ok) return fail(400, { form: 'school', errors: input.errors, values });
		const result = await saveSchool(locals.db, admin, school.id, input.data);
		if (!result.ok)
			return fail(409, {
				form: 'school',
				errors: { slug: 'taken' } as Record<string, string>,
				values
			});
		return { saved: true };
	},
	room: async ({ locals, params, request }) => {
		const { admin, school } = await ownSchool(locals, params.id);
		const values = await formValues(request);
		const input = check(LocationForm, values);
		if (!input.ok) return fail(400, { form: 'room', errors: input.errors, values });
		await addLocation(locals.db, admin, school.id, input.data);
		return { saved: true };
	},
	partner: async ({ locals, params, request }) => {
		const { admin, school } = await ownSchool(locals, params.id);
		const values = await formValues(request);
		const input = check(PartnerForm, values);
		if (!input.ok) return fail(400, { form: 'partner', errors: input.errors, values });
		await addPartner(locals.db, admin, school.id, input.data);
		return { saved: true };
	},
	removePartner: async ({ locals, params, request }) => {
		const { admin } = await ownSchool(locals, params.id);
		await removePartner(locals.db, admin, Number((await formValues(request)).id));
		return { saved: true };
	}
};
