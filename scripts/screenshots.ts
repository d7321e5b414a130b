/**
 * Screenshots of pages as parents see them, for a person to look at (not a test).
 * Usage: node scripts/screenshots.ts [base URL] [out dir] [path …]   (wrangler dev must be running)
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const [base = 'http://127.0.0.1:8787', out = 'test-results/screenshots', ...paths] =
	process.argv.slice(2);
const viewports = {
	phone: { width: 390, height: 844 },
	tablet: { width: 1280, height: 800 },
	laptop: { width: 1440, height: 900 }
};
const pages = paths.length
	? paths
	: ['/nl', '/nl?q=tilburg', '/nl/de-zuidwester', '/ar', '/ar?q=tilburg', '/ar/de-zuidwester'];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
});
for (const [device, viewport] of Object.entries(viewports)) {
	const page = await browser.newPage({ viewport });
	for (const path of pages) {
		await page.goto(base + path);
		const name = `${device}${path.replace(/[/?=&]+/g, '_')}.png`;
		await page.screenshot({ path: `${out}/${name}`, fullPage: true });
		console.log(`${out}/${name}`);
	}
	await page.close();
}
await browser.close();
