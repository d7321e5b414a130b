import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../src/lib/server/demo/seed.ts';
import { signIn } from './sign-in.ts';
import { expectAxeClean } from './a11y-checks.ts';

const tr = JSON.parse(readFileSync('src/lib/i18n/locales/tr.json', 'utf8'));
const staff = JSON.parse(readFileSync('src/lib/i18n/staff/nl.json', 'utf8'));
const samira = DEMO_ACCOUNTS.find((a) => a.email.startsWith('samira'))!;

test('a parent asks in Turkish without JavaScript; Samira answers; the parent reads and replies', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const phoneContext = await browser.newContext({ javaScriptEnabled: false, locale: 'tr-TR' });
	const phone = await phoneContext.newPage();
	await phone.goto('/tr/de-zuidwester');
	await phone.getByRole('link', { name: tr.school.ask }).first().click();
	await expect(phone.getByRole('heading', { name: tr.ask.title })).toBeVisible();
	await expect(phone.getByText('0800-2000')).toBeVisible();

	// First without the question text and without consent: told by the field, nothing lost.
	await phone.getByLabel(tr.ask.category).selectOption('sleep_eating');
	await phone.getByLabel(tr.ask.firstName).fill('Elif');
	await phone.getByRole('button', { name: tr.ask.submit }).click();
	await expect(phone.getByText(tr.fields.text_required).first()).toBeVisible();
	await expect(phone.getByLabel(tr.ask.firstName)).toHaveValue('Elif');

	await phone
		.getByLabel(tr.ask.text, { exact: true })
		.fill('Oğlum her akşam çok geç uyuyor. Ne yapabilirim?');
	await phone.getByLabel(tr.ask.consent).check();
	await phone.getByRole('button', { name: tr.ask.submit }).click();
	await expect(phone.getByRole('heading', { name: tr.question.sentTitle })).toBeVisible();
	const link = await phone.getByLabel(tr.question.link).inputValue();
	expect(link).toMatch(/\/tr\/question\/[\w-]+$/);

	// Samira, on her laptop.
	const laptop = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 800 }
	});
	const page = await laptop.newPage();
	await signIn(page, samira);
	await page.getByRole('link', { name: staff.questions.title, exact: true }).click();
	await expectAxeClean(page);
	await page.getByRole('link', { name: /Elif/ }).click();
	await expect(page.getByText('Oğlum her akşam')).toBeVisible();
	await expectAxeClean(page);
	await page
		.getByLabel(staff.questions.answerLabel)
		.fill('Een vast ritueel voor het slapen helpt. Kom gerust dinsdag langs.');
	await page.getByRole('button', { name: staff.questions.send }).click();
	await expect(page.getByText(staff.questions.answered)).toBeVisible();
	await laptop.close();

	// The parent reads the answer on the private page, still without JavaScript, and replies.
	await phone.goto(link);
	await expect(phone.getByText('Een vast ritueel voor het slapen helpt.')).toBeVisible();
	await expect(phone.getByText(tr.question.status_answered)).toBeVisible();
	await expect(phone.getByRole('region', { name: tr.question.readersTitle })).toContainText(
		'Samira El Amrani'
	);
	await phone.getByLabel(tr.question.replyLabel).fill('Teşekkür ederim!');
	await phone.getByRole('button', { name: tr.question.replySend }).click();
	await expect(phone.getByText(tr.question.replied)).toBeVisible();
	await expect(phone.getByText('Teşekkür ederim!')).toBeVisible();
	await phoneContext.close();

	// The same pages, scanned with JavaScript on.
	const scan = await browser.newContext({ locale: 'tr-TR' });
	const scanPage = await scan.newPage();
	await scanPage.goto('/tr/de-zuidwester/ask');
	await expectAxeClean(scanPage);
	await scanPage.goto(link);
	await expectAxeClean(scanPage);
	await scan.close();
});
