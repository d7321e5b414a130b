import { fail } from '@sveltejs/kit';
import { requestPasswordReset } from '$lib/server/accounts';
import { formRateLimited, requestClient } from '$lib/server/http/limits';
import { staffTranslator } from '$lib/i18n/resources';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Always the same answer, whether or not the address has an account. */
	default: async (event) => {
		const { locals, request, url } = event;
		const email = String((await request.formData()).get('email') ?? '').slice(0, 254);
		// Counted for any address, known or not: the refusal tells nothing about accounts.
		const who = { client: requestClient(event), contact: email.trim().toLowerCase() };
		if (await formRateLimited(event, 'forgot', who)) {
			return fail(429, { code: 'rate_limited' as const });
		}
		const reset = await requestPasswordReset(locals.db, email, locals.now);
		if (reset) {
			const t = staffTranslator(reset.language);
			await locals.mailer.send({
				to: reset.email,
				language: reset.language,
				kind: 'staff_password_reset',
				subject: t('staff.forgot.subject'),
				text: t('staff.forgot.body', {
					name: reset.name,
					link: `${url.origin}/staff/reset/${reset.token}`
				})
			});
		}
		return { sent: true };
	}
};
