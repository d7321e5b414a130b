import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { stepAt, totpCode } from '../../src/lib/server/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { signIn } from './sign-in.ts';
import { expectAxeClean } from './a11y-checks.ts';
import { now } from './clock.ts';
import { account } from './fixtures.ts';

const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

test('a parent books with Jeroen on the phone; a colleague at the same school signs in with TOTP, finds it and marks it attended', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// Jeroen's colleague at De Zuidwester, with an account of this test's own.
	const colleague = account('staff-colleague');
	// The parent, on a phone.
	const parent = await browser.newContext({ locale: 'nl-NL' });
	const phone = await parent.newPage();
	// Jeroen's last free time: the booking journeys in the other file take Samira's and the first ones.
	await phone.goto('/nl/de-zuidwester/book?staff=2');
	await phone.locator('a.choice').last().click();
	await phone.locator('a.time').last().click();
	await phone.getByLabel(nl.book.firstName).fill('Yara');
	await phone.getByLabel(nl.book.phone, { exact: true }).fill('06 7777 1234');
	await phone.getByLabel(nl.book.interpreter).check();
	await phone.getByLabel(nl.book.interpreterLanguage).fill('Arabisch');
	await phone.getByLabel(nl.book.consent).check();
	await phone.getByRole('button', { name: nl.book.submit }).click();
	await expect(phone.getByRole('heading', { name: nl.booking.confirmedTitle })).toBeVisible();
	const manageUrl = await phone.getByLabel(nl.booking.manageLink).inputValue();
	const bookedDay = new URL(phone.url()).pathname;
	expect(bookedDay).toContain('/nl/booking/');
	await parent.close();

	// The colleague, on her laptop.
	const laptop = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await laptop.newPage();
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/staff\/login$/);
	await expectAxeClean(page);
	await page.getByLabel(staff.login.email).fill(colleague.email);
	await page.getByLabel(staff.login.password).fill('not her password');
	await page.getByRole('button', { name: staff.login.submit }).click();
	await expect(page.getByText(staff.login.invalid_credentials)).toBeVisible();
	await page.getByLabel(staff.login.password).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: staff.login.submit }).click();
	await expect(page.getByRole('heading', { name: staff.login.codeTitle })).toBeVisible();
	await expectAxeClean(page);
	await signIn(page, colleague);
	await expect(page.getByRole('heading', { name: staff.today.title, exact: true })).toBeVisible();
	await expectAxeClean(page);

	// The booking is in her list of appointments, with the interpreter flag.
	await page.getByRole('link', { name: staff.bookings.title }).click();
	const row = page.locator('ul.bookings li', { hasText: 'Yara' });
	await expect(row).toContainText('Tolk: Arabisch');
	await expectAxeClean(page);
	await row.getByRole('link').click();
	await expect(page.getByText('06 7777 1234')).toBeVisible();
	await expectAxeClean(page);
	await page.getByRole('button', { name: staff.booking.markAttended }).click();
	await expect(page.getByText(staff.booking.saved)).toBeVisible();
	await expect(page.locator('dl')).toContainText(nl.booking.status_attended);

	// The parent's page now shows the booking as attended.
	const check = await browser.newContext();
	const own = await check.newPage();
	await own.goto(manageUrl);
	await expect(own.locator('dl')).toContainText(nl.booking.status_attended);
	await check.close();

	// Sign out ends the session: the workspace is closed again.
	await page.getByRole('button', { name: staff.nav.signOut }).click();
	await expect(page.getByText(staff.login.signedOut)).toBeVisible();
	await page.goto('/staff/today');
	await expect(page).toHaveURL(/\/staff\/login$/);
	await laptop.close();
});

test('an admin invites a professional, who sets a password and enrols TOTP, then signs in', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const admin = account('staff-inviter');
	const laptop = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await laptop.newPage();
	await signIn(page, admin);
	await page.getByRole('link', { name: staff.people.title }).click();
	await expectAxeClean(page);

	const inviteForm = page.locator('form[action="?/invite"]');
	await inviteForm.getByLabel(staff.people.name).fill('Noor Bakker');
	await inviteForm.getByLabel(staff.login.email).fill('noor@wijkteamtilburg.example.nl');
	await inviteForm.getByLabel('De Zuidwester').check();
	await inviteForm.getByRole('button', { name: staff.people.inviteButton }).click();
	const link = await page.locator('.link a').textContent();
	expect(link).toMatch(/\/staff\/invite\/[\w-]+$/);
	await expect(page.getByRole('row', { name: /noor@wijkteamtilburg/ })).toContainText(
		staff.people.invitedState
	);

	// Noor, on her own computer.
	const noorContext = await browser.newContext({ locale: 'nl-NL' });
	const noor = await noorContext.newPage();
	await noor.goto(link!);
	await expect(
		noor.getByText(staff.invite.welcome.replace('{{name}}', 'Noor Bakker'))
	).toBeVisible();
	await expectAxeClean(noor);
	await noor.getByLabel(staff.invite.password, { exact: true }).fill('kort');
	await noor.getByLabel(staff.invite.repeat).fill('kort');
	await noor.getByRole('button', { name: staff.invite.next }).click();
	await expect(noor.getByText(staff.invite.error_too_short)).toBeVisible();
	const password = 'vier lange woorden samen';
	await noor.getByLabel(staff.invite.password, { exact: true }).fill(password);
	await noor.getByLabel(staff.invite.repeat).fill(password);
	await noor.getByRole('button', { name: staff.invite.next }).click();
	await expect(noor.locator('.qr svg')).toBeVisible();
	await expectAxeClean(noor);
	const secret = (await noor.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	await noor.getByLabel(staff.login.code).fill('000000');
	await noor.getByRole('button', { name: staff.invite.confirm }).click();
	await expect(noor.getByText(staff.invite.error_code)).toBeVisible();
	await noor.getByLabel(staff.login.code).fill(await totpCode(secret, stepAt(now())));
	await noor.getByRole('button', { name: staff.invite.confirm }).click();
	await expect(noor.getByRole('heading', { name: staff.invite.recoveryTitle })).toBeVisible();
	await expect(noor.locator('.codes li')).toHaveCount(8);

	// The link is used up (the page is not found, as for any link that does not open); Noor signs
	// in with her password and the next code.
	expect((await noor.goto(link!))!.status()).toBe(404);
	await expect(noor.getByText(nl.errors.notFound)).toBeVisible();
	await noor.goto('/staff/login');
	await noor.getByLabel(staff.login.email).fill('noor@wijkteamtilburg.example.nl');
	await noor.getByLabel(staff.login.password).fill(password);
	await noor.getByRole('button', { name: staff.login.submit }).click();
	// The code used for enrolment does not work twice; the app's next code (one step ahead is
	// accepted for clock drift) does.
	await noor.getByLabel(staff.login.code).fill(await totpCode(secret, stepAt(now()) + 1));
	await noor.getByRole('button', { name: staff.login.codeSubmit }).click();
	await expect(noor.getByRole('heading', { name: staff.today.title, exact: true })).toBeVisible();
	await noorContext.close();
	await laptop.close();
});
