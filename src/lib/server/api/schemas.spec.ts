import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { documented } from './document';
import { reply, RESPONSES, SCHEMAS } from './schemas';

/**
 * The answers' schemas are the one source of what a handler returns, what its example shows and
 * what the document says. The `@ts-expect-error` lines are the test of the first two: were `reply`
 * or `documented` to take a value their schema does not describe, `npm run check` would fail on
 * the unused directive.
 */
describe("the API's answers come from their schemas", () => {
	it('a handler answers only what its schema describes', async () => {
		const app = new Hono().get('/', (c) => {
			// @ts-expect-error: a status the schema does not list
			if (c.req.query('status')) return reply(c, RESPONSES.Health, { status: 'fine' });
			// @ts-expect-error: a required field missing
			if (c.req.query('key')) return reply(c, RESPONSES.PushKey, {});
			// @ts-expect-error: null where the schema wants a string
			if (c.req.query('slot')) return reply(c, RESPONSES.Slot, { ...slot, location: null });
			return reply(c, RESPONSES.Health, { status: 'error' }, 503);
		});
		const response = await app.request('/');
		expect(response.status).toBe(503);
		expect(await response.json()).toEqual({ status: 'error' });
	});

	it("an example is its answer's type", () => {
		// @ts-expect-error: remaining is missing
		const wrong = documented('A slot', RESPONSES.Slot, { ...slot, remaining: undefined });
		expect(documented('A slot', RESPONSES.Slot, slot)).toEqual({
			description: 'A slot',
			answer: RESPONSES.Slot,
			example: slot
		});
		expect(wrong.answer).toBe(RESPONSES.Slot);
	});

	it("the document's components are the schemas, one used in another by $ref", () => {
		expect(Object.keys(SCHEMAS).sort()).toEqual(Object.keys(RESPONSES).sort());
		const error = SCHEMAS.Error as {
			properties: { error: { properties: Record<string, object> } };
		};
		expect(error.properties.error.properties.alternatives).toMatchObject({
			type: 'array',
			items: { $ref: '#/components/schemas/Slot' }
		});
		expect(SCHEMAS.Slot).toMatchObject({
			type: 'object',
			required: ['staffId', 'start', 'end', 'location', 'remaining'],
			properties: { start: { type: 'string', format: 'date-time' } }
		});
	});
});

const slot = {
	staffId: 1,
	start: '2027-03-30T08:30:00+02:00',
	end: '2027-03-30T08:50:00+02:00',
	location: 'Ouderkamer',
	remaining: 1
};
