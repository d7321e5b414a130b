/**
 * The workspace on a professional's phone tells them (#21): under "My account" the notifications
 * for this device, in Dutch and English, axe clean; the button only where the browser has push
 * (Chromium here), the hint without JavaScript. Subscribing itself needs a real push service on
 * the internet, so the delivery is tested in workerd against the stand-in
 * (tests/integration/staff-push.spec.ts).
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAxeClean } from './a11y-checks.ts';
import { account } from './fixtures.ts';
import { signIn } from './sign-in.ts';

const staff = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/staff/${lang}.json`, 'utf8')) as Record<
		string,
		Record<string, string>
	>;

const inLanguage = (context: BrowserContext, lang: 'nl' | 'en', origin: string) =>
	context.addCookies([{ name: 'inloop_staff_lang', value: lang, url: `${origin}/staff` }]);

test('notifications on this device, under My account, in Dutch and English', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		locale: 'nl-NL'
	});
	const page = await context.newPage();
	await signIn(page, account('staff-push'));
	for (const lang of ['nl', 'en'] as const) {
		const t = staff(lang);
		await inLanguage(context, lang, baseURL!);
		await page.goto('/staff/account');
		await expect(page.getByRole('heading', { name: t.push.heading })).toBeVisible();
		await expect(page.getByRole('button', { name: t.push.turnOn })).toBeVisible();
		await expect(page.getByText(t.push.noPush)).toBeHidden();
		await expect(page.getByText(t.push.session)).toBeVisible();
		await expectAxeClean(page);
	}
	await context.close();
});

test('without JavaScript the hint says what works instead', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
	const page = await context.newPage();
	await signIn(page, account('staff-push-nojs'));
	await page.goto('/staff/account');
	const t = staff('nl');
	await expect(page.getByText(t.push.noPush)).toBeVisible();
	await expect(page.getByRole('button', { name: t.push.turnOn })).toBeHidden();
	await context.close();
});
