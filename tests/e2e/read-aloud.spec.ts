/**
 * Read-aloud, bigger text on the kiosk, and one way of writing dates (issue 19).
 *
 * Chromium here has no voices, so each test installs a stand-in for the browser's speech synthesis
 * before the page loads: it has the voices the test gives, records what it is asked to say, and
 * says each text until the test finishes it (the real one speaks for as long as the text is).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { LANGUAGES } from '../../src/lib/i18n/languages.ts';
import { DEMO_BOOKING_TOKEN } from '../../src/lib/server/demo/seed.ts';
import { READ_ALOUD_KIOSK } from './fixtures.ts';

const texts = Object.fromEntries(
	LANGUAGES.map((lang) => [
		lang,
		JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8'))
	])
);
const { nl, ar } = texts;

type Spoken = { text: string; lang: string; voice: string | null };

/** The stand-in for window.speechSynthesis, with these voices ('ar-SA', 'nl-NL' …). */
async function fakeSpeech(context: BrowserContext | Page, voices: string[]) {
	await context.addInitScript((langs: string[]) => {
		type Utterance = {
			text: string;
			lang: string;
			voice: { name: string } | null;
			onend: (() => void) | null;
			onerror: ((event: { error: string }) => void) | null;
		};
		const w = window as unknown as Record<string, unknown>;
		const spoken: { text: string; lang: string; voice: string | null }[] = [];
		let queue: Utterance[] = [];
		let current: Utterance | null = null;
		const run = () => {
			current = queue.shift() ?? null;
			if (current)
				spoken.push({ text: current.text, lang: current.lang, voice: current.voice?.name ?? null });
		};
		w.__speech = { spoken };
		w.__finishSpeaking = () => {
			const done = current;
			current = null;
			done?.onend?.();
			if (!current) run();
		};
		w.SpeechSynthesisUtterance = class {
			text: string;
			lang = '';
			voice = null;
			onend = null;
			onerror = null;
			constructor(text: string) {
				this.text = text;
			}
		};
		Object.defineProperty(window, 'speechSynthesis', {
			configurable: true,
			value: {
				getVoices: () =>
					langs.map((lang) => ({ lang, name: `Voice ${lang}`, voiceURI: lang, default: false })),
				speak(utterance: Utterance) {
					queue.push(utterance);
					if (!current) run();
				},
				cancel() {
					// Kept across page loads: leaving a page stops the reading before the next one.
					sessionStorage.setItem(
						'fake-cancels',
						String(Number(sessionStorage.getItem('fake-cancels')) + 1)
					);
					const stopped = current;
					queue = [];
					current = null;
					stopped?.onerror?.({ error: 'interrupted' });
				},
				addEventListener() {},
				removeEventListener() {}
			}
		});
	}, voices);
}

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { __speech: { spoken: Spoken[] } }).__speech.spoken);
const cancels = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem('fake-cancels')));
const finishSpeaking = (page: Page) =>
	page.evaluate(() => (window as unknown as { __finishSpeaking: () => void }).__finishSpeaking());

