import { expect, test } from '@playwright/test';
import { expectAxeClean } from './a11y-checks.ts';

test.describe('a parent finds the school and its wijkteam contact', () => {
	for (const javaScriptEnabled of [true, false]) {
		test(`in Dutch, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
			browser,
			baseURL
		}) => {
			const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
			const page = await context.newPage();
			const hosts = new Set<string>();
			page.on('request', (request) => hosts.add(new URL(request.url()).host));

			await page.goto('/');
			await expect(page).toHaveURL(/\/nl$/);
			await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
			await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Vind het wijkteam van uw school'
			);
			// axe is a script: with JavaScript off the JS-on run of the same journey scans it.
			if (javaScriptEnabled) await expectAxeClean(page);

			await page.getByLabel('Naam van de school of plaats').fill('Tilburg');
			await page.getByRole('button', { name: 'Zoeken' }).click();
			await expect(page).toHaveURL(/\/nl\?q=Tilburg$/);
			await expect(page.getByText('2 scholen gevonden')).toBeVisible();
			// axe is a script: with JavaScript off the JS-on run of the same journey scans it.
			if (javaScriptEnabled) await expectAxeClean(page);

			await page.getByRole('link', { name: /De Zuidwester/ }).click();
			await expect(page).toHaveURL(/\/nl\/de-zuidwester$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('De Zuidwester');
			const samira = page.getByRole('article', { name: 'Samira El Amrani' });
			await expect(samira).toContainText('Wijkteammedewerker');
			await expect(samira).toContainText('Arabisch');
			await expect(samira).toContainText('dinsdag');
			await expect(samira).toContainText('08:30 – 10:00');
			await expect(samira).toContainText('Ouderkamer');
			await expect(samira).toContainText('Inloopuur, zonder afspraak');
			await expect(page.getByRole('article', { name: 'Jeroen de Vries' })).toContainText(
				'Gedragscoach'
			);
			await expect(page.getByRole('heading', { name: 'Wie is wie op school' })).toBeVisible();
			await expect(page.getByText('Veilig Thuis', { exact: false })).toBeVisible();
			// axe is a script: with JavaScript off the JS-on run of the same journey scans it.
			if (javaScriptEnabled) await expectAxeClean(page);

			// Nothing was asked of any other host.
			expect([...hosts]).toEqual([new URL(baseURL!).host]);
			await context.close();
		});
	}

	for (const javaScriptEnabled of [true, false]) {
		test(`in Arabic, right to left, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
			browser
		}) => {
			const context = await browser.newContext({ javaScriptEnabled, locale: 'ar' });
			const page = await context.newPage();
			await page.goto('/');
			await expect(page).toHaveURL(/\/ar$/);
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
			// axe is a script: with JavaScript off the JS-on run of the same journey scans it.
			if (javaScriptEnabled) await expectAxeClean(page);

			await page.getByRole('searchbox').fill('zuidwester');
			await page.getByRole('searchbox').press('Enter');
			await page.getByRole('link', { name: /De Zuidwester/ }).click();
			await expect(page).toHaveURL(/\/ar\/de-zuidwester$/);
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			const samira = page.getByRole('article', { name: 'Samira El Amrani' });
			await expect(samira).toContainText('أنا سميرة');
			// Jeroen has no Arabic introduction: his Dutch one is marked as Dutch, left to right.
			const jeroenIntro = page
				.getByRole('article', { name: 'Jeroen de Vries' })
				.locator('p[lang="nl"]')
				.first();
			await expect(jeroenIntro).toHaveAttribute('dir', 'ltr');
			// axe is a script: with JavaScript off the JS-on run of the same journey scans it.
			if (javaScriptEnabled) await expectAxeClean(page);
			await context.close();
		});
	}
});

test('the language switcher names each language in its own words and keeps the page', async ({
	page
}) => {
	await page.goto('/nl/de-zuidwester');
	await page.getByText('Nederlands', { exact: true }).first().click();
	const switcher = page.getByRole('navigation', { name: 'Kies uw taal' });
	for (const name of [
		'Nederlands',
		'English',
		'العربية',
		'Türkçe',
		'Polski',
		'Українська',
		'ትግርኛ'
	]) {
		await expect(switcher.getByRole('link', { name, exact: true })).toBeVisible();
	}
	await switcher.getByRole('link', { name: 'Türkçe' }).click();
	await expect(page).toHaveURL(/\/tr\/de-zuidwester$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('De Zuidwester');
});

test('a poster address /{slug} leads to the school page in the visitor language', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'uk-UA' });
	const page = await context.newPage();
	await page.goto('/de-zuidwester');
	await expect(page).toHaveURL(/\/uk\/de-zuidwester$/);
	await context.close();
});

test('a search that is too short says so by the field and keeps the text', async ({ page }) => {
	await page.goto('/nl?q=a');
	const input = page.getByLabel('Naam van de school of plaats');
	await expect(input).toHaveValue('a');
	await expect(input).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Dit is te kort.')).toBeVisible();
	await expectAxeClean(page);
});
