import { totpKeysOf } from '../auth/totp-keys.ts';

/** The secret behind private links in e-mails; wrangler.toml has a development value. */
export function linkSecret(platform: App.Platform | undefined): string {
	const secret = platform?.env.LINK_SECRET;
	if (!secret)
		throw new Error('LINK_SECRET is not set (wrangler.toml [vars] or `wrangler secret put`).');
	return secret;
}

/** The keys that seal TOTP secrets in D1 (TOTP_KEYS); throws a clear error when unusable. */
export const totpKeys = (platform: App.Platform | undefined) => totpKeysOf(platform?.env);

/** Where a message's links lead: this site, with the secret that makes private links again. */
export const messageLinks = (event: { url: URL; platform?: App.Platform }) => ({
	origin: event.url.origin,
	linkSecret: linkSecret(event.platform)
});
