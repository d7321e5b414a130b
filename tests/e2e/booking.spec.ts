import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expectAxeClean } from './a11y-checks.ts';

const messages = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8')) as Record<
		string,
		Record<string, string>
	>;

async function axe(page: Page, enabled: boolean) {
	// axe is a script: it cannot run in a page with JavaScript off.
	if (enabled) await expectAxeClean(page);
}

// The booking journeys share one D1: one at a time, each takes the next free time.
test.describe.configure({ mode: 'serial' });

let phone = 10;

for (const lang of ['nl', 'ar'] as const) {
	for (const javaScriptEnabled of [true, false]) {
		test(`a parent books in ${lang} with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
			browser
		}) => {
			const t = messages(lang);
			const context = await browser.newContext({ javaScriptEnabled, locale: lang });
			const page = await context.newPage();
			await page.goto(`/${lang}/de-zuidwester`);
			await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');

			await page
				.getByRole('article', { name: 'Samira El Amrani' })
				.getByRole('link', { name: t.school.book })
				.click();
			await expect(page.getByRole('heading', { name: t.book.chooseDay })).toBeVisible();
			await axe(page, javaScriptEnabled);

			await page.locator('a.choice').first().click();
			await expect(page.getByRole('heading', { name: t.book.chooseTime })).toBeVisible();
			await axe(page, javaScriptEnabled);

			const time = page.locator('a.time').first();
			const chosenTime = (await time.textContent())!.trim();
			await time.click();
			await expect(page.getByRole('heading', { name: t.book.yourDetails })).toBeVisible();
			await expect(page.locator('.chosen')).toContainText(chosenTime);
			await axe(page, javaScriptEnabled);

			// First a mistake: a phone number that cannot be right, and no consent.
			await page.getByLabel(t.book.firstName).fill('Hiba');
			await page.getByLabel(t.book.phone, { exact: true }).fill('12');
			await page.getByLabel(t.book.remark).fill('Met mijn zus');
			await page.getByRole('button', { name: t.book.submit }).click();
			await expect(page.getByText(t.fields.phone_invalid).first()).toBeVisible();
			await expect(page.getByText(t.fields.consent_required).first()).toBeVisible();
			await expect(page.getByLabel(t.book.firstName)).toHaveValue('Hiba');
			await expect(page.getByLabel(t.book.remark)).toHaveValue('Met mijn zus');
			await expect(page.getByLabel(t.book.phone, { exact: true })).toHaveAttribute(
				'aria-invalid',
				'true'
			);
			await axe(page, javaScriptEnabled);

			// Going back for another time keeps what was typed.
			await page.getByRole('button', { name: t.book.otherTime }).click();
			await expect(page.getByRole('heading', { name: t.book.chooseTime })).toBeVisible();
			await page.locator('a.time').first().click();
			await expect(page.getByLabel(t.book.firstName)).toHaveValue('Hiba');

			await page.getByLabel(t.book.phone, { exact: true }).fill(`06 3000 00${phone++}`);
			await page.getByLabel(t.book.interpreter).check();
			await page.getByLabel(t.book.consent).check();
			await page.getByRole('button', { name: t.book.submit }).click();

			await expect(page.getByRole('heading', { name: t.booking.confirmedTitle })).toBeVisible();
			await expect(page).toHaveURL(new RegExp(`/${lang}/booking/[\\w-]+\\?new=1$`));
			await expect(page.locator('.code')).toHaveText(/^[2-9A-HJ-NP-Z]{6}$/);
			await expect(page.getByText(t.booking.noEmail)).toBeVisible();
			await axe(page, javaScriptEnabled);
			await context.close();
		});
	}
}

test('a parent cancels through the manage link, and the calendar files follow', async ({
	browser
}) => {
	const t = messages('nl');
	const context = await browser.newContext({ locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto('/nl/de-zuidwester/book?staff=2');
	await page.locator('a.choice').first().click();
	await page.locator('a.time').first().click();
	await page.getByLabel(t.book.firstName).fill('Karin');
	await page.getByLabel(t.book.email).fill('karin@example.org');
	await page.getByLabel(t.book.consent).check();
	await page.getByRole('button', { name: t.book.submit }).click();
	await expect(
		page.getByText(t.booking.emailSent.replace('{{email}}', 'karin@example.org'))
	).toBeVisible();
	const manageUrl = await page.getByLabel(t.booking.manageLink).inputValue();
	const reference = (await page.locator('.code').textContent())!;

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: t.booking.addToCalendar }).click()
	]);
	const added = new ICAL.Component(ICAL.parse(readFileSync((await download.path())!, 'utf8')));
	expect(added.getFirstPropertyValue('method')).toBe('PUBLISH');
	const event = new ICAL.Event(added.getFirstSubcomponent('vevent')!);
	expect(event.description).toContain(reference);

	// Later, on another device: only the link.
	const later = await browser.newContext({ locale: 'nl-NL' });
	const manage = await later.newPage();
	await manage.goto(manageUrl);
	await expect(manage.locator('.code')).toHaveText(reference);
	await manage.getByRole('button', { name: t.booking.cancelButton }).click();
	await expect(manage.getByText(t.booking.cancelled)).toBeVisible();
	await expect(manage.getByRole('heading', { name: t.booking.cancelledTitle })).toBeVisible();
	await axe(manage, true);

	const [removal] = await Promise.all([
		manage.waitForEvent('download'),
		manage.getByRole('link', { name: t.booking.removeFromCalendar }).click()
	]);
	const cancelled = new ICAL.Component(ICAL.parse(readFileSync((await removal.path())!, 'utf8')));
	expect(cancelled.getFirstPropertyValue('method')).toBe('CANCEL');
	const vevent = cancelled.getFirstSubcomponent('vevent')!;
	expect(vevent.getFirstPropertyValue('uid')).toBe(event.uid);
	expect(Number(vevent.getFirstPropertyValue('sequence'))).toBeGreaterThan(event.sequence);

	// Delete my data: the link leads nowhere afterwards.
	await manage.getByLabel(t.booking.deleteConfirm).check();
	await manage.getByRole('button', { name: t.booking.deleteButton }).click();
	await expect(manage.getByText(t.booking.deleted)).toBeVisible();
	const gone = await manage.goto(manageUrl);
	expect(gone!.status()).toBe(404);
	await context.close();
	await later.close();
});

test('a parent moves a booking to another time', async ({ page }) => {
	const t = messages('nl');
	// Jeroen's first free time (Samira's few times before the holidays go to the other tests).
	await page.goto('/nl/de-zuidwester/book?staff=2');
	await page.locator('a.choice').first().click();
	await page.locator('a.time').first().click();
	await page.getByLabel(t.book.firstName).fill('Joris');
	await page.getByLabel(t.book.phone, { exact: true }).fill('06 2222 3333');
	await page.getByLabel(t.book.consent).check();
	await page.getByRole('button', { name: t.book.submit }).click();
	const before = await page.locator('dd').first().textContent();
	const select = page.getByLabel(t.booking.moveText.replace('{{name}}', 'Jeroen de Vries'));
	const option = await select.locator('option').nth(1).getAttribute('value');
	await select.selectOption(option!);
	await page.getByRole('button', { name: t.booking.moveButton }).click();
	await expect(page.getByText(t.booking.moved)).toBeVisible();
	expect(await page.locator('dd').first().textContent()).not.toBe(before);
});
