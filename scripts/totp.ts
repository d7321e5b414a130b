/**
 * Prints the current TOTP code for a secret (for the demo accounts, or a test):
 * node scripts/totp.ts JBSWY3DPEHPK3PXP…
 */
import { stepAt, totpCode } from '../src/lib/server/auth/totp.ts';

const secret = process.argv[2];
if (!secret) {
	console.error('Usage: node scripts/totp.ts <base32 secret>');
	process.exit(2);
}
console.log(await totpCode(secret, stepAt(Date.now())));
