/**
 * The first coordinator of an organisation, made once from the command line
 * (`npm run admin:create`, scripts/admin-create.ts) when there is nobody yet who could invite them.
 * It is plain SQL for `wrangler d1 execute`, so it works on the local and the remote D1 alike:
 * the organisation (when it does not exist yet), an admin account without password, and an
 * invitation (stored as its SHA-256, like every invitation) to set the password and second factor.
 * Running it again for the same address adds a fresh invitation only while the account has no
 * password yet; it never takes over an account someone already uses.
 */

/** A URL-safe organisation slug from its name: "Wijkteam Den Haag" → "wijkteam-den-haag". */
export function organisationSlug(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
}

const EMAIL = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;

export type FirstAdmin = {
	organisation: string;
	email: string;
	tokenHash: string;
	expiresAt: number;
	language?: 'nl' | 'en';
};

/** The input checked: a name, a slug, a lower-case e-mail address; or what is wrong. */
export function checkFirstAdmin(organisation: string, email: string) {
	const name = organisation.trim();
	const address = email.trim().toLowerCase();
	const slug = organisationSlug(name);
	if (!name || name.length > 120 || !slug) return { ok: false as const, error: 'organisation' };
	if (!EMAIL.test(address) || address.length > 254) return { ok: false as const, error: 'email' };
	return { ok: true as const, name, slug, email: address };
}

/** A SQL string literal. */
const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The statements, in order; each is safe to run again. */
export function firstAdminStatements(input: FirstAdmin): string[] {
	const checked = checkFirstAdmin(input.organisation, input.email);
	if (!checked.ok) throw new Error(`Not a valid ${checked.error}`);
	if (!/^[0-9a-f]{64}$/.test(input.tokenHash)) throw new Error('The token hash is not SHA-256 hex');
	const { name, slug, email } = checked;
	const orgId = `(SELECT id FROM organisations WHERE slug = ${text(slug)})`;
	return [
		`INSERT INTO organisations (slug, name) VALUES (${text(slug)}, ${text(name)}) ON CONFLICT (slug) DO NOTHING`,
		`INSERT INTO users (email, organisation_id, role, language) SELECT ${text(email)}, ${orgId}, 'admin', ${text(input.language ?? 'nl')} WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = ${text(email)})`,
		`INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) SELECT ${text(input.tokenHash)}, id, 'invite', ${Math.trunc(input.expiresAt)} FROM users WHERE email = ${text(email)} AND role = 'admin' AND organisation_id = ${orgId} AND password_hash IS NULL AND disabled_at IS NULL`
	];
}

/** What to ask afterwards: did the invitation get stored (1) or not (0, the address is in use). */
export function firstAdminCheck(tokenHash: string): string {
	return `SELECT count(*) AS invited FROM account_tokens WHERE token_hash = ${text(tokenHash)}`;
}
