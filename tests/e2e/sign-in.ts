import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { stepAt, totpCode } from '../../src/lib/server/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

/**
 * Signs a demo account in on a page set to Dutch. A TOTP code works once: when another test used
 * this account's current code a moment ago, the next one (or the one after) is taken, as a person
 * would wait for the app's next code.
 */
export async function signIn(page: Page, account: { email: string; totp: string }) {
	await page.goto('/staff/login');
	await page.getByLabel(staff.login.email).fill(account.email);
	await page.getByLabel(staff.login.password).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: staff.login.submit }).click();
	for (let attempt = 0; attempt < 4; attempt++) {
		const step = stepAt(Date.now()) + (attempt % 2);
		if (attempt === 2)
			await page.waitForTimeout((stepAt(Date.now()) + 1) * 30_000 - Date.now() + 500);
		await page.getByLabel(staff.login.code).fill(await totpCode(account.totp, step));
		await page.getByRole('button', { name: staff.login.codeSubmit }).click();
		if (
			await page
				.getByRole('heading', { name: staff.today.title, exact: true })
				.isVisible()
				.catch(() => false)
		)
			return;
		await page.waitForLoadState();
		if (new URL(page.url()).pathname === '/staff/today') return;
	}
	await expect(page.getByRole('heading', { name: staff.today.title, exact: true })).toBeVisible();
}
