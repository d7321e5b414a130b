/**
 * Stored script in every free-text field is shown as text on every page that shows it (issue #7,
 * proof 5). Most forms refuse markup outright (that is checked too); so that what a page shows is
 * tested whatever the way in (older data, an import, a field without that check), the payload is
 * also written straight into this run's D1 (`wrangler d1 execute` on the database wrangler dev is
 * serving), in every free-text column. Then each page that shows it is opened with JavaScript on:
 * `window.__xss` stays undefined and the payload is visible as text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { wallClockToInstant } from '../../src/lib/server/scheduling/time.ts';
import { signIn } from './sign-in.ts';
import { dayFromToday } from './clock.ts';
import { accountStatements, newCoordinator, runSql, sql, staffIdOf, type Account } from './d1.ts';

const PAYLOAD = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">`;
/** For a first name (at most 60 characters, also in D1). */
const SHORT = `<img src=x onerror="window.__xss=1">`;
const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl.json', 'utf8'));
const staffNl = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));

// Secret links of the planted records (only their hashes go into D1, as the app stores them).
const TOKENS = {
	booking: 'xss-booking-manage-token-aaaaaaaaaaaa',
	cancelled: 'xss-booking-cancelled-token-bbbbbbbbb',
	toCancel: 'xss-booking-to-cancel-token-ccccccccc',
	question: 'xss-question-access-token-dddddddddddd'
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const json = (value: unknown) => sql(JSON.stringify(value));

/**
 * The payload in every free-text column there is, on records of their own (ids from 9101), with
 * a professional of De Zuidwester of this file's own.
 */
function plantStatements(professional: Account): string[] {
	const staffId = staffIdOf(professional);
	// Tomorrow at 06:00 and 06:30 (no spreekuur starts then: no free time is taken).
	const day = wallClockToInstant(dayFromToday(1), '06:00')!;
	const at = (minutes: number) => day + minutes * 60_000;
	const booking = (id: number, token: string, minutes: number, extra: string) =>
		`INSERT INTO bookings (id, reference, manage_token_hash, school_id, staff_id, location_id, starts_at, ends_at,
			first_name, phone, language, interpreter, interpreter_language, remark, made_by, status, cancel_reason)
			VALUES (${id}, 'XSS${id - 9100}AB', ${sql(sha256(token))}, 1, ${staffId}, 1, ${at(minutes)}, ${at(minutes + 20)},
			${extra})`;
	return [
		booking(
			9101,
			TOKENS.booking,
			0,
			`${sql(SHORT)}, '0612340001', 'nl', 1, ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, 'parent', 'booked', NULL`
		),
		booking(
			9102,
			TOKENS.cancelled,
			30,
			`'Xsscancel', '0612340002', 'nl', 0, NULL, NULL, 'parent', 'cancelled', ${sql(PAYLOAD)}`
		),
		booking(
			9103,
			TOKENS.toCancel,
			60,
			`'Xssreason', '0612340003', 'nl', 0, NULL, NULL, 'parent', 'booked', NULL`
		),
		`INSERT INTO questions (id, reference, access_token_hash, school_id, category, text, answer_by, first_name,
			language, status) VALUES (9101, 'XSSQ23', ${sql(sha256(TOKENS.question))}, 1, 'other', ${sql(PAYLOAD)},
			'page', ${sql(SHORT)}, 'nl', 'answered')`,
		`INSERT INTO question_messages (id, question_id, author, staff_id, body) VALUES
			(9101, 9101, 'staff', ${staffId}, ${sql(PAYLOAD)}), (9102, 9101, 'parent', NULL, ${sql(PAYLOAD)})`,
		`INSERT INTO saved_replies (id, staff_id, title, body) VALUES (9101, ${staffId}, ${sql(PAYLOAD)}, ${sql(PAYLOAD)})`,
		`UPDATE staff SET intro = json_set(coalesce(intro, '{}'), '$.ti', ${sql(PAYLOAD)}) WHERE id = ${staffId}`,
		// A school, a place and a holiday of Hollands Kroon (no other browser test looks there).
		`INSERT INTO schools (id, organisation_id, slug, name, address, postcode, town, neighbourhood, search_text,
			default_language, languages) VALUES (9101, 2, 'xss-school', ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, '1771 AA',
			'Xssdorp', ${sql(PAYLOAD)}, 'xssdorp', 'nl', '["nl","en"]')`,
		`INSERT INTO locations (id, organisation_id, school_id, name, address, directions) VALUES
			(9101, 2, 9101, ${sql(PAYLOAD)}, ${sql(PAYLOAD)}, ${json({ nl: PAYLOAD })})`,
		`INSERT INTO partners (id, school_id, name, role, organisation_name, description) VALUES
			(9101, 9101, ${sql(PAYLOAD)}, 'wijkagent', ${sql(PAYLOAD)}, ${json({ nl: PAYLOAD })})`,
		`INSERT INTO closures (id, organisation_id, school_id, name, start_date, end_date) VALUES
			(9101, 2, NULL, ${sql(PAYLOAD)}, '2030-01-07', '2030-01-07')`
	];
}

/** The page ran none of the payload, and shows it as text. */
async function expectShownAsText(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), path).toBeUndefined();
	const text = await page.locator('body').innerText();
	expect(text, path).toContain(SHORT); // a part of PAYLOAD too
	// And no element the payload would have made.
	expect(await page.locator('img[src="x"]').count(), path).toBe(0);
}

