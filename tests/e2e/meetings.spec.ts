/**
 * Parent meetings in the browser: a parent signs up for the coffee morning without JavaScript
 * (two steps, the confirmation, cancel), the pages pass axe in Dutch and Arabic, the professional
 * sees the door list, a meeting for two schools fills up and offers its waiting list, and the kiosk
 * shows the meetings and takes a theme. With SCREENSHOTS=<dir>
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

test('a meeting for two schools fills up, offers its waiting list, and the wijkteam sees who waits', async ({
	browser
}) => {
	// Two people and a professional, each with axe: longer than one journey.
	test.slow();
	const staffContext = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
	const staff = await staffContext.newPage();
	await signIn(staff, account('meetings-two-schools'));
	await staff.goto('/staff/meetings/new');
	await staff.locator('#title_nl').fill('Ouderavond voor twee scholen');
	await staff.locator('#capacity').fill('1');
	const also = staff.getByRole('group', { name: staffNl.meetings.alsoFor });
	await also.getByLabel('Het Kompas').check();
	await expectAxeClean(staff);
	await expectNoSidewaysScroll(staff);
	await shot(staff, 'staff-new-two-schools-nl', also);
	await staff.getByRole('button', { name: staffNl.meetings.save }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Ouderavond voor twee scholen');
	const id = new URL(staff.url()).pathname.split('/').pop();
	await expect(staff.locator('.when')).toContainText('De Zuidwester, Het Kompas');

	// A parent of Het Kompas takes the one place, without JavaScript.
	const parents = await browser.newContext({
		javaScriptEnabled: false,
		viewport: PHONE,
		locale: 'nl-NL'
	});
	const noor = await parents.newPage();
	await noor.goto('/nl/het-kompas-tilburg');
	const evening = noor.getByRole('article', { name: 'Ouderavond voor twee scholen' });
	// Where it is: at the other school.
	await expect(evening).toContainText('Ouderkamer, De Zuidwester');
	await shot(noor, 'school-two-schools-nl', evening);
	await evening.getByRole('link', { name: /Aanmelden/ }).click();
	await noor.getByLabel(nl.book.firstName).fill('Noor');
	await noor.getByRole('button', { name: nl.meetings.next }).click();
	await noor.getByLabel(nl.meetings.consent).check();
	await noor.getByRole('button', { name: nl.meetings.submit, exact: true }).click();
	await expect(noor.getByRole('heading', { level: 1 })).toHaveText(nl.meetings.confirmedTitle);

	// Full now: the page offers the waiting list, in Dutch and in Arabic.
	await noor.goto(`/nl/de-zuidwester/meeting/${id}`);
	await expect(noor.getByText(nl.meetings.waitlistIntro)).toBeVisible();
	await expectNoSidewaysScroll(noor);
	await shot(noor, 'waitlist-nl');
	await parents.close();

	// With JavaScript (axe runs in the page); the Dutch parent above went without.
	const arabic = await browser.newContext({ viewport: PHONE, locale: 'ar' });
	const amal = await arabic.newPage();
	await amal.goto('/ar/de-zuidwester');
	const full = amal.getByRole('article', { name: 'Ouderavond voor twee scholen' });
	await expect(full).toContainText(ar.meetings.full);
	await shot(amal, 'school-full-ar', full);
	await full.getByRole('link', { name: new RegExp(ar.meetings.waitlistLink) }).click();
	await expect(amal.getByText(ar.meetings.waitlistIntro)).toBeVisible();
	await expectAxeClean(amal);
	await expectNoSidewaysScroll(amal);
	await shot(amal, 'waitlist-ar');
	await amal.getByLabel(ar.book.firstName).fill('أمل');
	await amal.getByRole('button', { name: ar.meetings.next }).click();
	await expect(amal.getByText(ar.meetings.waitlistContactLegend)).toBeVisible();
	await amal.getByLabel(ar.book.phone).fill('0612345678');
	await amal.getByLabel(ar.meetings.consent).check();
	await expectAxeClean(amal);
	await shot(amal, 'waitlist-step2-ar');
	await amal.getByRole('button', { name: ar.meetings.waitlistSubmit }).click();
	await expect(amal.getByRole('heading', { level: 1 })).toHaveText(ar.meetings.waitingTitle);
	await expect(amal.getByRole('button', { name: ar.meetings.leaveWaitlist })).toBeVisible();
	await expectAxeClean(amal);
	await expectNoSidewaysScroll(amal);
	await shot(amal, 'waiting-ar');
	await arabic.close();

	// The wijkteam sees her on the waiting list, after the door list.
	await staff.reload();
	const waiting = staff.getByRole('list', { name: staffNl.meetings.waitingTitle });
	await expect(waiting).toContainText('أمل');
	await expectAxeClean(staff);
	await expectNoSidewaysScroll(staff);
	await shot(staff, 'staff-door-list-waiting-nl');
	await staff.goto('/staff/meetings');
	await expect(staff.getByRole('main')).toContainText('De Zuidwester, Het Kompas');
	await shot(staff, 'staff-meetings-two-schools-nl');
	await staffContext.close();
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
