import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

// Playwright's own Chromium where it is installed; Debian's otherwise (this machine cannot
// download browsers). As root, Chromium needs --no-sandbox.
const bundled = chromium.executablePath();
const executablePath = existsSync(bundled)
	? undefined
	: (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const args = [
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])
];
const PORT = Number(process.env.E2E_PORT ?? 8788);
const FIXTURES = `.wrangler/e2e-fixtures-${PORT}.sql`;
// The worker runs at the environment's test clock, if any (TEST_CLOCK, see src/lib/server/clock.ts);
// the tests read the same one (tests/e2e/clock.ts).
const clock = process.env.TEST_CLOCK?.trim()
	? ` --clock ${JSON.stringify(process.env.TEST_CLOCK.trim())}`
	: '';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	// Whole journeys on a 2-core machine that also runs the worker and the browser: a minute and a
	// half each, not the default 30 s.
	timeout: 90_000,
	retries: 0,
	forbidOnly: true,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath, args }
	},
	projects: [{ name: 'phone', use: { ...devices['Pixel 7'], defaultBrowserType: 'chromium' } }],
	// The built worker in wrangler dev, on a D1 of its own that starts empty every run.
	webServer: {
		// Every browser test comes from 127.0.0.1: the rate limits are raised tenfold (as in vitest),
		// the rate-limit tests themselves run in workerd (tests/integration/ratelimit.spec.ts).
		// Tests change data behind the pages (some straight in D1) and look at once: no shared
		// cache of public pages here; the cache is tested in workerd (headers.spec.ts).
		// The tests' own accounts and data (tests/e2e/fixtures.ts) are loaded before the worker starts.
		command: `node tests/e2e/fixtures.ts ${FIXTURES} && node scripts/serve.ts --port ${PORT} --persist-to .wrangler/e2e --fresh --quiet --sql ${FIXTURES} --var RATE_LIMIT_SCALE:10 --var PAGE_CACHE_SECONDS:0 --var API_CACHE_SECONDS:0${clock}`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 240_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