test.describe('read aloud on the parent pages', () => {
	test('reads the school page in Arabic with an Arabic voice, highlights as it goes, stops on a second tap', async ({
		page
	}) => {
		await fakeSpeech(page, ['nl-NL', 'ar-SA']);
		await page.goto('/ar/de-zuidwester');
		const button = page.locator('[data-read-aloud]');
		await expect(button).toBeVisible();
		await expect(button).toHaveAccessibleName(ar.readAloud.start);

		await button.click();
		await expect(button).toHaveAccessibleName(ar.readAloud.stop);
		await expect(button).toHaveAttribute('aria-pressed', 'true');
		const first = await spoken(page);
		expect(first).toHaveLength(1);
		expect(first[0]).toEqual({ text: 'De Zuidwester', lang: 'ar', voice: 'Voice ar-SA' });
		const reading = page.locator('[data-reading]');
		await expect(reading).toHaveCount(1);
		await expect(reading).toHaveText('De Zuidwester');

		// The next block, and the highlight moves with it.
		await finishSpeaking(page);
		await finishSpeaking(page);
		const three = await spoken(page);
		expect(three).toHaveLength(3);
		await expect(reading).toHaveCount(1);
		expect((await reading.innerText()).trim()).toBe(three[2].text);
		// The heading of the contacts, then what the wijkteam is.
		await finishSpeaking(page);
		expect((await spoken(page))[3].text).toBe(ar.app.wijkteamWhat);
		await expect(reading).toHaveText(ar.app.wijkteamWhat);

		// A second tap: silence, no highlight, the button as it was.
		const before = await cancels(page);
		await button.click();
		expect(await cancels(page)).toBeGreaterThan(before);
		await expect(reading).toHaveCount(0);
		await expect(button).toHaveAccessibleName(ar.readAloud.start);
		await finishSpeaking(page);
		expect(await spoken(page)).toHaveLength(4);
	});

	test('stops when the parent leaves the page', async ({ page }) => {
		await fakeSpeech(page, ['nl-NL']);
		await page.goto('/nl/de-zuidwester');
		await page.locator('[data-read-aloud]').click();
		expect(await spoken(page)).toHaveLength(1);
		const before = await cancels(page);
		await page.getByRole('link', { name: nl.school.ask }).first().click();
		await expect(page).toHaveURL(/\/nl\/de-zuidwester\/ask$/);
		expect(await cancels(page)).toBeGreaterThan(before);
		await expect(page.locator('[data-reading]')).toHaveCount(0);
		await expect(page.locator('[data-read-aloud]')).toHaveAccessibleName(nl.readAloud.start);
	});

	test('is there on the booking steps, the confirmation and the question page', async ({
		page
	}) => {
		await fakeSpeech(page, ['nl-NL']);
		for (const path of [
			'/nl/de-zuidwester/book',
			`/nl/booking/${DEMO_BOOKING_TOKEN}`,
			'/nl/de-zuidwester/ask'
		]) {
			await page.goto(path);
			await expect(page.locator('[data-read-aloud]'), path).toBeVisible();
		}
	});

	test('is absent where the device has no voice for the language, and without JavaScript', async ({
		browser
	}) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await fakeSpeech(page, ['nl-NL', 'en-GB']);
		await page.goto('/ar/de-zuidwester');
		await expect(page.locator('html[lang="ar"]')).toBeAttached();
		await page.waitForLoadState('networkidle');
		await expect(page.locator('[data-read-aloud]')).toBeHidden();
		await page.goto('/ti/de-zuidwester');
		await page.waitForLoadState('networkidle');
		await expect(page.locator('[data-read-aloud]')).toBeHidden();
		await context.close();

		const noScript = await browser.newContext({ javaScriptEnabled: false });
		const still = await noScript.newPage();
		await still.goto('/nl/de-zuidwester');
		await expect(still.locator('[data-read-aloud]')).toBeHidden();
		await noScript.close();
	});
});

test.describe('one way of writing dates on the parent pages', () => {
	for (const lang of LANGUAGES) {
		test(`${lang}: 24 hours, Latin digits, the language's own month names`, async ({ page }) => {
			await page.goto(`/${lang}/booking/${DEMO_BOOKING_TOKEN}`);
			const when = await page.locator('.details dd').first().innerText();
			expect(when).toMatch(/\d\d:\d\d – \d\d:\d\d/);
			expect(when).not.toMatch(/AM|PM|[٠-٩]/);
			if (lang === 'ti') expect(when).not.toMatch(/[A-Za-z]/);
		});
	}
});

async function kiosk(browser: Browser, voices: string[] | null) {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		hasTouch: true,
		locale: 'nl-NL'
	});
	if (voices) await fakeSpeech(context, voices);
	return context;
}

