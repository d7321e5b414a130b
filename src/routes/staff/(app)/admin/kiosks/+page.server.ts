import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/cookie';
import { createPairing, revokeKiosk } from '$lib/server/kiosk';
import { formValues } from '$lib/server/http/forms';
import { check } from '$lib/validation';
import { StaffId } from '$lib/validation/bookings';
import { KioskForm } from '$lib/validation/walkin';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's kiosk tablets: pair a new one with a one-time code, see them, revoke one. */
export const load: PageServerLoad = async ({ locals, setHeaders, parent, url }) => {
	const admin = requireAdmin(locals);
	setHeaders({ 'cache-control': 'no-store' });
	return {
		...(await pageData(locals, admin, reader, url)),
		// An admin's schools (the layout's) are the organisation's.
		orgSchools: (await parent()).schools
	};
};

export const actions: Actions = {
	pair: async ({ locals, request, url }) => {
		const admin = requireAdmin(locals);
		const values = await formValues(request);
		const input = check(KioskForm, values);
		if (!input.ok) return fail(400, { errors: input.errors, values, pairing: null });
		const result = await createPairing(locals.db, admin, input.data, locals.now);
		if (!result.ok) {
			return fail(400, {
				errors: { schoolId: 'invalid' } as Record<string, string>,
				values,
				pairing: null
			});
		}
		return {
			errors: {} as Record<string, string>,
			values: {} as Record<string, string>,
			pairing: {
				code: `${result.code.slice(0, 4)} ${result.code.slice(4)}`,
				link: `${url.origin}/kiosk/pair?code=${result.code}`,
				expiresAt: result.expiresAt
			}
		};
	},
	revoke: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const input = check(v.object({ id: StaffId }), await formValues(request));
		if (!input.ok || !(await revokeKiosk(locals.db, admin, input.data.id, locals.now))) {
			return fail(400, { errors: {} as Record<string, string>, values: {}, pairing: null });
		}
		return { errors: {} as Record<string, string>, values: {}, pairing: null, revoked: true };
	}
};
