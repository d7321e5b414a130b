import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_QUESTION_TOKEN } from '../../src/lib/server/demo/seed.ts';
import { LANGUAGES } from '../../src/lib/i18n/languages.ts';
import { signIn } from './sign-in.ts';
import { dayFromToday } from './clock.ts';
import { account as ownAccount } from './fixtures.ts';

type SignInAccount = { email: string; totp: string };
import { axeViolations, check, withAxe } from './a11y-checks.ts';

/*
 * Accessibility of every page: axe (WCAG 2.2 A and AA) on every parent page in every language and
 * on every staff page in Dutch and English; the whole booking with the keyboard alone; reflow at
 * 320 px and at 200 % zoom; forced colours; reduced motion. The checks that axe cannot do live in
 * a11y-checks.ts.
 */

const messages = (lang: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${lang}.json`, 'utf8')) as Record<
		string,
		Record<string, string>
	>;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
// Each test that signs in has an account no other test signs in with at the same time (a TOTP
// code works once): a demo professional that only this file uses, in one test each, or an account
// made for the test. Each language of the workspace is scanned with a professional and a
// coordinator of its own.
const WORKSPACE: Record<'nl' | 'en', { who: string; account: () => SignInAccount }[]> = {
	nl: [
		{ who: 'Yusuf Demir', account: () => account('yusuf@jeugdhulpdenhaag.example.nl') },
		{ who: 'a coordinator of Hollands Kroon', account: () => ownAccount('a11y-nl-coordinator') }
	],
	en: [
		{ who: 'Jeroen de Vries', account: () => account('jeroen@wijkteamtilburg.example.nl') },
		{ who: 'a coordinator of Jeugdhulp Den Haag', account: () => ownAccount('a11y-en-coordinator') }
	]
};
// Only its email address is used: a wrong password on the sign-in page.
const COORDINATOR = account('coordinator@hollandskroon.example.nl');
// Bookings made here go to a school the journeys in the other files leave alone (two per slot).
const SCHOOL = 'de-wieringer-akker';

test.describe.configure({ mode: 'parallel' });

async function expectAxeClean(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

// Every page that is scanned loads axe as it opens.
test.beforeEach(async ({ context }) => withAxe(context));

type Slot = { staffId: number; start: string; remaining: number };

/** The booking steps of the first free time at SCHOOL (paths without the language), and all times. */
async function firstFreeTime(page: Page) {
	const response = await page.request.get(
		`/api/v1/schools/${SCHOOL}/slots?from=${dayFromToday()}&to=${dayFromToday(30)}`
	);
	const slots = (await response.json()) as Slot[];
	const [slot] = slots;
	const day = `/${SCHOOL}/book?staff=${slot.staffId}&day=${slot.start.slice(0, 10)}`;
	return { slots, slot, day, details: `${day}&start=${encodeURIComponent(slot.start)}` };
}

let booked = 0;
/**
 * A booking made through the API, as a parent's phone would; returns its manage token. Each
 * booking takes one of the emptiest times after the first, so the first stays free to look at.
 */
async function book(page: Page, slots: Slot[]) {
	const n = test.info().workerIndex * 1000 + booked++;
	const others = slots.slice(1);
	const most = Math.max(...others.map((s) => s.remaining));
	const roomy = others.filter((s) => s.remaining === most);
	const slot = roomy[n % roomy.length];
	const response = await page.request.post(`/api/v1/schools/${SCHOOL}/bookings`, {
		data: {
			staffId: slot.staffId,
			start: slot.start,
			firstName: 'Ilse',
			phone: `06 5${String(n).padStart(7, '0')}`,
			language: 'nl',
			consent: true
		}
	});
	expect(response.status(), await response.text()).toBe(201);
	return ((await response.json()) as { manageToken: string }).manageToken;
}

// Every parent page, with its error states, in every language.
for (const lang of LANGUAGES) {
	test(`every parent page is axe-clean in ${lang}`, async ({ page }) => {
		test.setTimeout(180_000);
		const t = messages(lang);
		const { slots, slot, day, details } = await firstFreeTime(page);
		const token = await book(page, slots);
		// On the waiting list for today only: no place another test frees is offered to it.
		const joined = await page.request.post(`/api/v1/schools/${SCHOOL}/waitlist`, {
			data: {
				from: dayFromToday(),
				to: dayFromToday(),
				firstName: 'Ilse',
				email: `a11y-${lang}@example.org`,
				language: lang,
				consent: true
			}
		});
		expect(joined.status(), await joined.text()).toBe(201);
		const waiting = ((await joined.json()) as { manageToken: string }).manageToken;
		for (const path of [
			'',
			'?q=tilburg',
			'?q=a',
			'?q=qqqq',
			'/de-zuidwester',
			'/de-zuidwester/book',
			`/${SCHOOL}/book?staff=${slot.staffId}`,
			// A time that was taken meanwhile: the notice above the other times.
			`${day}&start=2000-01-01T09%3A00%3A00%2B01%3A00`,
			`/booking/${token}?new=1`,
			`/question/${DEMO_QUESTION_TOKEN}?new=1`,
			`/${SCHOOL}/waitlist?staff=${slot.staffId}`,
			`/waitlist/${waiting}?new=1`,
			'/no-such-school'
		]) {
			await page.goto(`/${lang}${path}`);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAxeClean(page);
		}

		// The details step, then refused: the error summary and the messages by the fields.
		await page.goto(`/${lang}${details}`);
		await expectAxeClean(page);
		await page.getByRole('button', { name: t.book.submit }).click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectAxeClean(page);

		// The waiting-list form, then refused.
		await page.goto(`/${lang}/de-zuidwester/waitlist`);
		await page.getByRole('button', { name: t.waitlist.submit }).click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectAxeClean(page);

		// The question form, then refused.
		await page.goto(`/${lang}/de-zuidwester/ask`);
		await expectAxeClean(page);
		await page.getByRole('button', { name: t.ask.submit }).click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectAxeClean(page);

		// Cancelled, the manage page looks different.
		expect((await page.request.delete(`/api/v1/bookings/${token}`)).status()).toBe(200);
		await page.goto(`/${lang}/booking/${token}?cancelled=1`);
		await expect(page.getByText(t.booking.cancelledTitle)).toBeVisible();
		await expectAxeClean(page);
	});
}

test('a page outside any language is axe-clean', async ({ page }) => {
	await page.goto('/staff/no/such/page');
	await expectAxeClean(page);
	await page.goto('/nl/een/pagina/die/niet/bestaat');
	await expectAxeClean(page);
});

/** Every workspace page the account's menu leads to, one booking and one question included. */
async function workspacePaths(page: Page) {
	await page.goto('/staff/today');
	const paths = await page
		.locator('nav.staff-nav ul a')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	for (const [list, detail] of [
		['/staff/bookings', 'ul.bookings a[href^="/staff/bookings/"]'],
		['/staff/questions', 'a[href^="/staff/questions/"]'],
		['/staff/admin/organisation', 'a[href^="/staff/admin/schools/"]'],
		['/staff/admin/people', 'a[href^="/staff/hours?staff="]']
	]) {
		if (!paths.includes(list)) continue;
		await page.goto(list);
		// Not every account has a booking or a question to open.
		const [href] = await page
			.locator(detail)
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		if (href) paths.push(href);
	}
	return paths;
}

async function signedIn(browser: Browser, who: SignInAccount, width = 1280) {
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width, height: 800 }
	});
	const page = await context.newPage();
	await signIn(page, who);
	return { context, page };
}

async function useStaffLanguage(page: Page, lang: 'nl' | 'en') {
	const origin = new URL(page.url()).origin;
	await page
		.context()
		.addCookies([{ name: 'inloop_staff_lang', value: lang, url: `${origin}/staff` }]);
}

for (const [lang, people] of Object.entries(WORKSPACE) as [
	'nl' | 'en',
	(typeof WORKSPACE)['nl']
][]) {
	for (const { who, account } of people) {
		test(`every workspace page of ${who} is axe-clean in ${lang}`, async ({ browser }) => {
			test.setTimeout(180_000);
			const { context, page } = await signedIn(browser, account());
			await withAxe(context);
			await useStaffLanguage(page, lang);
			const paths = await workspacePaths(page);
			expect(paths.length).toBeGreaterThan(5);
			for (const path of paths) {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.locator('h1')).toBeVisible();
				await expectAxeClean(page);
			}
			await context.close();
		});
	}
}

test('the pages before sign-in are axe-clean in Dutch and English', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ locale: 'nl-NL' });
	await withAxe(context);
	const page = await context.newPage();
	for (const lang of ['nl', 'en'] as const) {
		await page.goto('/staff/login');
		await useStaffLanguage(page, lang);
		for (const path of [
			'/staff/login',
			'/staff/login/forgot',
			'/staff/invite/no-such-invitation',
			'/staff/reset/no-such-link'
		]) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAxeClean(page);
		}
		// A wrong password: the message by the form.
		await page.goto('/staff/login');
		await page.locator('input[type=email]').fill(COORDINATOR.email);
		await page.locator('input[type=password]').fill('not the password');
		await page.locator('form.card button[type=submit]').click();
		await expect(page.locator('[role=alert]').first()).toBeVisible();
		await expectAxeClean(page);
	}
	await context.close();
});

/**
 * Presses a key until the target has the focus, and asserts at every stop on the way that the focus
 * is visible: an outline or a ring with 3:1 contrast against what is behind it.
 */
async function keyTo(page: Page, target: string, key = 'Tab') {
	for (let presses = 0; presses < 60; presses++) {
		await page.keyboard.press(key);
		const problem = await check(page, 'focusProblem');
		expect(problem, `focus stop ${presses + 1} on the way to ${target}`).toBeNull();
		if (await page.evaluate((s) => document.activeElement?.matches(s), target)) return;
	}
	throw new Error(`${key} never reached ${target}`);
}

test('a parent books with the keyboard alone, and sees where the focus is at every stop', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const t = messages('nl');
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await context.newPage();
	await page.goto(`/nl/${SCHOOL}`);

	// The skip link comes first and leads past the header.
	await keyTo(page, 'a.to-content');
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();

	await keyTo(page, 'a.book');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: t.book.chooseDay })).toBeVisible();
	await keyTo(page, 'a.choice');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: t.book.chooseTime })).toBeVisible();
	await keyTo(page, 'a.time');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: t.book.yourDetails })).toBeVisible();

	await keyTo(page, '#firstName');
	await page.keyboard.type('Amal');
	await keyTo(page, '#phone');
	await page.keyboard.type('06 4000 1234');
	await keyTo(page, '#topic');
	await page.keyboard.press('ArrowDown');
	await expect(page.locator('#topic')).not.toHaveValue('');
	await keyTo(page, '#interpreter');
	await page.keyboard.press('Space');
	await expect(page.locator('#interpreter')).toBeChecked();
	await keyTo(page, 'button.submit');
	// Back with Shift+Tab to the consent that was passed by.
	await keyTo(page, '#consent', 'Shift+Tab');
	await page.keyboard.press('Space');
	await expect(page.locator('#consent')).toBeChecked();
	await keyTo(page, 'button.submit');
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { name: t.booking.confirmedTitle })).toBeVisible();
	await expect(page.getByText('Amal').or(page.locator('.code'))).toBeVisible();
	// The next steps on the confirmation are in reach too.
	await keyTo(page, `a[href$="calendar.ics"]`);
	await keyTo(page, '#manage-link');
	await context.close();
});

const PARENT_PATHS = (lang: string, details: string) => [
	`/${lang}`,
	`/${lang}?q=tilburg`,
	`/${lang}/de-zuidwester`,
	`/${lang}/de-zuidwester/book`,
	`/${lang}${details}`,
	`/${lang}/de-zuidwester/ask`,
	`/${lang}/question/${DEMO_QUESTION_TOKEN}`
];

test('parent pages reflow at 320 px and at 200 % zoom, in every language', async ({ browser }) => {
	test.setTimeout(180_000);
	// 1280 px at 200 % zoom lays out like a window of 640 CSS px.
	for (const width of [320, 640]) {
		const context = await browser.newContext({ viewport: { width, height: 640 } });
		const page = await context.newPage();
		const { slots, details } = await firstFreeTime(page);
		const token = await book(page, slots);
		for (const lang of width === 320 ? LANGUAGES : ['nl', 'ar']) {
			for (const path of [...PARENT_PATHS(lang, details), `/${lang}/booking/${token}?new=1`]) {
				await page.goto(path);
				await expect(page.locator('h1')).toBeInViewport();
				expect(await check(page, 'reflowProblems'), `${path} at ${width} px`).toEqual([]);
			}
			// The open language menu fits too.
			await page.locator('details.switcher summary').click();
			expect(await check(page, 'reflowProblems'), `language menu at ${width} px`).toEqual([]);
		}
		await context.close();
	}
});

test('staff pages reflow at 320 px and at 200 % zoom', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context, page } = await signedIn(browser, ownAccount('a11y-reflow'), 320);
	const paths = await workspacePaths(page);
	for (const width of [320, 640]) {
		await page.setViewportSize({ width, height: 640 });
		for (const path of paths) {
			await page.goto(path);
			await expect(page.locator('h1')).toBeInViewport();
			expect(await check(page, 'reflowProblems'), `${path} at ${width} px`).toEqual([]);
		}
	}
	await context.close();
});

test('in forced colours, buttons, links, fields, focus and the chosen time stay visible', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.emulateMedia({ forcedColors: 'active' });
	const { details } = await firstFreeTime(page);
	for (const lang of ['nl', 'ar']) {
		for (const path of PARENT_PATHS(lang, details)) {
			await page.goto(path);
			expect(await check(page, 'forcedColorProblems'), path).toEqual([]);
		}
		await page.goto(`/${lang}${details}`);
		await expect(page.locator('.chosen')).toBeVisible();
		// Focus, in forced colours, on the way through the form.
		await keyTo(page, '#consent');
		// The open language menu, with the current language marked.
		await page.locator('details.switcher summary').click();
		expect(await check(page, 'forcedColorProblems'), 'language menu').toEqual([]);
	}
	await context.close();

	// A professional of De Vlinderboom, like Yusuf.
	const staff = await signedIn(browser, ownAccount('a11y-forced-colours'));
	await staff.page.emulateMedia({ forcedColors: 'active' });
	for (const path of ['/staff/today', '/staff/bookings', '/staff/hours', '/staff/questions']) {
		await staff.page.goto(path);
		expect(await check(staff.page, 'forcedColorProblems'), path).toEqual([]);
	}
	await staff.context.close();
});

test('with reduced motion nothing moves', async ({ browser }) => {
	const context = await browser.newContext({ reducedMotion: 'reduce' });
	const page = await context.newPage();
	for (const path of ['/nl', '/ar/de-zuidwester', '/nl/de-zuidwester/book', '/staff/login']) {
		await page.goto(path);
		expect(await check(page, 'motionProblems'), path).toEqual([]);
	}
	await context.close();
});

test('every stop of the focus is visible on the workspace pages', async ({ browser }) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, ownAccount('a11y-focus'));
	for (const path of ['/staff/today', '/staff/bookings', '/staff/admin/people']) {
		await page.goto(path);
		// Round the whole page once, until the focus leaves it or comes back to the first stop.
		let first: string | undefined;
		for (let presses = 0; presses < 150; presses++) {
			await page.keyboard.press('Tab');
			const here = await page.evaluate(() =>
				document.activeElement === document.body ? 'body' : document.activeElement?.outerHTML
			);
			if (here === 'body' || here === first) break;
			first ??= here;
			// Known gap: after Tab into a date field (its inner part holds the focus) Chromium reports
			// no outline on the field, although .focus() shows one. Left open, not hidden elsewhere.
			if (await page.evaluate(() => document.activeElement?.matches('input[type=date]'))) continue;
			expect(await check(page, 'focusProblem'), path).toBeNull();
		}
	}
	await context.close();
});

test('axe judges a page reached by a click once its styles are in', async ({ page }) => {
	// A stylesheet that comes late (a busy machine) once made axe see the kiosk's white header text
	// on no background and its language tiles at their unstyled size: a failure no parent sees,
	// because a browser shows nothing before the stylesheets of the head are in.
	await page.goto('/nl/de-zuidwester');
	await page.route(/\/_app\/immutable\/assets\/.*\.css$/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 700));
		await route.continue();
	});
	await page.locator('main a[href="/nl/de-zuidwester/book?staff=1"]').first().click();
	await page.waitForURL(/\/nl\/de-zuidwester\/book\?staff=1$/, { waitUntil: 'commit' });
	expect(await axeViolations(page)).toEqual([]);
	expect(
		await page.evaluate(() => [...document.styleSheets].every((sheet) => sheet.cssRules.length > 0))
	).toBe(true);
});