test.describe('the kiosk', () => {
	test.describe.configure({ mode: 'serial', timeout: 120_000 });
	let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];

	test('reads every screen aloud and reads a choice before it is chosen', async ({ browser }) => {
		const context = await kiosk(browser, ['nl-NL', 'ar-EG']);
		const page = await context.newPage();
		await page.goto('/kiosk/pair');
		await page.getByLabel(nl.kiosk.pairCode).fill(READ_ALOUD_KIOSK.pairingCode);
		await page.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
		await expect(page).toHaveURL(/\/kiosk\/nl$/);
		cookies = await context.cookies();

		// The choice "Afspraak maken", heard before it is tapped.
		const say = page.getByRole('button', {
			name: nl.readAloud.item.replace('{{label}}', `${nl.kiosk.book}. ${nl.kiosk.bookHint}`)
		});
		await say.click();
		expect(await spoken(page)).toEqual([
			{ text: `${nl.kiosk.book}. ${nl.kiosk.bookHint}`, lang: 'nl', voice: 'Voice nl-NL' }
		]);
		await expect(page).toHaveURL(/\/kiosk\/nl$/);

		for (const path of [
			'/kiosk/nl',
			'/kiosk/nl/book',
			'/kiosk/nl/ask',
			'/kiosk/nl/here',
			'/kiosk/ar'
		]) {
			await page.goto(path);
			await expect(page.locator('[data-read-aloud]'), path).toBeVisible();
		}
		// Whom to see: each person can be heard before the parent chooses.
		await page.goto('/kiosk/nl/book');
		await page.locator('main [data-say]').first().click();
		const person = (await spoken(page)).at(-1)!;
		expect(person.lang).toBe('nl');
		expect(person.text).toContain(nl.roles.wijkteammedewerker);
		await expect(page).toHaveURL(/\/kiosk\/nl\/book$/);
		// The question screen's choices each have their speaker.
		await page.goto('/kiosk/nl/ask');
		await expect(page.locator('[data-say]').first()).toBeVisible();
		await page.locator('[data-read-aloud]').click();
		const read = await spoken(page);
		expect(read.at(-1)!.lang).toBe('nl');
		await context.close();
	});

	test('writes dates and times the same in the browser as on the server, in every language', async ({
		browser
	}) => {
		const withScript = await kiosk(browser, null);
		await withScript.addCookies(cookies);
		const page = await withScript.newPage();
		const withoutScript = await browser.newContext({ javaScriptEnabled: false });
		await withoutScript.addCookies(cookies);
		const plain = await withoutScript.newPage();
		const tiles = (p: Page) => p.locator('main .tile strong').allInnerTexts();
		for (const lang of LANGUAGES) {
			// The browser renders the days and the times itself (a navigation without a page load).
			await page.goto(`/kiosk/${lang}/book`);
			await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
			await page.locator('main .tile').first().click();
			await expect(page).toHaveURL(/staff=\d+$/);
			const days = await tiles(page);
			await plain.goto(page.url());
			expect(days.length, lang).toBeGreaterThan(0);
			expect(days, lang).toEqual(await tiles(plain));
			if (lang === 'ti') for (const day of days) expect(day).not.toMatch(/[A-Za-z]/);

			await page.locator('main .tile').first().click();
			await expect(page).toHaveURL(/day=/);
			const times = await tiles(page);
			await plain.goto(page.url());
			expect(times, lang).toEqual(await tiles(plain));
			for (const time of times) expect(time).toMatch(/^\d\d:\d\d$/);
		}
		await withScript.close();
		await withoutScript.close();
	});

	test('has no read-aloud without a voice for the language', async ({ browser }) => {
		const context = await kiosk(browser, ['en-GB']);
		await context.addCookies(cookies);
		const page = await context.newPage();
		await page.goto('/kiosk/nl');
		await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
		await expect(page.locator('[data-read-aloud]')).toBeHidden();
		await expect(page.locator('[data-say]')).toHaveCount(3);
		await expect(page.locator('[data-say]').first()).toBeHidden();
		await context.close();
	});

	test('A+ makes the text bigger with one tap, until the idle reset', async ({ browser }) => {
		const context = await kiosk(browser, null);
		await context.addCookies(cookies);
		const page = await context.newPage();
		await page.clock.install();
		await page.goto('/kiosk/ar');
		await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
		const rootSize = () =>
			page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
		const normal = await rootSize();
		const bigger = page.getByRole('button', { name: `A+ ${ar.readAloud.biggerText}` });
		await bigger.click();
		await expect(bigger).toHaveAttribute('aria-pressed', 'true');
		expect(await rootSize()).toBeGreaterThan(normal * 1.2);

		// On to the next screen and through a reload: still bigger.
		await page.getByRole('link', { name: new RegExp(ar.kiosk.ask) }).click();
		await expect(page).toHaveURL(/\/kiosk\/ar\/ask$/);
		// The next screen is a page of its own: its script (static/kiosk.js) brings A+ back.
		await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
		expect(await rootSize()).toBeGreaterThan(normal * 1.2);
		await page.reload();
		await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
		expect(await rootSize()).toBeGreaterThan(normal * 1.2);

		// Nobody touches the kiosk: the idle reset brings the next parent normal text.
		await page.clock.fastForward(61_000);
		await page.clock.fastForward(11_000);
		await expect(page).toHaveURL(/\/kiosk\/nl$/);
		await expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();
		expect(await rootSize()).toBe(normal);
		await expect(
			page.getByRole('button', { name: `A+ ${nl.readAloud.biggerText}` })
		).toHaveAttribute('aria-pressed', 'false');
		await context.close();
	});
});
