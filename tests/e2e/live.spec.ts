/**
 * A kiosk that stays up (issue 20): the walk-in status arrives through the school's live socket,
 * and a lost network is a state the kiosk lives through by itself. Its own school with a walk-in
 * hour running now, tablets and a booked parent (tests/e2e/fixtures.ts, LIVE).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './sign-in.ts';
import { account, LIVE } from './fixtures.ts';

const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));
const TABLET = { width: 1280, height: 800 };

test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** A tablet paired with one of the school's codes, at the kiosk's start. */
async function pairedTablet(browser: Browser, code: string) {
	const context = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto('/kiosk/pair');
	await page.getByLabel(nl.kiosk.pairCode).fill(code);
	await page.getByRole('button', { name: nl.kiosk.pairSubmit }).click();
	await expect(page).toHaveURL(/\/kiosk\/nl$/);
	return { context, page };
}

/** The page's script runs (kiosk.js sets this last). */
const running = (page: Page) => expect(page.locator('html[data-idle-timer="on"]')).toBeAttached();

/** Every status the page received through its live socket, and every time it polled instead. */
function watchTraffic(page: Page) {
	const frames: string[] = [];
	const polls: string[] = [];
	page.on('websocket', (socket) => {
		if (!socket.url().endsWith(`/api/v1/schools/${LIVE.slug}/walkin/live`)) return;
		socket.on('framereceived', (frame) => {
			if (frame.payload !== 'pong') frames.push(String(frame.payload));
		});
	});
	page.on('request', (request) => {
		if (request.method() === 'GET' && request.url().endsWith(`/schools/${LIVE.slug}/walkin`))
			polls.push(request.url());
	});
	return { frames, polls };
}

test('offline: the kiosk says so, keeps a check-in on the tablet and sends it once when the network is back', async ({
	browser
}) => {
	const { context, page: kiosk } = await pairedTablet(browser, LIVE.pairingCodes[0]);
	await kiosk.goto('/kiosk/nl/here');
	await running(kiosk);
	// The service worker keeps the kiosk's pages for when the network is gone.
	await expect
		.poll(() => kiosk.evaluate(async () => Boolean(await caches.match('/kiosk/nl'))), {
			timeout: 30_000
		})
		.toBe(true);
	const checkIns: string[] = [];
	kiosk.on('request', (request) => {
		if (request.method() === 'POST' && request.url().includes('checkin'))
			checkIns.push(request.url());
	});

	await context.setOffline(true);
	const notice = kiosk.locator('#kiosk-offline');
	await expect(notice).toBeVisible();
	await expect(notice).toContainText(nl.kiosk.offline);
	await expect(notice).toContainText(nl.kiosk.offlineReason);
	// A number needs the server; the check-in with a booking can wait on the tablet.
	await expect(kiosk.getByRole('button', { name: nl.walkin.take })).toBeDisabled();
	await kiosk.getByLabel(nl.walkin.reference).fill(LIVE.reference);
	await kiosk.getByRole('button', { name: nl.walkin.checkIn }).click();
	await expect(kiosk.getByRole('status').filter({ hasText: nl.kiosk.checkInSaved })).toBeVisible();
	expect(checkIns).toEqual([]);
	expect(await kiosk.evaluate(() => localStorage.getItem('kiosk-outbox'))).toContain(
		LIVE.reference
	);

	// The network returns: within 10 seconds the kiosk is back by itself and the check-in is sent.
	await context.setOffline(false);
	await expect(notice).toBeHidden({ timeout: 10_000 });
	await expect(kiosk.getByRole('status').filter({ hasText: nl.kiosk.checkInSent })).toBeVisible({
		timeout: 10_000
	});
	expect(checkIns).toHaveLength(1);
	expect(await kiosk.evaluate(() => localStorage.getItem('kiosk-outbox'))).toBeNull();

	// Offline again, a reload still shows who is here today (the kept start page), and nothing
	// goes twice when the network comes back.
	await context.setOffline(true);
	await kiosk.goto('/kiosk/nl');
	await expect(kiosk.getByRole('heading', { name: nl.kiosk.todayTitle })).toBeVisible();
	await expect(notice).toBeVisible();
	await context.setOffline(false);
	await expect(notice).toBeHidden({ timeout: 10_000 });
	expect(checkIns).toHaveLength(1);

	// The wijkteam sees the parent in the queue, once.
	const deskContext = await browser.newContext({ locale: 'nl-NL' });
	const desk = await deskContext.newPage();
	await signIn(desk, account('live-coordinator'));
	await desk.goto('/staff/queue');
	await expect(desk.getByRole('row').filter({ hasText: LIVE.parent })).toHaveCount(1);
	await deskContext.close();

	// A new deployment: nobody has to touch the tablet. At its next idle moment on the start
	// screen (after its version check, at most five minutes on) the kiosk loads it by itself.
	await kiosk.clock.install();
	await kiosk.route('**/_app/version.json', (route) =>
		route.fulfill({ json: { version: 'a-new-deployment' } })
	);
	await kiosk.goto('/kiosk/nl');
	await running(kiosk);
	const loaded = () =>
		kiosk.evaluate(() => (window as unknown as { loadedBefore?: boolean }).loadedBefore ?? false);
	await kiosk.evaluate(
		() => ((window as unknown as { loadedBefore: boolean }).loadedBefore = true)
	);
	// A parent at the screen: nothing reloads under their hands, even once the check is due.
	const touch = async () => {
		await kiosk.mouse.move(10, 10);
		await kiosk.mouse.down();
		await kiosk.mouse.up();
	};
	await kiosk.clock.fastForward(4 * 60_000);
	await touch();
	await kiosk.clock.fastForward(50_000);
	await touch();
	await kiosk.clock.fastForward(50_000);
	expect(await loaded()).toBe(true);
	// Then nobody for a minute: the new deployment is loaded, at the start screen.
	const reloaded = kiosk.waitForEvent('framenavigated', (frame) => frame === kiosk.mainFrame());
	await kiosk.clock.fastForward(11_000);
	await reloaded;
	await expect(kiosk).toHaveURL(/\/kiosk\/nl$/);
	await running(kiosk);
	expect(await loaded()).toBe(false);
	await context.close();
});

