import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { PROBLEMS } from '../domain/problems.ts';
import nl from '../i18n/locales/nl.json';
import en from '../i18n/locales/en.json';
import staffNl from '../i18n/staff/nl.json';
import { done, invalid, refused, type Outcome } from './outcome.ts';
import { formFailure, formOutcome, formRefusal } from './http/outcome.ts';
import { apiAnswer } from './api/outcome.ts';

const alternative = {
	staffId: 1,
	start: '2027-03-02T08:50:00+01:00',
	end: '2027-03-02T09:10:00+01:00',
	location: 'Kamer 1',
	remaining: 1
};

/** The same outcome through the API adapter, as a Hono handler answers it. */
async function throughApi(outcome: Outcome<{ reference: string }>, lang = 'nl') {
	const app = new Hono<{ Variables: { lang: string } }>().get('/', (c) => {
		c.set('lang', lang);
		return apiAnswer(c, outcome, (v) => c.json(v, 201));
	});
	const res = await app.request('/');
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the form adapter', () => {
	it('gives a refusal its status and code, the alternatives, and what the page shows again', () => {
		const values = { firstName: 'Fatima' };
		const failure = formFailure(refused('slot_taken', { alternatives: [alternative] }).problem, {
			values
		});
		expect(isActionFailure(failure)).toBe(true);
		expect(failure.status).toBe(409);
		expect(failure.data).toEqual({
			code: 'slot_taken',
			errors: {},
			alternatives: [alternative],
			values
		});
	});

	it('shows invalid input field by field, without a code of its own', () => {
		const failure = formFailure(invalid({ start: 'not_available' }).problem, {});
		expect(failure.status).toBe(400);
		expect(failure.data).toMatchObject({ code: null, errors: { start: 'not_available' } });
	});

	it('answers a record that is not there with the 404 page', () => {
		try {
			formFailure(refused('booking_not_found').problem, {});
			expect.unreachable();
		} catch (thrown) {
			expect(isHttpError(thrown, 404)).toBe(true);
		}
	});

	it('refuses at the door in the same shape, and passes a value through', () => {
		expect(formRefusal('rate_limited', {}).status).toBe(429);
		expect(formOutcome(done(7), {})).toEqual({ ok: true, value: 7 });
	});
});

describe('the API adapter', () => {
	it('answers the value as the handler says', async () => {
		expect(await throughApi(done({ reference: 'K7QM2P' }))).toEqual({
			status: 201,
			body: { reference: 'K7QM2P' }
		});
	});

	it("answers a problem in the API's error shape, in the caller's language", async () => {
		const { status, body } = await throughApi(
			refused('slot_taken', { alternatives: [alternative] }),
			'en'
		);
		expect(status).toBe(409);
		expect(body).toEqual({
			error: {
				code: 'slot_taken',
				message: en.errors.slot_taken,
				fields: {},
				alternatives: [alternative]
			}
		});
		const bad = await throughApi(invalid({ start: 'not_available' }));
		expect(bad).toEqual({
			status: 400,
			body: {
				error: { code: 'invalid', message: nl.errors.invalid, fields: { start: 'not_available' } }
			}
		});
	});
});

describe('the list of problems', () => {
	it('has a Dutch text for every code', () => {
		const texts = { ...nl, staff: staffNl } as Record<string, unknown>;
		for (const [code, { key }] of Object.entries(PROBLEMS)) {
			const text = key
				.split('.')
				.reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], texts);
			expect(typeof text, code).toBe('string');
		}
	});
});
