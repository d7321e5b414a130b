/**
 * Stored script in every free-text field is shown as text on every page that shows it (issue #7,
 * proof 5). Most forms refuse markup outright (that is checked too); so that what a page shows is
 * tested whatever the way in (older data, an import, a field without that check), the payload is
 * also written straight into this run's D1 before the worker starts (tests/e2e/fixtures.ts), in
 * every free-text column. Then each page that shows it is opened with JavaScript on:
 * `window.__xss` stays undefined and the payload is visible as text.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in.ts';
import { dayFromToday } from './clock.ts';
import { account, SHORT, PAYLOAD, TOKENS } from './fixtures.ts';

const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const staffNl = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

/** The page ran none of the payload, and shows it as text. */
async function expectShownAsText(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), path).toBeUndefined();
	const text = await page.locator('body').innerText();
	expect(text, path).toContain(SHORT); // a part of PAYLOAD too
	// And no element the payload would have made.
	expect(await page.locator('img[src="x"]').count(), path).toBe(0);
}

test.describe.configure({ mode: 'serial' });

test('parent pages show stored script as text', async ({ page }) => {
	test.setTimeout(90_000);
	for (const path of [
		`/nl/booking/${TOKENS.booking}`, // first name, remark, interpreter language
		`/nl/booking/${TOKENS.cancelled}`, // the wijkteam's reason for cancelling
		`/nl/question/${TOKENS.question}`, // question, first name, answer, reply
		'/ti/de-zuidwester', // the professional's introduction
		'/nl?q=xssdorp', // school name in the search results
		'/nl/xss-school', // school name, address, neighbourhood, partner
		'/en/xss-school'
	]) {
		await expectShownAsText(page, path);
	}
});

test('a form refuses markup with a translated message and keeps what was typed', async ({
	page
}) => {
	await page.goto('/nl/de-zuidwester/ask');
	await page.getByLabel(nl.ask.category).selectOption('school');
	await page.getByLabel(nl.ask.text, { exact: true }).fill(PAYLOAD);
	await page.getByLabel(nl.ask.consent).check();
	await page.getByRole('button', { name: nl.ask.submit }).click();
	await expect(page.getByText(nl.fields.text_invalid ?? nl.fields.invalid).first()).toBeVisible();
	await expect(page.getByLabel(nl.ask.text, { exact: true })).toHaveValue(PAYLOAD);
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('workspace pages show stored script as text; a reason typed by staff reaches the parent as text', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await context.newPage();
	await signIn(page, account('xss-professional'));
	// The planted bookings are tomorrow of the day the run started: today's or tomorrow's tomorrow.
	for (const path of [
		`/staff/bookings?from=${dayFromToday()}&to=${dayFromToday(1)}`,
		'/staff/bookings/9101',
		'/staff/bookings/9102',
		'/staff/questions',
		'/staff/questions/9101'
	]) {
		await expectShownAsText(page, path);
	}
	// The introduction is shown in its form field: as a value, not as markup.
	await page.goto('/staff/profile');
	await expect(page.locator('textarea[name="intro_ti"]')).toHaveValue(PAYLOAD);
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

	// The cancel reason is a free-text field the wijkteam types. Markup in it is refused, as in
	// every free text, with a translated message; the reason typed stays and nothing is cancelled.
	await page.goto('/staff/bookings/9103');
	await page.getByLabel(staffNl.booking.cancelReason).fill(PAYLOAD);
	await page.getByRole('button', { name: staffNl.booking.cancelButton }).click();
	await expect(page.getByRole('alert')).toContainText(staffNl.booking.reasonInvalid);
	await expect(page.getByLabel(staffNl.booking.cancelReason)).toHaveValue(PAYLOAD);
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
	// What may be typed reaches the parent's page as text, signs and quotes included.
	const reason = 'Ziek <3 & "snel" beter, \'s middags';
	await page.getByLabel(staffNl.booking.cancelReason).fill(reason);
	await page.getByRole('button', { name: staffNl.booking.cancelButton }).click();
	await expect(page.getByText(staffNl.booking.cancelled)).toBeVisible();
	await page.goto(`/nl/booking/${TOKENS.toCancel}`);
	await expect(page.locator('body')).toContainText(reason);
	await context.close();

	// A coordinator's pages: schools, places, partners, holidays.
	const admin = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const adminPage = await admin.newPage();
	await signIn(adminPage, account('xss-coordinator'));
	for (const path of [
		'/staff/admin/organisation',
		'/staff/admin/schools/9101',
		'/staff/admin/holidays'
	]) {
		await expectShownAsText(adminPage, path);
	}
	await admin.close();
});
