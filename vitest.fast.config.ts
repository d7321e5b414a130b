import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The inner loop (`npm run test:fast`): the pure modules' tests in plain Node, no build and no
// workerd, in seconds. These files also run in workerd with everything else (`npm run test:unit`,
// vitest.config.ts); a spec that needs D1, the worker or `cloudflare:*` belongs there only, and
// so does formatters.spec.ts (it checks workerd's Intl, which lacks Tigrinya; Node's has it).
export const FAST_SPECS = [
	'src/lib/domain/**/*.spec.ts',
	'src/lib/i18n/{languages,locales,translate,audit}.spec.ts',
	'src/lib/validation/**/*.spec.ts',
	'src/lib/server/scheduling/**/*.spec.ts',
	'src/lib/server/bookings/ics.spec.ts',
	'src/lib/server/staff/csv.spec.ts',
	'src/lib/server/auth/{totp,password-policy,delay,device}.spec.ts',
	'src/lib/server/clock.spec.ts',
	'src/lib/server/outcome.spec.ts',
	'src/lib/server/figures/period.spec.ts',
	'src/lib/server/api/schemas.spec.ts',
	'src/lib/when.spec.ts',
	'src/lib/booking-steps.spec.ts'
];

export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: { environment: 'node', include: FAST_SPECS }
});
