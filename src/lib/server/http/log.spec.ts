import { describe, expect, it } from 'vitest';
import { errorForLog } from './log.ts';

describe('errorForLog', () => {
	it("cuts drizzle's parameters off and masks contacts and tokens", () => {
		const error = new Error(
			'Failed query: insert into "bookings" ("first_name", "phone") values (?, ?)\nparams: Fatima,06 1234 5001'
		);
		error.cause = new Error('D1_ERROR: CHECK constraint failed: bookings_remark');
		const logged = errorForLog(error);
		expect(logged.name).toBe('Error');
		expect(logged.message).toContain('insert into "bookings"');
		expect(logged.message).toContain('CHECK constraint failed');
		expect(logged.message).not.toContain('Fatima');
		expect(logged.message).not.toContain('1234');
	});

	it('masks e-mail addresses, phone numbers and tokens wherever they are', () => {
		const { message } = errorForLog(
			new TypeError(
				'no mail to ewa@example.org or +31 6 1234 5678 for abcdefghijklmnopqrstuvwxyz012345'
			)
		);
		expect(message).toBe('no mail to [email] or [number] for [token]');
	});
});
