/**
 * Screenshots of the pages as parents and staff see them, for a person to look at (not a test).
 * Usage: node scripts/screenshots.ts [base URL] [out dir] [path …]   (wrangler dev must be running)
 * Without paths: every parent page (the booking steps included) in nl and ar, and the main staff
 * pages (signed in as a demo coordinator) in nl, at phone, tablet and laptop size.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { stepAt, totpCode } from '../src/lib/server/auth/totp.ts';
import {
	DEMO_ACCOUNTS,
	DEMO_BOOKING_TOKEN,
	DEMO_PASSWORD,
	DEMO_QUESTION_TOKEN
} from '../src/lib/server/demo/seed.ts';

const [base = 'http://127.0.0.1:8787', out = 'test-results/screenshots', ...paths] =
	process.argv.slice(2);
const viewports = {
	phone: { width: 390, height: 844 },
	tablet: { width: 1280, height: 800 },
	laptop: { width: 1440, height: 900 }
};

/** The parent pages of one language; the booking steps of De Zuidwester's first free time. */
async function parentPages(page: Page, lang: string): Promise<string[]> {
	const from = new Date().toISOString().slice(0, 10);
	const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	const response = await fetch(`${base}/api/v1/schools/de-zuidwester/slots?from=${from}&to=${to}`);
	const slots = (await response.json()) as { staffId: number; start: string }[];
	const day = slots[0]
		? `/${lang}/de-zuidwester/book?staff=${slots[0].staffId}&day=${slots[0].start.slice(0, 10)}`
		: undefined;
	return [
		`/${lang}`,
		`/${lang}?q=tilburg`,
		`/${lang}/de-zuidwester`,
		`/${lang}/de-zuidwester/book`,
		...(day ? [day, `${day}&start=${encodeURIComponent(slots[0].start)}`] : []),
		`/${lang}/booking/${DEMO_BOOKING_TOKEN}`,
		`/${lang}/de-zuidwester/ask`,
		`/${lang}/question/${DEMO_QUESTION_TOKEN}`,
		`/${lang}/no-such-school`
	];
}

const staffPages = [
	'/staff/today',
	'/staff/week',
	'/staff/bookings',
	'/staff/bookings/new',
	'/staff/questions',
	'/staff/admin/people',
	'/staff/admin/organisation',
	'/staff/hours?staff=1'
];

async function signIn(page: Page) {
	const admin = DEMO_ACCOUNTS.find((a) => a.email.startsWith('coordinator@wijkteamtilburg'))!;
	await page.goto(`${base}/staff/login`);
	await page.locator('input[type=email]').fill(admin.email);
	await page.locator('input[type=password]').fill(DEMO_PASSWORD);
	await page.locator('form.card button[type=submit]').click();
	// A code works once: when this one was used a moment ago, the next one is taken.
	for (const step of [0, 1]) {
		await page
			.locator('input[autocomplete=one-time-code]')
			.fill(await totpCode(admin.totp, stepAt(Date.now()) + step));
		await page.locator('form.card button[type=submit]').click();
		await page.waitForLoadState();
		if (new URL(page.url()).pathname === '/staff/today') return;
	}
	throw new Error('could not sign in');
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
});
const context = await browser.newContext();
const page = await context.newPage();
const list = paths.length
	? paths
	: [...(await parentPages(page, 'nl')), ...(await parentPages(page, 'ar'))];
const staff = paths.length ? [] : staffPages;
if (staff.length) await signIn(page);
for (const [device, viewport] of Object.entries(viewports)) {
	await page.setViewportSize(viewport);
	for (const path of [...list, ...staff]) {
		await page.goto(base + path);
		const name = `${device}${path.replace(/[/?=&%:]+/g, '_').slice(0, 80)}.png`;
		await page.screenshot({ path: `${out}/${name}`, fullPage: true });
		console.log(`${out}/${name}`);
	}
}
await browser.close();