test.describe.configure({ mode: 'serial' });

let professional: Account;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	const made = await accountStatements(1, { schoolIds: [1] });
	professional = made.account;
	runSql([...made.statements, ...plantStatements(professional)]);
});

test('parent pages show stored script as text', async ({ page }) => {
	test.setTimeout(90_000);
	for (const path of [
		`/nl/booking/${TOKENS.booking}`, // first name, remark, interpreter language
		`/nl/booking/${TOKENS.cancelled}`, // the wijkteam's reason for cancelling
		`/nl/question/${TOKENS.question}`, // question, first name, answer, reply
		'/ti/de-zuidwester', // the professional's introduction
		'/nl?q=xssdorp', // school name in the search results
		'/nl/xss-school', // school name, address, neighbourhood, partner
		'/en/xss-school'
	]) {
		await expectShownAsText(page, path);
	}
});

test('a form refuses markup with a translated message and keeps what was typed', async ({
	page
}) => {
	await page.goto('/nl/de-zuidwester/ask');
	await page.getByLabel(nl.ask.category).selectOption('school');
	await page.getByLabel(nl.ask.text, { exact: true }).fill(PAYLOAD);
	await page.getByLabel(nl.ask.consent).check();
	await page.getByRole('button', { name: nl.ask.submit }).click();
	await expect(page.getByText(nl.fields.text_invalid ?? nl.fields.invalid).first()).toBeVisible();
	await expect(page.getByLabel(nl.ask.text, { exact: true })).toHaveValue(PAYLOAD);
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('workspace pages show stored script as text; a reason typed by staff reaches the parent as text', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await context.newPage();
	await signIn(page, professional);
	const date = dayFromToday(1);
	for (const path of [
		`/staff/bookings?from=${date}&to=${date}`,
		'/staff/bookings/9101',
		'/staff/bookings/9102',
		'/staff/questions',
		'/staff/questions/9101'
	]) {
		await expectShownAsText(page, path);
	}
	// The introduction is shown in its form field: as a value, not as markup.
	await page.goto('/staff/profile');
	await expect(page.locator('textarea[name="intro_ti"]')).toHaveValue(PAYLOAD);
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

	// The cancel reason is a free-text field the wijkteam types: the parent's page shows it as text.
	await page.goto('/staff/bookings/9103');
	await page.getByLabel(staffNl.booking.cancelReason).fill(PAYLOAD);
	await page.getByRole('button', { name: staffNl.booking.cancelButton }).click();
	await expect(page.getByText(staffNl.booking.cancelled)).toBeVisible();
	await expectShownAsText(page, '/staff/bookings/9103');
	await expectShownAsText(page, `/nl/booking/${TOKENS.toCancel}`);
	await context.close();

	// A coordinator's pages: schools, places, partners, holidays.
	const admin = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const adminPage = await admin.newPage();
	await signIn(adminPage, await newCoordinator(2));
	for (const path of [
		'/staff/admin/organisation',
		'/staff/admin/schools/9101',
		'/staff/admin/holidays'
	]) {
		await expectShownAsText(adminPage, path);
	}
	await admin.close();
});
