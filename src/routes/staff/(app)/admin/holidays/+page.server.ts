import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/cookie';
import { addHoliday, removeHoliday } from '$lib/server/staff/admin';
import { check } from '$lib/validation';
import { text } from '$lib/validation/fields';
import { formValues } from '$lib/server/http/forms';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

const Holiday = v.pipe(
	v.object({
		name: v.pipe(text(80), v.nonEmpty('required')),
		startDate: v.pipe(v.string('required'), v.isoDate('invalid')),
		endDate: v.pipe(v.string('required'), v.isoDate('invalid')),
		schoolId: v.optional(
			v.pipe(
				v.string(),
				v.transform((s) => (s ? Number(s) : null))
			),
			''
		)
	}),
	v.forward(
		v.check((h) => h.startDate <= h.endDate, 'invalid'),
		['endDate']
	)
);

/** School holidays and other closed days: no slots on them, for the whole organisation or one school. */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const admin = requireAdmin(locals);
	return {
		...(await pageData(locals, admin, reader, url)),
		// An admin's schools (the layout's) are the organisation's.
		orgSchools: (await parent()).schools
	};
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const values = await formValues(request);
		const input = check(Holiday, values);
		if (!input.ok) return fail(400, { errors: input.errors, values });
		if (
			!(await addHoliday(locals.db, admin, {
				...input.data,
				schoolId: input.data.schoolId ?? null
			}))
		) {
			return fail(400, { errors: { schoolId: 'invalid' } as Record<string, string>, values });
		}
		return { saved: true };
	},
	remove: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		await removeHoliday(locals.db, admin, Number((await request.formData()).get('id')));
		return { saved: true };
	}
};
