import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireUser } from '$lib/server/auth/cookie';
import { saveProfile, savePhoto } from '$lib/server/profile';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { STAFF_ROLES } from '$lib/domain/lists';
import { LANGUAGES } from '$lib/i18n/languages';
import { check } from '$lib/validation';
import { email, firstName, noControl, optionalMultilineText, phone } from '$lib/validation/fields';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const Profile = v.object({
	name: v.pipe(firstName, v.maxLength(80, 'too_long')),
	role: v.picklist(STAFF_ROLES, 'invalid'),
	languagesSpoken: v.pipe(
		v.string('required'),
		noControl,
		v.transform((s) =>
			s
				.toLowerCase()
				.split(/[\s,;]+/)
				.filter(Boolean)
		),
		v.minLength(1, 'required'),
		v.maxLength(12, 'too_long'),
		v.check((codes) => codes.every((c) => /^[a-z]{2,3}$/.test(c)), 'invalid')
	),
	publicPhone: phone,
	publicEmail: email,
	...Object.fromEntries(LANGUAGES.map((lang) => [`intro_${lang}`, optionalMultilineText(600)]))
});

function ownStaff(locals: App.Locals) {
	const user = requireUser(locals);
	if (!user.staffId) error(404, 'not_found');
	return user.staffId;
}

/** My profile: what parents see on the school page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	ownStaff(locals);
	const profile = await pageData(locals, requireUser(locals), reader, url);
	if (!profile) error(404, 'not_found');
	return { profile, roles: STAFF_ROLES, languages: LANGUAGES };
};

export const actions = {
	save: async ({ locals, request }) => {
		const staffId = ownStaff(locals);
		const values = await formValues(request);
		const input = check(Profile, values);
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const d = input.data as v.InferOutput<typeof Profile> & Record<string, string | undefined>;
		await saveProfile(locals.db, staffId, {
			name: d.name,
			role: d.role,
			languagesSpoken: d.languagesSpoken,
			intro: Object.fromEntries(
				LANGUAGES.flatMap((lang) => (d[`intro_${lang}`] ? [[lang, d[`intro_${lang}`]]] : []))
			),
			publicPhone: d.publicPhone ?? null,
			publicEmail: d.publicEmail ?? null
		});
		return { saved: 'profileSaved' as const };
	},
	photo: async ({ locals, request, platform }) => {
		const staffId = ownStaff(locals);
		const file = (await request.formData()).get('photo');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { photoError: 'photo_type' as const });
		if (!platform?.env.PHOTOS) error(500, 'no_bucket');
		const result = await savePhoto(locals.db, platform.env.PHOTOS, staffId, file);
		if (!result.ok) return fail(400, { photoError: result.code });
		return { saved: 'photoSaved' as const };
	}
} satisfies Actions;
