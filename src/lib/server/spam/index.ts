/**
 * Spam on the public forms: a honeypot field on every one (people never see or reach it, scripts
 * fill it in), and Cloudflare Turnstile for organisations that switch it on
 * (organisations.turnstile_enabled; off by default).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { organisations, schools } from '../db/schema.ts';
import { HONEYPOT_FIELD } from '../../spam.ts';

export { HONEYPOT_FIELD, TURNSTILE_FIELD } from '../../spam.ts';

/** True when the hidden field has anything in it: the form came from a script. */
export function honeypotFilled(values: Record<string, string>): boolean {
	return (values[HONEYPOT_FIELD] ?? '').trim() !== '';
}

export type TurnstileEnv = {
	TURNSTILE_SITE_KEY?: string;
	TURNSTILE_SECRET?: string;
	/** The widget's script (its origin is what the CSP of those pages allows). */
	TURNSTILE_SCRIPT_URL?: string;
	/** Cloudflare's siteverify; the tests point it at a local stand-in. */
	TURNSTILE_VERIFY_URL?: string;
};

function setting(env: TurnstileEnv | undefined, name: keyof TurnstileEnv): string {
	const value = env?.[name];
	if (!value) throw new Error(`${name} is not set (wrangler.toml [vars] or a secret).`);
	return value;
}

/** Whether the organisation behind a school asks for Turnstile on its forms. */
export async function turnstileEnabled(db: Db, slug: string): Promise<boolean> {
	const [row] = await turnstileQuery(db, slug);
	return row?.enabled ?? false;
}

/** The same question as a query, to ride along in a page's D1 batch (one round trip). */
export function turnstileQuery(db: Db, slug: string) {
	return db
		.select({ enabled: organisations.turnstileEnabled })
		.from(schools)
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(schools.slug, slug));
}

/** What a page needs to show the widget; an organisation that switched Turnstile on needs both. */
export function turnstileWidget(env: TurnstileEnv | undefined) {
	return {
		siteKey: setting(env, 'TURNSTILE_SITE_KEY'),
		script: setting(env, 'TURNSTILE_SCRIPT_URL')
	};
}

/** The origin the CSP of a page with the widget allows for scripts and frames. */
export function turnstileOrigin(env: TurnstileEnv | undefined): string {
	return new URL(setting(env, 'TURNSTILE_SCRIPT_URL')).origin;
}

/**
 * Asks siteverify whether the widget's token is good. Anything but a clear yes (no token, an
 * error, no answer) is a no: the form is refused and the parent can try again.
 */
export async function verifyTurnstile(
	env: TurnstileEnv | undefined,
	token: string | undefined,
	remoteIp?: string | null
): Promise<boolean> {
	const secret = setting(env, 'TURNSTILE_SECRET');
	const verifyUrl = setting(env, 'TURNSTILE_VERIFY_URL');
	if (!token || token.length > 2048) return false;
	const body = new FormData();
	body.set('secret', secret);
	body.set('response', token);
	if (remoteIp) body.set('remoteip', remoteIp);
	try {
		const res = await fetch(verifyUrl, {
			method: 'POST',
			body
		});
		if (!res.ok) return false;
		const answer = (await res.json()) as { success?: unknown };
		return answer.success === true;
	} catch {
		return false;
	}
}
