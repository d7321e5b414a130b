import { describe, expect, it } from 'vitest';
import common from './common-passwords.json';
import { commonPasswords } from './common-passwords-source.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

describe('a new password', () => {
	it('is long enough, not too long, and repeated the same', () => {
		expect(passwordProblem('kort', 'kort')).toEqual({ field: 'password', code: 'too_short' });
		expect(passwordProblem('x'.repeat(201), 'x'.repeat(201))).toEqual({
			field: 'password',
			code: 'too_long'
		});
		expect(passwordProblem('vier lange woorden samen', 'vier lange woorden')).toEqual({
			field: 'repeat',
			code: 'mismatch'
		});
		expect(passwordProblem('vier lange woorden samen', 'vier lange woorden samen')).toBeNull();
	});

	it('is not one of the breached passwords the length rule lets through, in any case', () => {
		for (const password of ['qwerty123456', 'QWERTY123456', '1qaz2wsx3edc', '123456789012']) {
			expect(passwordProblem(password, password), password).toEqual({
				field: 'password',
				code: 'common'
			});
		}
	});

	it('is not the e-mail name or the service with only digits and signs around it', () => {
		const email = 'noor.bakker@wijkteamtilburg.example.nl';
		for (const password of [
			'Inloop2026!!!',
			'wachtwoord1234',
			'noor.bakker123',
			'#Wijkteam-2026'
		]) {
			expect(passwordProblem(password, password, email), password).toEqual({
				field: 'password',
				code: 'common'
			});
		}
		// A word of one's own beside them is fine.
		for (const password of ['inloop tulpen 2026', 'noor.bakker fietst graag']) {
			expect(passwordProblem(password, password, email), password).toBeNull();
		}
	});

	it('is checked against a list that is up to date with its source', async () => {
		// scripts/common-passwords.ts writes the list; after an update of the source, run it again.
		expect(common).toEqual(await commonPasswords());
		expect(common.length).toBeGreaterThan(100);
		expect(common.every((p) => p.length >= MIN_PASSWORD_LENGTH)).toBe(true);
	});
});
