/**
 * The waiting list in the browser (issue #17): a parent who finds no time that suits waits for a
 * place from the booking page, without JavaScript; when a place frees up, their page offers it
 * with a button and the hold time, and one tap books it. In Arabic, right to left, axe clean, and
 * leaving the list; "Notify me" on the page while on the list, where the browser has push.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAxeClean } from './a11y-checks.ts';
import { dayFromToday } from './clock.ts';

type Slot = { staffId: number; start: string; remaining: number };
const messages = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8')) as Record<
		string,
		Record<string, string>
	>;

// One journey at a time: each takes a place of its own.
test.describe.configure({ mode: 'serial' });

/**
 * Het Kompas, where Samira holds hours on Wednesdays and no other browser test books: a place
 * freed elsewhere never reaches the parents waiting here, nor theirs the others' tests.
 */
const SCHOOL = 'het-kompas-tilburg';

/** Samira's last free time at the school. */
async function placeToWaitFor(request: APIRequestContext): Promise<Slot> {
	const slots = (await (
		await request.get(
			`/api/v1/schools/${SCHOOL}/slots?from=${dayFromToday(1)}&to=${dayFromToday(29)}`
		)
	).json()) as Slot[];
	const slot = slots.filter((s) => s.staffId === 1 && s.remaining === 1).at(-1);
	expect(slot).toBeDefined();
	return slot!;
}

/** Somebody else books the place: the day is full for the parent in the test. */
async function takePlace(request: APIRequestContext, slot: Slot, phone: string) {
	const res = await request.post(`/api/v1/schools/${SCHOOL}/bookings`, {
		data: {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Eva',
			phone,
			language: 'nl',
			consent: true
		}
	});
	expect(res.status()).toBe(201);
	return ((await res.json()) as { manageToken: string }).manageToken;
}

test('without JavaScript a parent waits for a place from the booking page and books it when it frees up', async ({
	browser,
	request
}) => {
	const t = messages('nl');
	const slot = await placeToWaitFor(request);
	const day = slot.start.slice(0, 10);
	const other = await takePlace(request, slot, '06 5100 0001');

	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto(`/nl/${SCHOOL}/book?staff=1`);
	await page.getByRole('link', { name: t.waitlist.joinLink }).click();
	await expect(page.getByRole('heading', { name: t.waitlist.joinTitle })).toBeVisible();
	// Samira is the only one to book at this school: the form asks no "with whom".
	await expect(page.getByLabel(t.waitlist.whoLegend)).toHaveCount(0);

	// A mistake first: no consent. The form comes back with the reason and what was typed.
	await page.getByLabel(t.waitlist.from, { exact: true }).fill(day);
	await page.getByLabel(t.waitlist.to, { exact: true }).fill(day);
	await page.getByLabel(t.book.firstName).fill('Hiba');
	await page.getByLabel(t.book.phone, { exact: true }).fill('06 5100 0002');
	await page.getByRole('button', { name: t.waitlist.submit }).click();
	await expect(page.getByText(t.fields.consent_required).first()).toBeVisible();
	await expect(page.getByLabel(t.book.firstName)).toHaveValue('Hiba');
	await expect(page.getByLabel(t.waitlist.to, { exact: true })).toHaveValue(day);

	await page.getByLabel(t.waitlist.consent).check();
	await page.getByRole('button', { name: t.waitlist.submit }).click();
	await expect(page).toHaveURL(/\/nl\/waitlist\/[\w-]+\?new=1$/);
	await expect(page.getByRole('heading', { name: t.waitlist.joined })).toBeVisible();
	await expect(page.locator('.status')).toHaveText(t.waitlist.status_waiting);
	// Without JavaScript there is no push: the hint says what works instead, no button.
	await expect(page.getByText(t.push.noPush)).toBeVisible();
	await expect(page.getByRole('button', { name: t.push.turnOn })).toBeHidden();
	const pageUrl = await page.getByLabel(t.waitlist.manageLink).inputValue();

	// The other parent cancels: the place is offered and held for this one.
	expect((await request.delete(`/api/v1/bookings/${other}`)).status()).toBe(200);
	await page.goto(pageUrl);
	await expect(page.getByRole('heading', { name: t.waitlist.offerTitle })).toBeVisible();
	await expect(page.locator('.hold')).toContainText(t.waitlist.offerHold.split('{{time}}')[0]);
	// Held: the booking pages no longer list it for anyone else.
	const others = await browser.newContext({ javaScriptEnabled: false });
	const booking = await others.newPage();
	await booking.goto(`/nl/${SCHOOL}/book?staff=1&day=${day}`);
	const held = new Date(slot.start).toLocaleTimeString('nl-NL', {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/Amsterdam'
	});
	await expect(booking.locator('a.time', { hasText: held })).toHaveCount(0);
	await others.close();

	await page.getByRole('button', { name: t.waitlist.claimButton }).click();
	await expect(page).toHaveURL(/\/nl\/booking\/[\w-]+\?new=1$/);
	await expect(page.getByRole('heading', { name: t.booking.confirmedTitle })).toBeVisible();
	await page.goto(pageUrl);
	await expect(page.locator('.status')).toHaveText(t.waitlist.status_booked);
	await context.close();
});

test('in Arabic, right to left and axe clean: the form, the offer, and leaving the list', async ({
	browser,
	request
}) => {
	const t = messages('ar');
	const slot = await placeToWaitFor(request);
	const day = slot.start.slice(0, 10);
	const other = await takePlace(request, slot, '06 5100 0003');

	const context = await browser.newContext({ locale: 'ar' });
	const page = await context.newPage();
	await page.goto(`/ar/${SCHOOL}/waitlist?staff=1`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectAxeClean(page);
	await page.getByLabel(t.waitlist.from, { exact: true }).fill(day);
	await page.getByLabel(t.waitlist.to, { exact: true }).fill(day);
	await page.getByLabel(t.book.firstName).fill('أمل');
	await page.getByLabel(t.book.email).fill('amal.waitlist@example.org');
	await page.getByLabel(t.waitlist.consent).check();
	await page.getByRole('button', { name: t.waitlist.submit }).click();
	await expect(page.getByRole('heading', { name: t.waitlist.joined })).toBeVisible();
	// Chromium has push: the place on the list can notify this phone of an offer.
	await expect(page.getByRole('button', { name: t.push.turnOn })).toBeVisible();
	await expect(page.getByText(t.push.noPush)).toBeHidden();
	await expectAxeClean(page);
	const pageUrl = await page.getByLabel(t.waitlist.manageLink).inputValue();

	expect((await request.delete(`/api/v1/bookings/${other}`)).status()).toBe(200);
	await page.goto(pageUrl);
	await expect(page.getByRole('heading', { name: t.waitlist.offerTitle })).toBeVisible();
	await expectAxeClean(page);

	// Leaving while the place is held gives it back at once.
	await page.getByRole('button', { name: t.waitlist.leaveButton }).click();
	await expect(page.getByText(t.waitlist.leftText).first()).toBeVisible();
	await expect(page.locator('.status')).toHaveText(t.waitlist.status_left);
	// Off the list: nothing left to be notified of.
	await expect(page.getByRole('button', { name: t.push.turnOn })).toHaveCount(0);
	await expectAxeClean(page);
	const slots = (await (
		await request.get(`/api/v1/schools/${SCHOOL}/slots?from=${day}&to=${day}`)
	).json()) as Slot[];
	expect(slots.some((s) => s.start === slot.start && s.staffId === 1)).toBe(true);
	await context.close();
});
