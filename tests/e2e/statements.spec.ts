import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LANGUAGES } from '../../src/lib/i18n/languages.ts';
import { expectAxeClean } from './a11y-checks.ts';

const PAGES = ['privacy', 'accessibility', 'about'] as const;
const texts = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8')).statements;

// Three pages in seven languages, each scanned by axe: give a busy machine time.
test.describe.configure({ timeout: 120_000 });

for (const lang of LANGUAGES) {
	test(`/${lang}: the privacy and accessibility statements and the about page pass axe and link each other in their footer`, async ({
		page
	}) => {
		const t = texts(lang);
		for (const name of PAGES) {
			await page.goto(`/${lang}/${name}?school=de-zuidwester`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t[name].title);
			const footer = page.getByRole('navigation', { name: t.footer.label });
			for (const link of PAGES) {
				await expect(footer.getByRole('link', { name: t.footer[link] })).toHaveAttribute(
					'href',
					`/${lang}/${link}?school=de-zuidwester`
				);
			}
			await expectAxeClean(page);
		}
	});
}

test('the privacy statement reflows at 320 px without sideways scrolling, also right to left', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 640 });
	for (const lang of ['ar', 'ti']) {
		await page.goto(`/${lang}/privacy?school=de-zuidwester`);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, lang).toBeLessThanOrEqual(0);
	}
});
