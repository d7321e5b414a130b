import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LANGUAGES } from '../../src/lib/i18n/languages.ts';
import { signIn } from './sign-in.ts';
import { expectAxeClean } from './a11y-checks.ts';
import { account, WALK_IN } from './fixtures.ts';

const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const ar = JSON.parse(readFileSync('src/lib/i18n/locales/ar.json', 'utf8'));
const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));
const TABLETS = {
	landscape: { width: 1280, height: 800 },
	portrait: { width: 800, height: 1280 }
};

// The e2e files share one database and run in parallel: this file's tests run in order, so the
// kiosk paired in the first one serves the others.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let kioskCookies: Awaited<ReturnType<import('@playwright/test').BrowserContext['cookies']>> = [];
let adminPage: Page;

/** A tablet with the paired kiosk's device cookie. */
async function tablet(browser: Browser, viewport = TABLETS.landscape) {
	const context = await browser.newContext({ viewport, hasTouch: true, locale: 'nl-NL' });
	await context.addCookies(kioskCookies);
	return context;
}

test('an admin pairs a tablet with a one-time code; the code works once', async ({ browser }) => {
	const adminContext = await browser.newContext({ locale: 'nl-NL' });
	adminPage = await adminContext.newPage();
	// A coordinator of Wijkteam Tilburg, with an account of this file's own.
	await signIn(adminPage, account('kiosk-coordinator'));
	await adminPage.goto('/staff/admin/kiosks');
	await adminPage.getByLabel(staff.kiosks.name).fill('Tablet hal (test)');
	await adminPage.getByLabel(staff.bookings.school).selectOption({ label: 'De Zuidwester' });
	await adminPage.getByRole('button', { name: staff.kiosks.makeCode }).click();
	const code = (await adminPage.locator('.code').innerText()).trim();
	expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/);

	const context = await browser.newContext({
		viewport: TABLETS.landscape,
		hasTouch: true,
		locale: 'nl-NL'
	});
	const page = await context.newPage();
	// The code is typed before the page's script has loaded (a quick hand on a slow tablet):
	// the scripts are held back until then, and hydration must keep what was typed.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/kiosk', { waitUntil: 'domcontentloaded' });
	await expect(page).toHaveURL(/\/kiosk\/pair$/);
	await page.getByLabel(nl.kiosk.pairCode).fill(code.toLowerCase());
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel(nl.kiosk.pairCode)).toHaveValue(code.toLowerCase());
	await page.unrouteAll();
	await page.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
	await expect(page).toHaveURL(/\/kiosk\/nl$/);
	await expect(page.getByRole('heading', { name: nl.kiosk.todayTitle })).toBeVisible();
	kioskCookies = await context.cookies();

	// The same code on a second tablet: refused.
	const other = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
	await other.goto('/kiosk/pair');
	await other.getByLabel(nl.kiosk.pairCode).fill(code);
	await other.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
	await expect(other.getByText(nl.kiosk.pairError_invalid)).toBeVisible();

	await adminPage.goto('/staff/admin/kiosks');
	const row = adminPage.getByRole('row', { name: /Tablet hal \(test\)/ });
	await expect(row).toContainText(staff.kiosks.state_paired);

	// The kiosk's cookie opens no workspace page.
	await page.goto('/staff/today');
	await expect(page).toHaveURL(/\/staff\/login$/);
	await context.close();
});

for (const [shape, viewport] of Object.entries(TABLETS)) {
	// Every language on the tablet as it stands in the hall; upright, Dutch and right-to-left.
	for (const lang of shape === 'landscape' ? LANGUAGES : ['nl', 'ar']) {
		test(`the kiosk looks right on a ${shape} tablet in ${lang}: no overflow, 64 px targets, no axe violations`, async ({
			browser
		}, testInfo) => {
			const context = await tablet(browser, viewport);
			const page = await context.newPage();
			// Nothing refused by the CSP (an inline style, a script) or broken in the page's script.
			const errors: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'error') errors.push(message.text());
			});
			page.on('pageerror', (error) => errors.push(error.message));
			for (const path of ['', '/here', '/book', '/ask']) {
				await page.goto(`/kiosk/${lang}${path}`);
				await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
				const layout = await page.evaluate(() => ({
					overflow: document.scrollingElement!.scrollWidth - innerWidth,
					small: [
						...document.querySelectorAll(
							'main .big-button, main .action, main .tile, main .pick label, main .choice label, .languages a, main button'
						)
					]
						.map((el) => el.getBoundingClientRect())
						.filter((box) => box.width > 0 && box.height < 63.5).length
				}));
				expect(layout.overflow, `${lang}${path}`).toBeLessThanOrEqual(0);
				if (path === '') {
					// A parent passing by finds their language without scrolling.
					const bar = (await page.locator('.languages').boundingBox())!;
					expect(bar.y + bar.height, `${lang}: the languages in view`).toBeLessThanOrEqual(
						viewport.height
					);
				}
				expect(layout.small, `${lang}${path}: targets under 64 px`).toBe(0);
				await expectAxeClean(page);
				await page.screenshot({
					path: testInfo.outputPath(`kiosk-${shape}-${lang}${path.replace('/', '-')}.png`),
					fullPage: true
				});
			}
			expect(errors).toEqual([]);
			await context.close();
		});
	}
}

