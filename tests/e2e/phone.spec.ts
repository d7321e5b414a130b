/**
 * The workspace on a professional's phone (issue #21), at 390×844 with the demo data and today's
 * appointments of the fixtures (tests/e2e/fixtures.ts), at whatever clock the run has: the daily
 * places one tap away, the list before the filters, marking from the list with and without
 * JavaScript, and a laptop that looks as it did.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './sign-in.ts';
import { expectAxeClean } from './a11y-checks.ts';
import { TODAY_PARENTS, account } from './fixtures.ts';

const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));
const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const PHONE = { width: 390, height: 844 };
// Two or three axe scans and a sign-in each: give a busy machine time.
test.describe.configure({ timeout: 150_000 });

/** The bar of daily places at the bottom of a phone's screen. */
const bar = (page: Page) => page.locator('nav.phone-nav');

/** Wholly inside the first screen: above the bar, without scrolling. */
async function expectInFirstScreen(page: Page, element: Locator) {
	const box = (await element.boundingBox())!;
	const barTop = (await bar(page).boundingBox())!.y;
	expect(box.y).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height).toBeLessThanOrEqual(barTop);
}

const row = (page: Page, name: string) => page.locator('ul.bookings > li', { hasText: name });

test('the first screen on a phone: the daily places in one row, the first appointment and the first question', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL', hasTouch: true });
	const page = await context.newPage();
	await signIn(page, account('phone-screen'));
	// Where things are is measured once the page's styles are in.
	await page.waitForLoadState('load');
	expect(new URL(page.url()).pathname).toBe('/staff/today');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.today.title);

	// Vandaag, Week, Vragen, Inlooprij and Meer: one tap away, side by side in one row.
	const daily = [staff.today.title, staff.nav.week, staff.questions.title, staff.queue.title];
	const tops: number[] = [];
	for (const name of daily) {
		const link = bar(page).getByRole('link', { name, exact: true });
		await expect(link).toBeVisible();
		tops.push((await link.boundingBox())!.y);
	}
	const more = bar(page).locator('summary', { hasText: staff.nav.more });
	await expect(more).toBeVisible();
	tops.push((await more.boundingBox())!.y);
	expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(1);
	// The rest waits behind "Meer"; the laptop's menu is not shown.
	await expect(page.getByRole('link', { name: staff.bookings.title, exact: true })).toBeHidden();
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeHidden();

	// The first of today's appointments, with its number and both marks, before any scrolling.
	const first = page.locator('ul.bookings > li').first();
	await expect(first).toContainText(TODAY_PARENTS.first);
	await expectInFirstScreen(page, first);
	await expect(first.getByRole('link', { name: /06 5555 0100/ })).toHaveAttribute(
		'href',
		'tel:0655550100'
	);
	await expect(
		first.getByRole('button', { name: new RegExp(staff.booking.markAttended) })
	).toBeVisible();
	await expectAxeClean(page);

	// The inbox: the list comes first, its filters fold behind one "Filter".
	await bar(page).getByRole('link', { name: staff.questions.title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.questions.title);
	await page.waitForLoadState('load');
	await expect(page.getByLabel(staff.bookings.school)).toBeHidden();
	const question = page.locator('main li.card').first();
	await expect(question).toBeVisible();
	await expectInFirstScreen(page, question);
	await expectAxeClean(page);

	// "Meer" opens the rest of the menu, and the name with "Uitloggen".
	await more.click();
	await expect(page.getByRole('link', { name: staff.bookings.title, exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeVisible();
	await expectAxeClean(page);
	await page.getByRole('link', { name: staff.bookings.title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.bookings.title);
	await page.waitForLoadState('load');
	// A page opened from "Meer" closes it.
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeHidden();
	await expectInFirstScreen(page, page.locator('ul.bookings > li').first());
	await context.close();
});

test('without JavaScript: marking from Today, "Meer", and filters as chips', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: PHONE,
		locale: 'nl-NL',
		javaScriptEnabled: false
	});
	const page = await context.newPage();
	await signIn(page, account('phone-nojs'));

	// "Niet gekomen" on Rachid's row: the page comes back with the row marked.
	await row(page, TODAY_PARENTS.noJs)
		.getByRole('button', { name: new RegExp(staff.booking.markNoShow) })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.today.title);
	const marked = row(page, TODAY_PARENTS.noJs);
	await expect(marked.getByRole('status')).toHaveText(staff.booking.saved);
	await expect(marked.locator('.tag.status')).toHaveText(nl.booking.status_no_show);

	// "Meer" is a details element: it opens without JavaScript.
	await bar(page).getByText(staff.nav.more, { exact: true }).click();
	await page.getByRole('link', { name: staff.bookings.title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.bookings.title);

	// The filters: folded, opened with one tap, and what is set shows as a chip that removes it.
	const filter = page.locator('summary', { hasText: staff.filter.title });
	await expect(filter).toHaveText(staff.filter.title);
	await filter.click();
	await page.getByLabel(staff.bookings.status, { exact: true }).selectOption('no_show');
	await page.getByRole('button', { name: staff.bookings.apply }).click();
	await expect(filter).toContainText(staff.filter.set_one.replace('{{count}}', '1'));
	await expect(page.getByLabel(staff.bookings.status, { exact: true })).toBeHidden();
	await expect(row(page, TODAY_PARENTS.noJs)).toBeVisible();
	await expect(row(page, TODAY_PARENTS.js)).toHaveCount(0);
	const chip = page.getByRole('link', {
		name: `${staff.bookings.status}: ${nl.booking.status_no_show}, ${staff.filter.remove}`
	});
	await chip.click();
	await expect(page).not.toHaveURL(/status=/);
	await expect(filter).toHaveText(staff.filter.title);
	await expect(row(page, TODAY_PARENTS.js)).toBeVisible();
	await context.close();
});

