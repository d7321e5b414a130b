/**
 * The rules for a new staff password (OWASP ASVS 2.1): at least 12 characters, at most 200, and
 * not a well-known one. "Well-known" is the list of passwords most often found in breaches, as far
 * as the length rule lets them through (2.1.7, checked here without asking another service), and
 * the words anyone would guess first: the person's e-mail name and the service's own names.
 */
import common from './common-passwords.json' with { type: 'json' };

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set<string>(common);
const GUESSED_FIRST = ['inloop', 'wijkteam', 'wachtwoord', 'password'];

export type PasswordProblem =
	| { field: 'password'; code: 'too_short' | 'too_long' | 'common' }
	| { field: 'repeat'; code: 'mismatch' };

/** What is wrong with a new password (and its repetition), or null when it may be used. */
export function passwordProblem(
	password: string,
	repeat: string,
	email = ''
): PasswordProblem | null {
	if (password.length < MIN_PASSWORD_LENGTH) return { field: 'password', code: 'too_short' };
	if (password.length > MAX_PASSWORD_LENGTH) return { field: 'password', code: 'too_long' };
	if (isWellKnown(password, email)) return { field: 'password', code: 'common' };
	if (password !== repeat) return { field: 'repeat', code: 'mismatch' };
	return null;
}

/**
 * On the breach list (in any case), or nothing but a guessable word (the e-mail name, the
 * service's names) with digits and punctuation around it: "Inloop2026!!!", "noor.bakker123".
 */
function isWellKnown(password: string, email: string): boolean {
	const lower = password.toLowerCase();
	if (COMMON.has(lower)) return true;
	const name = email.split('@')[0]?.toLowerCase() ?? '';
	const words = [...GUESSED_FIRST, ...(name.length >= 3 ? [name] : [])];
	const rest = words.reduce((text, word) => text.replaceAll(word, ''), lower);
	return rest !== lower && !/\p{L}/u.test(rest);
}
