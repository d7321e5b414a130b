import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { stepAt, totpCode } from '../../src/lib/server/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { now } from './clock.ts';

const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

/**
 * Signs an account (with the demo password) in on a page set to Dutch, with the code of the
 * worker's current time step. The account is the test's own (tests/e2e/fixtures.ts), so no other test
 * has used that code.
 */
export async function signIn(page: Page, account: { email: string; totp: string }) {
	await page.goto('/staff/login');
	await page.getByLabel(staff.login.email).fill(account.email);
	await page.getByLabel(staff.login.password).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: staff.login.submit }).click();
	await page.getByLabel(staff.login.code).fill(await totpCode(account.totp, stepAt(now())));
	await page.getByRole('button', { name: staff.login.codeSubmit }).click();
	await expect(page.getByRole('heading', { name: staff.today.title, exact: true })).toBeVisible();
	// The page's styles are in: until then the phone's menu and the laptop's both count as shown.
	await page.waitForLoadState('load');
}

/**
 * Follows a link of the workspace's menu by its name. On a phone only the daily places are in the
 * bar; the rest sits behind "Meer", which this opens first.
 */
export async function openFromMenu(page: Page, name: string) {
	const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
	if (!(await link.isVisible())) {
		await page.getByRole('navigation').getByText(staff.nav.more, { exact: true }).click();
	}
	await link.click();
}
