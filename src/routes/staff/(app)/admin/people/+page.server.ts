import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/cookie';
import {
	endSessionsFor,
	invite,
	resetAccount,
	setDisabled,
	setStaffSchools
} from '$lib/server/accounts';
import { staffTranslator } from '$lib/i18n/resources';
import { STAFF_ROLES } from '$lib/domain/lists';
import { check } from '$lib/validation';
import { firstName, noControl } from '$lib/validation/fields';
import { stringValues } from '$lib/server/http/forms';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

const Invite = v.object({
	email: v.pipe(
		v.string('required'),
		noControl,
		v.trim(),
		v.toLowerCase(),
		v.email('invalid'),
		v.maxLength(254, 'too_long')
	),
	name: v.pipe(firstName, v.maxLength(80, 'too_long')),
	role: v.picklist(['staff', 'admin'], 'invalid'),
	staffRole: v.picklist(STAFF_ROLES, 'invalid'),
	language: v.picklist(['nl', 'en'], 'invalid')
});

/** The organisation's accounts: invite, disable, end sessions (admins only). */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const admin = requireAdmin(locals);
	return {
		...(await pageData(locals, admin, reader, url)),
		staffRoles: STAFF_ROLES,
		// An admin's schools (the layout's) are the organisation's.
		orgSchools: (await parent()).schools
	};
};

export const actions = {
	invite: async ({ locals, request, url }) => {
		const admin = requireAdmin(locals);
		const data = await request.formData();
		const values = stringValues(data);
		const input = check(Invite, values);
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const schoolIds = data.getAll('schools').map(Number).filter(Boolean);
		const result = await invite(locals.db, admin, { ...input.data, schoolIds }, locals.now);
		if (!result.ok)
			return fail(409, { errors: { email: 'taken' } as Record<string, string>, values });
		const link = `${url.origin}/staff/invite/${result.token}`;
		const t = staffTranslator(input.data.language);
		await locals.mailer.send({
			to: input.data.email,
			language: input.data.language,
			kind: 'staff_invitation',
			subject: t('staff.people.inviteSubject'),
			text: t('staff.people.inviteBody', { name: input.data.name, link, admin: admin.name })
		});
		return { invited: { email: input.data.email, link } };
	},
	disable: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const id = Number((await request.formData()).get('id'));
		if (id === admin.id || !(await setDisabled(locals.db, admin, id, true, locals.now)))
			return fail(400, { done: 'notAllowed' as const });
		return { done: 'disabled' as const };
	},
	enable: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const id = Number((await request.formData()).get('id'));
		if (!(await setDisabled(locals.db, admin, id, false, locals.now)))
			return fail(400, { done: 'notAllowed' as const });
		return { done: 'enabled' as const };
	},
	reset: async ({ locals, request, url }) => {
		const admin = requireAdmin(locals);
		const id = Number((await request.formData()).get('id'));
		const reset = id === admin.id ? null : await resetAccount(locals.db, admin, id, locals.now);
		if (!reset) return fail(400, { done: 'notAllowed' as const });
		const link = `${url.origin}/staff/setup/${reset.token}`;
		const t = staffTranslator(reset.language);
		await locals.mailer.send({
			to: reset.email,
			language: reset.language,
			kind: 'staff_reset',
			subject: t('staff.people.resetSubject'),
			text: t('staff.people.resetBody', { name: reset.name, link, admin: admin.name })
		});
		// A colleague's link to set up an account in use goes to them alone: a coordinator who
		// saw it could take the account over. An account never used is an invitation sent again.
		if (!reset.neverSignedIn) return { done: 'resetSent' as const, email: reset.email };
		return { invited: { email: reset.email, link }, done: 'resetDone' as const };
	},
	schools: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const data = await request.formData();
		const ok = await setStaffSchools(
			locals.db,
			admin,
			Number(data.get('staffId')),
			data.getAll('schools').map(Number)
		);
		return ok ? { done: 'schoolsSaved' as const } : fail(400, { done: 'notAllowed' as const });
	},
	endSessions: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const id = Number((await request.formData()).get('id'));
		if (!(await endSessionsFor(locals.db, admin, id)))
			return fail(400, { done: 'notAllowed' as const });
		return { done: 'sessionsEnded' as const };
	}
} satisfies Actions;
