import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openFromMenu, signIn } from './sign-in.ts';
import { account } from './fixtures.ts';
import { expectAxeClean } from './a11y-checks.ts';

const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

test.use({ locale: 'nl-NL' });
// Two axe scans: give a busy machine time.
test.describe.configure({ timeout: 180_000 });

// Amina, a demo parent, asked De Zuidwester (Wijkteam Tilburg) a question and left 0612345010.
test('a coordinator looks up a parent by phone, downloads everything as JSON, erases it, and finds nothing after', async ({
	page
}) => {
	// A coordinator of Wijkteam Tilburg, with an account of this test's own.
	await signIn(page, account('privacy'));
	await openFromMenu(page, staff.privacy.nav);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staff.privacy.title);
	await expectAxeClean(page);

	// Typed differently from how the parent typed it.
	await page.getByLabel(staff.privacy.contact).fill('+31 (0)6 1234 5010');
	await page.getByRole('button', { name: staff.privacy.find }).click();
	await expect(page.getByRole('heading', { name: 'Gegevens van +31612345010' })).toBeVisible();
	await expect(page.getByText('HX3P9L')).toBeVisible();
	await expect(page.getByText(/ابنتي عمرها أربع سنوات/)).toBeVisible();
	await expectAxeClean(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: staff.privacy.export }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^inloop-avg-\d{4}-\d{2}-\d{2}\.json$/);
	const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
	expect(exported.contact).toBe('+31612345010');
	expect(exported.questions).toHaveLength(1);
	expect(exported.questions[0]).toMatchObject({
		reference: 'HX3P9L',
		firstName: 'Amina',
		phone: '0612345010'
	});

	// Erasing needs the confirmation. (By keyboard: after a form post that ended in a download,
	// Chromium's touch emulation hit-tests against a stale layout.)
	const erase = page.getByRole('button', { name: staff.privacy.eraseButton });
	await erase.press('Enter');
	await expect(page.getByText(staff.privacy.confirm_required)).toBeVisible();
	await page.getByLabel(staff.privacy.eraseConfirm).press('Space');
	await expect(page.getByLabel(staff.privacy.eraseConfirm)).toBeChecked();
	await erase.press('Enter');
	await expect(page.getByRole('status')).toHaveText(
		'Verwijderd voor +31612345010: 0 afspraken, 1 vragen, 0 plekken op een wachtlijst en 0 aanmeldingen voor ouderbijeenkomsten.'
	);

	await page.getByLabel(staff.privacy.contact).fill('06-12345010');
	await page.getByRole('button', { name: staff.privacy.find }).click();
	await expect(page.getByText(staff.privacy.nothing)).toBeVisible();

	// The audit log has the look-ups, the export and the erasure, without the number.
	await openFromMenu(page, staff.audit.title);
	await expect(page.getByRole('cell', { name: /^contact/ }).first()).toBeVisible();
	await expect(page.getByText('12345010')).toHaveCount(0);
});
