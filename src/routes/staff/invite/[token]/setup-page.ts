import { error, fail, type Actions, type ServerLoad } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { choosePassword, enrolTotp, findSetupLink } from '$lib/server/accounts';
import { passwordProblem } from '$lib/server/auth/password-policy';
import { totpKeys } from '$lib/server/http/env';

type Params = { token: string };

/** otpauth:// for authenticator apps, as a QR code made here (no third party sees the secret). */
function enrolment(email: string, secret: string) {
	const uri = `otpauth://totp/Inloop:${encodeURIComponent(email)}?secret=${secret}&issuer=Inloop&digits=6&period=30`;
	return { secret: secret.replace(/(.{4})/g, '$1 ').trim(), qr: renderSVG(uri, { border: 2 }) };
}

/**
 * The page behind an invitation (`/staff/invite`) or a coordinator's account reset
 * (`/staff/setup`): choose a password, then enrol the authenticator app. Each opens only its own
 * kind of link; anything else is "not found".
 */
export function setupPage(kind: 'invite' | 'account_reset') {
	const load = (async ({ locals, params, platform, request, setHeaders }) => {
		setHeaders({ 'cache-control': 'no-store' });
		const keys = totpKeys(platform);
		const invitation = await findSetupLink(locals.db, kind, params.token, locals.now, keys);
		// Right after the enrolment spent the link, the page shows the action's recovery codes.
		if (!invitation && request.method === 'POST') return { state: 'done' as const };
		if (!invitation) error(404, 'not_found');
		if (!invitation.hasPassword || !invitation.totpSecret) {
			return { state: 'password' as const, name: invitation.name, email: invitation.email };
		}
		return {
			state: 'enrol' as const,
			name: invitation.name,
			email: invitation.email,
			...enrolment(invitation.email, invitation.totpSecret)
		};
	}) satisfies ServerLoad<Params>;

	const actions = {
		password: async ({ locals, params, platform, request }) => {
			const data = await request.formData();
			const password = String(data.get('password') ?? '');
			const keys = totpKeys(platform);
			const invitation = await findSetupLink(locals.db, kind, params.token, locals.now, keys);
			if (!invitation) error(404, 'not_found');
			const problem = passwordProblem(password, String(data.get('repeat') ?? ''), invitation.email);
			if (problem) return fail(400, { errors: { [problem.field]: problem.code } });
			if (!(await choosePassword(locals.db, kind, params.token, password, locals.now, keys))) {
				error(404, 'not_found');
			}
			return { errors: {} };
		},
		enrol: async ({ locals, params, platform, request }) => {
			const code = String((await request.formData()).get('code') ?? '');
			const keys = totpKeys(platform);
			if (!(await findSetupLink(locals.db, kind, params.token, locals.now, keys))) {
				error(404, 'not_found');
			}
			const recoveryCodes = await enrolTotp(locals.db, kind, params.token, code, locals.now, keys);
			if (!recoveryCodes) return fail(400, { errors: { code: 'invalid' } });
			return { errors: {}, recoveryCodes };
		}
	} satisfies Actions<Params>;

	return { load, actions };
}