test('with JavaScript: a mark updates its row in place; "Meer" by keyboard; the laptop keeps its menu', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
	const page = await context.newPage();
	await signIn(page, account('phone-js'));
	await bar(page).getByRole('link', { name: staff.nav.week, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(staff.nav.week);
	// The page's script runs (a click before it would post the form as a plain page).
	await page.waitForLoadState('networkidle');
	// A mark that reloaded the page would lose this.
	await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
	const lotte = row(page, TODAY_PARENTS.js);
	await lotte.getByRole('button', { name: new RegExp(staff.booking.markAttended) }).click();
	await expect(lotte.getByRole('status')).toHaveText(staff.booking.saved);
	await expect(lotte.locator('.tag.status')).toHaveText(nl.booking.status_attended);
	expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
	expect(new URL(page.url()).pathname).toBe('/staff/week');

	// "Meer" by keyboard: Enter opens it, Escape closes it and leaves the focus on it.
	const summary = bar(page).locator('summary');
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeHidden();
	await expect(summary).toBeFocused();

	// "Meer" tapped before the page's script ran (a slow phone) opened by itself; the script that
	// comes after must leave it open under the finger, and then closes it with Escape.
	let release!: () => void;
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto('/staff/today', { waitUntil: 'commit' });
	await summary.click();
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeVisible();
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeHidden();
	await page.unrouteAll();

	// On a laptop: the whole menu with the name and "Uitloggen", no bar, the filters open.
	await page.setViewportSize({ width: 1280, height: 800 });
	await expect(bar(page)).toBeHidden();
	await page.getByRole('link', { name: staff.bookings.title, exact: true }).click();
	await expect(page.getByRole('button', { name: staff.nav.signOut })).toBeVisible();
	await expect(page.getByLabel(staff.bookings.status, { exact: true })).toBeVisible();
	await expect(page.locator('summary', { hasText: staff.filter.title })).toBeHidden();
	await expectAxeClean(page);
	await context.close();
});
