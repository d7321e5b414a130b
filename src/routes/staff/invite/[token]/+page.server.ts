import { fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { choosePassword, enrolTotp, findInvitation } from '$lib/server/accounts';
import { passwordProblem } from '$lib/server/auth/password-policy';
import type { Actions, PageServerLoad } from './$types';

/** otpauth:// for authenticator apps, as a QR code made here (no third party sees the secret). */
function enrolment(email: string, secret: string) {
	const uri = `otpauth://totp/Inloop:${encodeURIComponent(email)}?secret=${secret}&issuer=Inloop&digits=6&period=30`;
	return { secret: secret.replace(/(.{4})/g, '$1 ').trim(), qr: renderSVG(uri, { border: 2 }) };
}

/** An invitation (or reset) link: choose a password, then enrol the authenticator app. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const invitation = await findInvitation(locals.db, params.token, locals.now);
	if (!invitation) return { state: 'invalid' as const };
	if (!invitation.hasPassword || !invitation.totpSecret) {
		return { state: 'password' as const, name: invitation.name, email: invitation.email };
	}
	return {
		state: 'enrol' as const,
		name: invitation.name,
		email: invitation.email,
		...enrolment(invitation.email, invitation.totpSecret)
	};
};

export const actions: Actions = {
	password: async ({ locals, params, request }) => {
		const data = await request.formData();
		const password = String(data.get('password') ?? '');
		const invitation = await findInvitation(locals.db, params.token, locals.now);
		if (!invitation) return fail(404, { errors: { password: 'invalid' } });
		const problem = passwordProblem(password, String(data.get('repeat') ?? ''), invitation.email);
		if (problem) return fail(400, { errors: { [problem.field]: problem.code } });
		if (!(await choosePassword(locals.db, params.token, password, locals.now))) {
			return fail(404, { errors: { password: 'invalid' } });
		}
		return { errors: {} };
	},
	enrol: async ({ locals, params, request }) => {
		const code = String((await request.formData()).get('code') ?? '');
		const recoveryCodes = await enrolTotp(locals.db, params.token, code, locals.now);
		if (!recoveryCodes) return fail(400, { errors: { code: 'invalid' } });
		return { errors: {}, recoveryCodes };
	}
};
