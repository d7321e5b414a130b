import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { account } from './fixtures.ts';
import { signIn } from './sign-in.ts';
import { dayFromToday } from './clock.ts';
import { axeViolations, withAxe } from './a11y-checks.ts';

/*
 * The figures page (issue #18) as a coordinator sees it: in Dutch and English, on a phone and a
 * laptop, on paper, and without JavaScript. Screenshots go to test-results/figures-*.png.
 */
const texts = (lang: 'nl' | 'en') =>
	JSON.parse(readFileSync(`src/lib/i18n/staff/${lang}.json`, 'utf8')).figures as Record<
		string,
		string
	>;
const year = dayFromToday().slice(0, 4);

async function useStaffLanguage(page: Page, lang: 'nl' | 'en') {
	const origin = new URL(page.url()).origin;
	await page
		.context()
		.addCookies([{ name: 'inloop_staff_lang', value: lang, url: `${origin}/staff` }]);
}

/** No part of the page is wider than the screen (a table may scroll inside its own box). */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('a coordinator reads the figures in Dutch and English, on a phone, a laptop and paper', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ locale: 'nl-NL' });
	await withAxe(context);
	const page = await context.newPage();
	await signIn(page, account('figures'));
	for (const lang of ['nl', 'en'] as const) {
		const t = texts(lang);
		await useStaffLanguage(page, lang);
		for (const [width, height] of [
			[390, 844],
			[1280, 800]
		]) {
			await page.setViewportSize({ width, height });
			await page.goto(`/staff/figures?period=year&year=${year}`);
			await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			// Every chart is drawn on the server and has its numbers in a table.
			const charts = page.locator('section.figure-card:has(svg)');
			expect(await charts.count()).toBeGreaterThanOrEqual(6);
			for (const chart of await charts.all()) await expect(chart.locator('table')).toHaveCount(1);
			await expect(page.getByRole('table', { name: t.trend })).toBeAttached();
			// The waiting list and the parent meetings, each with its table and chart.
			await expect(page.getByRole('heading', { level: 2, name: t.reachAndMeetings })).toBeVisible();
			for (const name of [t.waitlist, t.waitlistOffers, t.meetings, t.signupLanguages]) {
				const card = page.locator('section.figure-card', {
					has: page.getByRole('heading', { level: 3, name, exact: true })
				});
				await expect(card).toBeVisible();
				await expect(card.locator('table')).toHaveCount(1);
			}
			// In pieces of a screen and a half: a whole page is too tall to look at.
			const tall = await page.evaluate(() => document.documentElement.scrollHeight);
			for (let y = 0, piece = 1; y < tall; y += Math.round(height * 1.5), piece++) {
				await page.screenshot({
					path: `test-results/figures-${lang}-${width}-${piece}.png`,
					fullPage: true,
					clip: { x: 0, y, width, height: Math.min(Math.round(height * 1.5), tall - y) }
				});
			}
			expect(await axeViolations(page)).toEqual([]);
			await expectNoSidewaysScroll(page);
		}
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('form.filters')).toBeHidden();
		await expect(page.locator('nav.staff-nav')).toBeHidden();
		await page.setViewportSize({ width: 794, height: 1123 });
		// A4 is as narrow as a phone: the phone's menu bar stays off the paper too.
		await expect(page.locator('nav.phone-nav')).toBeHidden();
		await page.screenshot({ path: `test-results/figures-${lang}-print.png` });
		await page.pdf({ path: `test-results/figures-${lang}.pdf`, format: 'A4' });
		await page.emulateMedia({ media: 'screen' });
	}
	await context.close();
});

test('the figures work without JavaScript: the form chooses, the link downloads the file', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, account('figures-no-js'));
	const t = texts('nl');
	await page.goto('/staff/figures');
	await page.getByLabel(t.period, { exact: true }).selectOption('range');
	await page.getByLabel(t.from, { exact: true }).fill(`${year}-01-01`);
	await page.getByLabel(t.to, { exact: true }).fill(`${year}-12-31`);
	await page.getByRole('button', { name: t.show }).click();
	await expect(page).toHaveURL(/period=range/);
	await expect(page.getByLabel(t.from, { exact: true })).toHaveValue(`${year}-01-01`);
	// A range the wrong way round is said, and this month is shown instead.
	await page.getByLabel(t.to, { exact: true }).fill(`${Number(year) - 1}-12-31`);
	await page.getByRole('button', { name: t.show }).click();
	await expect(page.getByRole('alert')).toHaveText(t.range_order);
	const href = await page.getByRole('link', { name: t.export }).getAttribute('href');
	const file = await page.request.get(href!);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-type']).toContain('text/csv');
	expect((await file.text()).split('\r\n')[0]).toContain('"school";"month";"booked"');
	await context.close();
});