test("a call reaches two kiosks, a second staff page and a parent's ticket page through the live socket, without polling", async ({
	browser,
	request
}) => {
	// Someone waits: a number taken over the API.
	const taken = await request.post(`/api/v1/schools/${LIVE.slug}/walkin`, {
		data: { language: 'nl', firstName: 'Sanne' }
	});
	expect(taken.status()).toBe(201);
	const { ticketToken } = (await taken.json()) as { ticketToken: string };
	const kioskA = await pairedTablet(browser, LIVE.pairingCodes[1]);
	const kioskB = await pairedTablet(browser, LIVE.pairingCodes[2]);
	const professional = account('live');
	const deskContext = await browser.newContext({ locale: 'nl-NL' });
	const desk = await deskContext.newPage();
	await signIn(desk, professional);
	// The same professional's second screen (a laptop beside the desk's phone).
	const otherContext = await browser.newContext({ locale: 'nl-NL' });
	await otherContext.addCookies(await deskContext.cookies());
	const other = await otherContext.newPage();
	// Sanne's own page on her phone, which refreshes itself every 20 seconds without the socket.
	const phoneContext = await browser.newContext({ locale: 'nl-NL' });
	const ticketPage = await phoneContext.newPage();

	const traffic = [kioskA.page, kioskB.page, other].map(watchTraffic);
	await kioskA.page.reload();
	await kioskB.page.reload();
	await other.goto('/staff/queue');
	const ticketTraffic = watchTraffic(ticketPage);
	await ticketPage.goto(`/nl/ticket/${ticketToken}`);
	await expect.poll(() => ticketTraffic.frames.length, { timeout: 15_000 }).toBe(1);
	await running(kioskA.page);
	await running(kioskB.page);
	// Each screen has its socket and the first status on it before the call.
	for (const t of traffic) await expect.poll(() => t.frames.length, { timeout: 15_000 }).toBe(1);
	for (const t of traffic) t.polls.length = 0;

	await desk.goto('/staff/queue');
	await desk.getByRole('button', { name: staff.queue.callNext }).click();
	const called = /\d+/.exec(await desk.getByRole('status').innerText())![0];

	// The call arrives on every screen without a reload, through the socket.
	await expect(kioskA.page.locator('.calling .walk-in-number')).toHaveText(called);
	await expect(kioskB.page.locator('.calling .walk-in-number')).toHaveText(called);
	await expect(
		other.getByRole('row', { name: new RegExp(`^${called}\\b`) }).getByRole('cell', {
			name: staff.queue.status_called
		})
	).toBeVisible();
	// The ticket page reloads itself at once (well before its 20-second Refresh) with the new call.
	await expect(
		ticketPage.getByText(nl.walkin.nowCalling.replace('{{number}}', called))
	).toBeVisible();
	expect(ticketTraffic.polls).toEqual([]);
	for (const t of traffic) {
		expect(t.frames.length).toBeGreaterThanOrEqual(2);
		expect(JSON.parse(t.frames.at(-1)!).nowCalling).toBe(Number(called));
		// Nothing was asked in the meantime: the socket brought it.
		expect(t.polls).toEqual([]);
	}
	await Promise.all([
		kioskA.context.close(),
		kioskB.context.close(),
		deskContext.close(),
		otherContext.close(),
		phoneContext.close()
	]);
});
