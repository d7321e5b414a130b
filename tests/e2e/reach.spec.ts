/**
 * Your place in line (#17): a walk-in ticket's own page in Dutch and Arabic, with and without
 * JavaScript, axe clean; "Notify me" only where the browser has push, else the hint that fits.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAxeClean } from './a11y-checks.ts';
import { TICKET } from './fixtures.ts';

const texts = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8'));
const nl = texts('nl');
const ar = texts('ar');

test('a ticket page shows the number, who is before it and offers notifications, in Dutch and Arabic', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(`/nl/ticket/${TICKET.token}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.ticket.title);
	await expect(page.locator('.walk-in-number')).toHaveText(String(TICKET.number));
	await expect(page.getByText(nl.walkin.ahead_one.replace('{{count}}', '1'))).toBeVisible();
	// Chromium has push: the button shows, the "no push" hint goes.
	await expect(page.getByRole('button', { name: nl.push.turnOn })).toBeVisible();
	await expect(page.getByText(nl.push.noPush)).toBeHidden();
	await expectAxeClean(page);

	await page.goto(`/ar/ticket/${TICKET.token}`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.ticket.title);
	await expect(page.getByRole('button', { name: ar.push.turnOn })).toBeVisible();
	await expectAxeClean(page);
	await context.close();
});

test('without push the button is absent and a hint says what works; on an iPhone, the Home Screen', async ({
	browser
}) => {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	const page = await context.newPage();
	await page.goto(`/nl/ticket/${TICKET.token}`);
	await expect(page.getByText(nl.push.noPush)).toBeVisible();
	await expect(page.getByRole('button', { name: nl.push.turnOn })).toHaveCount(0);
	await context.close();

	const iphone = await browser.newContext({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
	});
	await iphone.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	const phone = await iphone.newPage();
	await phone.goto(`/nl/ticket/${TICKET.token}`);
	await expect(phone.getByText(nl.push.ios)).toBeVisible();
	await expect(phone.getByRole('button', { name: nl.push.turnOn })).toBeHidden();
	await iphone.close();

	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await plain.goto(`/nl/ticket/${TICKET.token}`);
	await expect(plain.locator('.walk-in-number')).toHaveText(String(TICKET.number));
	await expect(plain.getByText(nl.push.noPush)).toBeVisible();
	await expect(plain.getByRole('button', { name: nl.push.turnOn })).toBeHidden();
	await noScript.close();
});

test('an unknown ticket is a translated 404', async ({ page }) => {
	const res = await page.goto('/ar/ticket/not-a-ticket');
	expect(res?.status()).toBe(404);
	await expect(page.getByText(ar.errors.notFound)).toBeVisible();
});
