/**
 * Where common-passwords.json comes from (scripts/common-passwords.ts writes it; a test checks that
 * it is up to date): the breached passwords of zxcvbn-ts's common list that are at least
 * MIN_PASSWORD_LENGTH long, in lower case, sorted. Not imported by the worker.
 */
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';

export async function commonPasswords(): Promise<string[]> {
	const { dictionary } = await import('@zxcvbn-ts/language-common');
	const all = dictionary['passwords-common'] as string[];
	const long = all.filter((p) => p.length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase());
	return [...new Set(long)].sort();
}
