/**
 * Parent meetings in the browser: a parent signs up for the coffee morning without JavaScript
 * (two steps, the confirmation, cancel), the pages pass axe in Dutch and Arabic, the professional
 * sees the door list, and the kiosk shows the meetings and takes a theme. With SCREENSHOTS=<dir>
 * the pages are also photographed there (phone 390×844, kiosk 1280×800).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAxeClean } from './a11y-checks.ts';
import { account } from './fixtures.ts';
import { signIn } from './sign-in.ts';
import { DEMO_KIOSK_PAIRING_CODE } from '../../src/lib/server/demo/seed.ts';

const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const ar = JSON.parse(readFileSync('src/lib/i18n/locales/ar.json', 'utf8'));
const staffNl = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));
const staffEn = JSON.parse(readFileSync('src/lib/i18n/staff/en.json', 'utf8'));
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };

async function shot(page: Page, name: string, part?: Locator) {
	const dir = process.env.SCREENSHOTS;
	if (!dir) return;
	await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
	// What the screen shows before any scrolling.
	await page.screenshot({ path: `${dir}/${name}-view.png` });
	if (part) await part.screenshot({ path: `${dir}/${name}-part.png` });
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('a parent signs up for the coffee morning without JavaScript, and cancels', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: PHONE,
		locale: 'nl-NL'
	});
	const page = await context.newPage();
	await page.goto('/nl/de-zuidwester');
	const meetings = page.getByRole('region', { name: nl.meetings.title });
	const coffee = meetings.getByRole('article', { name: 'Koffieochtend' });
	await expect(coffee).toContainText('08:45 – 10:00');
	await expect(coffee).toContainText('Ouderkamer');
	await expect(coffee).toContainText('Arabisch');
	await expectNoSidewaysScroll(page);
	await shot(page, 'school-nl', meetings);

	await coffee.getByRole('link', { name: /Aanmelden/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.meetings.formTitle);
	await page.getByRole('button', { name: nl.meetings.next }).click();
	await expect(page.getByRole('alert')).toContainText(nl.fields.required);
	await page.getByLabel(nl.book.firstName).fill('Noor');
	await page.getByLabel(nl.meetings.people).selectOption('3');
	await shot(page, 'signup-step1-nl');
	await page.getByRole('button', { name: nl.meetings.next }).click();
	await expect(page.getByText(nl.meetings.contactLegend)).toBeVisible();
	await page.getByLabel(nl.book.email).fill('noor@example.org');
	await page.getByLabel(nl.meetings.consent).check();
	await shot(page, 'signup-step2-nl');
	await page.getByRole('button', { name: nl.meetings.submit, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.meetings.confirmedTitle);
	await expect(page.getByRole('link', { name: nl.meetings.calendar })).toHaveAttribute(
		'href',
		/\/calendar\.ics$/
	);
	await shot(page, 'confirmation-nl');

	await page.getByRole('button', { name: nl.meetings.cancel }).click();
	await expect(page.getByText(nl.meetings.cancelledTitle)).toBeVisible();
	await context.close();
});

test('the meeting pages are axe clean and right to left in Arabic', async ({ browser }) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'ar' });
	const page = await context.newPage();
	await page.goto('/ar/de-zuidwester');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const coffee = page.getByRole('article', { name: 'صباح القهوة' });
	await expect(coffee).toBeVisible();
	await expectAxeClean(page);
	await expectNoSidewaysScroll(page);
	await shot(page, 'school-ar', page.getByRole('region', { name: ar.meetings.title }));

	await coffee.getByRole('link', { name: new RegExp(ar.meetings.signUp) }).click();
	await expectAxeClean(page);
	await page.getByLabel(ar.book.firstName).fill('أمل');
	await page.getByRole('button', { name: ar.meetings.next }).click();
	await expect(page.getByText(ar.meetings.contactLegend)).toBeVisible();
	await expectAxeClean(page);
	await expectNoSidewaysScroll(page);
	await shot(page, 'signup-step2-ar');
	await page.getByLabel(ar.meetings.consent).check();
	await page.getByRole('button', { name: ar.meetings.submit, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.meetings.confirmedTitle);
	await expectAxeClean(page);
	await expectNoSidewaysScroll(page);
	await shot(page, 'confirmation-ar');

	// The theme form on its own page: a refusal keeps nothing out of reach, then thanks.
	await page.goto('/ar/de-zuidwester/suggest');
	await page.getByLabel(ar.meetings.suggestTheme).selectOption('sleep_eating');
	await page.getByRole('button', { name: ar.meetings.suggestSubmit }).click();
	await expect(page.getByText(ar.meetings.suggestThanks)).toBeVisible();
	await expectAxeClean(page);
	await context.close();
});

test('the professional sees the door list and marks who came', async ({ browser }) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
	const page = await context.newPage();
	await signIn(page, account('meetings'));
	// On a phone the menu folds behind "Meer" (#21): the page by its address.
	await page.goto('/staff/meetings');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staffNl.meetings.title);
	await expectAxeClean(page);
	await shot(page, 'staff-meetings-nl');
	await page.getByRole('link', { name: 'Koffieochtend' }).first().click();
	await expect(page.getByRole('heading', { name: staffNl.meetings.signupsTitle })).toBeVisible();
	// The demo's sign-up: Amina, two people, Arabic.
	const amina = page.getByRole('row', { name: /Amina/ });
	await expect(amina).toContainText('2');
	await expect(amina).toContainText('Arabisch');
	await amina.getByRole('button', { name: /Is gekomen/ }).click();
	await expect(page.getByRole('row', { name: /Amina/ })).toContainText(
		staffNl.meetings.signupStatus_attended
	);
	await expectAxeClean(page);
	await expectNoSidewaysScroll(page);
	await shot(page, 'staff-door-list-nl');
	// The same list in English.
	await page.getByRole('button', { name: staffNl.nav.language }).click();
	await expect(page.getByRole('heading', { name: staffEn.meetings.signupsTitle })).toBeVisible();
	await expectAxeClean(page);
	await shot(page, 'staff-door-list-en');
	await context.close();
});

test('the kiosk shows the meetings and asks what parents want to know', async ({ browser }) => {
	const context = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto('/kiosk/pair');
	await page.getByLabel(nl.kiosk.pairCode).fill(DEMO_KIOSK_PAIRING_CODE);
	await page.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
	await expect(page).toHaveURL(/\/kiosk\/nl$/);
	const meetings = page.getByRole('region', { name: nl.meetings.title });
	await expect(meetings.getByRole('article', { name: 'Koffieochtend' })).toBeVisible();
	await expectAxeClean(page);
	await shot(page, 'kiosk-nl');

	await page.goto('/kiosk/ar');
	await expect(
		page
			.getByRole('region', { name: ar.meetings.title })
			.getByRole('article', { name: 'صباح القهوة' })
	).toBeVisible();
	await expectAxeClean(page);
	await shot(page, 'kiosk-ar');

	await page.getByRole('link', { name: ar.meetings.suggestTitle }).click();
	await page.getByText(ar.topics.sleep_eating).click();
	await page.getByRole('button', { name: ar.meetings.suggestSubmit }).click();
	await expect(page.getByText(ar.meetings.suggestThanks)).toBeVisible();
	await expectAxeClean(page);
	await context.close();
});
