import { fail, redirect } from '@sveltejs/kit';
import { pairKiosk } from '$lib/server/kiosk';
import { setKioskCookie } from '$lib/server/auth/cookie';
import { formValues } from '$lib/server/http/forms';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { check } from '$lib/validation';
import { PairingInput } from '$lib/validation/walkin';
import type { Actions, PageServerLoad } from './$types';

/** The tablet's first page: the admin's pairing code makes it the school's kiosk. */
export const load: PageServerLoad = async ({ url, locals }) => ({
	code: url.searchParams.get('code')?.slice(0, 20) ?? '',
	pairedTo: locals.kiosk?.schoolName ?? null
});

export const actions = {
	default: async (event) => {
		const { request, locals, cookies } = event;
		const values = await formValues(request);
		// Guessing codes: a few tries a minute per address, then 429.
		if (await formRateLimited(event, 'pairing', { client: requestClient(event) }))
			return fail(429, { code: values.code ?? '', error: 'rate_limited' as const });
		const input = check(PairingInput, values);
		if (!input.ok) return fail(400, { code: values.code ?? '', error: 'required' as const });
		const result = await pairKiosk(locals.db, input.data.code, locals.now);
		if (!result.ok) return fail(400, { code: values.code ?? '', error: result.code });
		setKioskCookie(cookies, result.token);
		redirect(303, '/kiosk');
	}
} satisfies Actions;
