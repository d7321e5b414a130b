import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/cookie';
import { linkSecret } from '$lib/server/http/env';
import { identityProblem } from '$lib/server/http/reauth';
import { lookUpContact } from '$lib/server/privacy';
import { amsterdamDate } from '$lib/server/scheduling/time';
import { ContactLookup } from '$lib/validation/privacy';
import type { RequestHandler } from './$types';

/**
 * Everything the organisation keeps about one contact as a JSON file (the right of access), to
 * hand to the parent. A form post, so the contact is in no URL; every export is in the audit log.
 */
export const POST: RequestHandler = async (event) => {
	const { locals, request, platform } = event;
	const admin = requireAdmin(locals);
	const { identity, ...fields } = Object.fromEntries(await request.formData());
	// The export form has no room for a refusal: back to the page, which asks for the password.
	if (await identityProblem(event, admin, typeof identity === 'string' ? identity : undefined)) {
		redirect(303, '/staff/admin/privacy?confirm=needed');
	}
	const input = v.safeParse(ContactLookup, fields);
	if (!input.success) error(400, 'invalid');
	const now = locals.now;
	const records = await lookUpContact(locals.db, admin, input.output.contact, {
		now,
		secret: linkSecret(platform),
		action: 'export'
	});
	const body = {
		contact: input.output.contact,
		exportedAt: new Date(now).toISOString(),
		exportedBy: admin.name,
		...records
	};
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="inloop-avg-${amsterdamDate(now)}.json"`,
			'cache-control': 'no-store'
		}
	});
};