test('idle: a countdown, then back to the start in Dutch with nothing of the parent left', async ({
	browser
}) => {
	const context = await tablet(browser);
	const page = await context.newPage();
	await page.clock.install();
	await page.goto('/kiosk/ar/ask');
	// The page's script must be running before the clock moves: on a busy machine it can start
	// after a fast-forward, and then there is nothing yet to count the idle time.
	await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
	const historyBefore = await page.evaluate(() => history.length);
	await page.getByLabel(ar.ask.text).fill('سؤال خاص جدا عن ابني');
	await page.getByLabel(ar.book.firstName).fill('Layla');
	// The school's idle time (60 s in the demo) without a touch: the countdown shows.
	await page.clock.fastForward(61_000);
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(ar.kiosk.idleTitle);
	// A touch keeps everything (the first touch already counts: the dialog goes at once).
	await dialog.getByRole('button').dispatchEvent('pointerdown');
	await expect(dialog).toBeHidden();
	await expect(page.getByLabel(ar.book.firstName)).toHaveValue('Layla');
	// No touch again: after the countdown the kiosk starts over in the school's language.
	await page.clock.fastForward(61_000);
	await expect(dialog).toBeVisible();
	await page.clock.fastForward(11_000);
	await expect(page).toHaveURL(/\/kiosk\/nl$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	expect(await page.content()).not.toContain('Layla');
	// SvelteKit keeps only its own scroll positions in sessionStorage; nothing of the parent.
	const storage = await page.evaluate(() => ({
		local: localStorage.length,
		session: Object.keys(sessionStorage).filter((key) => !key.startsWith('sveltekit:')).length,
		leaked: JSON.stringify({ ...sessionStorage }).includes('Layla'),
		history: history.length
	}));
	// The start screen replaced the parent's page: nothing to go back to.
	expect(storage).toEqual({ local: 0, session: 0, leaked: false, history: historyBefore });
	await context.close();
});

test('walk-in: a parent taps "I\'m here", the professional calls the next number, and the kiosk shows it', async ({
	browser,
	request
}) => {
	// A school of this test's own, with a walk-in hour running now (tests/e2e/fixtures.ts).
	const { slug, pairingCode: code } = WALK_IN;
	const professional = account('walk-in');

	// The professional, at her desk.
	const staffContext = await browser.newContext({ locale: 'nl-NL' });
	const desk = await staffContext.newPage();
	await signIn(desk, professional);

	// The school's tablet, paired with its code.
	const context = await browser.newContext({
		viewport: TABLETS.landscape,
		hasTouch: true,
		locale: 'nl-NL'
	});
	const kiosk = await context.newPage();
	await kiosk.goto('/kiosk/pair');
	await kiosk.getByLabel(nl.kiosk.pairCode).fill(code);
	await kiosk.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
	await expect(kiosk).toHaveURL(/\/kiosk\/nl$/);

	// At the kiosk, in Polish: "I'm here".
	await kiosk.goto('/kiosk/pl/here');
	const pl = JSON.parse(readFileSync('src/lib/i18n/locales/pl.json', 'utf8'));
	// Typed only once the page's script runs: a value typed before hydration can be lost.
	await expect(kiosk.locator('html[data-idle-timer="on"]')).toBeAttached();
	await kiosk.getByLabel(pl.book.firstName).fill('Zofia');
	await expect(kiosk.getByLabel(pl.book.firstName)).toHaveValue('Zofia');
	await kiosk.getByLabel(pl.book.interpreter).check();
	await kiosk.getByRole('button', { name: pl.walkin.take }).click();
	const number = (await kiosk.locator('.receipt .walk-in-number').innerText()).trim();
	expect(Number(number)).toBeGreaterThan(0);
	await kiosk.getByRole('link', { name: pl.kiosk.done }).click();
	await expect(kiosk).toHaveURL(/\/kiosk\/pl$/);

	// The queue shows Zofia, in Polish, with an interpreter; the professional calls the next one.
	await desk.goto('/staff/queue');
	const row = desk.getByRole('row', { name: new RegExp(`^${number}\\b.*Zofia`) });
	await expect(row).toContainText('Pools');
	await expect(row).toContainText(staff.queue.interpreter);
	await desk.getByRole('button', { name: staff.queue.callNext }).first().click();
	await expect(desk.getByRole('status')).toContainText(number);

	// The kiosk shows the called number within a few seconds, without a touch.
	await expect(kiosk.locator('.calling .walk-in-number')).toHaveText(number, { timeout: 15_000 });

	// Thirty parents tap at the same moment (over real HTTP): thirty unique numbers in a row.
	const burst = await Promise.all(
		Array.from({ length: 30 }, (_, i) =>
			request.post(`/api/v1/schools/${slug}/walkin`, {
				data: { language: 'nl', firstName: `Ouder ${i}` }
			})
		)
	);
	expect(burst.map((r) => r.status())).toEqual(Array(30).fill(201));
	const numbers = (await Promise.all(burst.map(async (r) => (await r.json()).number))).sort(
		(a, b) => a - b
	);
	expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => Number(number) + 1 + i));
	await staffContext.close();
	await context.close();
});

test('a revoked kiosk falls back to the pairing page at once', async ({ browser }) => {
	const context = await tablet(browser);
	const page = await context.newPage();
	await page.goto('/kiosk/nl');
	await expect(page.getByRole('heading', { name: nl.kiosk.todayTitle })).toBeVisible();
	await adminPage.goto('/staff/admin/kiosks');
	await adminPage
		.getByRole('row', { name: /Tablet hal \(test\)/ })
		.getByRole('button', { name: staff.kiosks.revoke })
		.click();
	await expect(adminPage.getByText(staff.kiosks.revoked)).toBeVisible();
	await page.reload();
	await expect(page).toHaveURL(/\/kiosk\/pair$/);
	await context.close();
	await adminPage.context().close();
});
