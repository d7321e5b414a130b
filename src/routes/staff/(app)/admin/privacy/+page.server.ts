import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/cookie';
import { linkSecret, messageLinks } from '$lib/server/http/env';
import { passOnPlaces } from '$lib/server/waitlist/messages';
import { formValues } from '$lib/server/http/forms';
import { confirmNeeded, identityProblem } from '$lib/server/http/reauth';
import { contactRecords, eraseContact, lookUpContact } from '$lib/server/privacy';
import { check } from '$lib/validation';
import { ContactErasure, ContactLookup } from '$lib/validation/privacy';
import type { Actions, PageServerLoad } from './$types';

/**
 * The AVG's rights of access and erasure for one phone number or e-mail address. The contact
 * travels in form posts only, never in a URL (URLs end up in logs and browser history).
 */
export const load: PageServerLoad = async ({ locals }) => {
	requireAdmin(locals);
	return { confirmNeeded: confirmNeeded(locals) };
};

export const actions: Actions = {
	find: async ({ locals, request, platform }) => {
		const admin = requireAdmin(locals);
		const values = await formValues(request);
		const input = check(ContactLookup, values);
		if (!input.ok) return fail(400, { errors: input.errors, values });
		const records = await lookUpContact(locals.db, admin, input.data.contact, {
			now: locals.now,
			secret: linkSecret(platform),
			action: 'read'
		});
		return { values, contact: input.data.contact, records };
	},
	erase: async (event) => {
		const { locals, request, platform } = event;
		const admin = requireAdmin(locals);
		const { identity, ...values } = await formValues(request);
		const problem = await identityProblem(event, admin, identity);
		if (problem) {
			const contact = check(ContactLookup, values);
			if (!contact.ok) return fail(400, { errors: contact.errors, values, identity: problem });
			// Shown again as it was, with the confirmation asked for.
			const records = await contactRecords(locals.db, admin, contact.data.contact);
			return fail(400, { values, contact: contact.data.contact, records, identity: problem });
		}
		const input = check(ContactErasure, values);
		if (!input.ok) {
			const contact = check(ContactLookup, values);
			if (!contact.ok) return fail(400, { errors: contact.errors, values });
			// Shown again as it was, with the missing confirmation pointed out.
			const records = await contactRecords(locals.db, admin, contact.data.contact);
			return fail(400, { errors: input.errors, values, contact: contact.data.contact, records });
		}
		const { freed, ...erased } = await eraseContact(locals.db, admin, input.data.contact, {
			now: locals.now,
			secret: linkSecret(platform)
		});
		// The places the parent held are free: the first parents waiting for them are offered them.
		for (const scope of freed) await passOnPlaces(locals, scope, messageLinks(event));
		return { values, contact: input.data.contact, erased };
	}
};
