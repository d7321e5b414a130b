/**
 * What a text field may hold (issue 15, point 7): no control characters (`\p{Cc}`) anywhere, except
 * the line breaks of a multi-line remark, question or message. A name with CR/LF is refused with
 * 400 `invalid` on `firstName`, never stored and never put into a mail. Through the whole worker.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { SAMIRA, postForm, rowCounts, sessionOf } from './helpers';
import { testNow } from './clock';

type ApiError = { error: { code: string; fields: Record<string, string> } };

const postJson = (path: string, body: unknown) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://localhost' },
			body: JSON.stringify(body)
		})
	);

let phoneCounter = 0;
const nextPhone = () => `06 5100 ${String(1000 + ++phoneCounter)}`;

async function freeSlot() {
	const today = amsterdamDate(testNow());
	const res = await exports.default.fetch(
		new Request(
			`http://localhost/api/v1/schools/de-zuidwester/slots?from=${today}&to=${addDays(today, 28)}`
		)
	);
	const slots = (await res.json()) as { staffId: number; start: string }[];
	return slots.at(-1)!;
}

const booking = async (extra: Record<string, unknown>) => {
	const slot = await freeSlot();
	return {
		staffId: slot.staffId,
		start: slot.start,
		firstName: 'Amal',
		phone: nextPhone(),
		language: 'nl',
		consent: true,
		...extra
	};
};

const question = (extra: Record<string, unknown>) => ({
	category: 'sleep_eating',
	text: 'Mijn kind slaapt slecht.',
	answerBy: 'page',
	language: 'nl',
	consent: true,
	...extra
});

/** Control characters of every kind: C0, DEL and C1 (U+0085 NEXT LINE is one too). */
const CONTROLS = ['\u0000', '\u0007', '\t', '\u000b', '\u001b[31m', '\u007f', '\u0085', '\r'];

describe('control characters in text fields', () => {
	it('refuses a name with CR/LF: 400 invalid on firstName, nothing stored, no mail', async () => {
		const before = await rowCounts();
		const res = await postJson(
			'/api/v1/schools/de-zuidwester/bookings',
			await booking({
				firstName: 'Fatima\r\n\r\nUw afspraak is verzet, bel 0900 1234',
				email: 'fatima@example.org'
			})
		);
		expect(res.status).toBe(400);
		const body = (await res.json()) as ApiError;
		expect(body.error.code).toBe('invalid');
		expect(body.error.fields).toEqual({ firstName: 'invalid' });
		expect(await rowCounts()).toEqual(before);
	});

	it('refuses every control character in every text field of a booking and a question', async () => {
		const cases: [string, string, (value: string) => Promise<Record<string, unknown>>][] = [
			['bookings', 'firstName', (x) => booking({ firstName: `Am${x}al` })],
			['bookings', 'phone', (x) => booking({ phone: `06${x}51001234` })],
			['bookings', 'interpreterLanguage', (x) => booking({ interpreterLanguage: `Ara${x}bisch` })],
			['bookings', 'remark', (x) => booking({ remark: `Graag${x} na negen uur` })],
			['questions', 'text', async (x) => question({ text: `Hoe${x} doe ik dat?` })],
			['questions', 'firstName', async (x) => question({ firstName: `Ay${x}şe` })]
		];
		for (const [resource, field, body] of cases) {
			for (const control of CONTROLS) {
				// A multi-line field may hold a line break, but not a lone carriage return.
				const before = await rowCounts();
				const res = await postJson(
					`/api/v1/schools/de-zuidwester/${resource}`,
					await body(control)
				);
				const where = `${resource}.${field} with U+${control.codePointAt(0)!.toString(16)}`;
				expect(res.status, where).toBe(400);
				expect(((await res.json()) as ApiError).error.fields[field], where).toBe('invalid');
				expect(await rowCounts(), where).toEqual(before);
			}
		}
	});

	it('keeps the line breaks of a question and a remark, as \\n', async () => {
		const res = await postJson(
			'/api/v1/schools/de-zuidwester/questions',
			question({ text: 'Eerste regel.\r\nTweede regel.\nDerde.' })
		);
		expect(res.status).toBe(201);
		const stored = await env.DB.prepare(
			'SELECT text FROM questions ORDER BY id DESC LIMIT 1'
		).first<{
			text: string;
		}>();
		expect(stored!.text).toBe('Eerste regel.\nTweede regel.\nDerde.');

		const booked = await postJson(
			'/api/v1/schools/de-zuidwester/bookings',
			await booking({ remark: 'Met mijn zus.\r\nZij tolkt.' })
		);
		expect(booked.status).toBe(201);
		const { manageToken } = (await booked.json()) as { manageToken: string };
		const remark = await env.DB.prepare(
			'SELECT remark FROM bookings ORDER BY id DESC LIMIT 1'
		).first<{ remark: string }>();
		expect(remark!.remark).toBe('Met mijn zus.\nZij tolkt.');
		await exports.default.fetch(
			new Request(`http://localhost/api/v1/bookings/${manageToken}`, { method: 'DELETE' })
		);
	});

	it('refuses a control character in a form, by the field, and keeps what was typed', async () => {
		const before = await rowCounts();
		const res = await postForm(
			'/nl/de-zuidwester/ask',
			new URLSearchParams({
				category: 'sleep_eating',
				text: 'Hoe\u0000 doe ik dat?',
				answerBy: 'page',
				firstName: 'Ayşe',
				consent: 'on'
			})
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('aria-invalid="true"');
		expect(html).toContain('Ayşe');
		expect(await rowCounts()).toEqual(before);
	});

	it("refuses a control character in a professional's cancellation reason", async () => {
		const samira = await sessionOf(SAMIRA)();
		const fatima = (await env.DB.prepare(
			"SELECT id FROM bookings WHERE reference = 'ZW4K7P'"
		).first<{ id: number }>())!.id;
		const before = await rowCounts();
		const res = await postForm(
			`/staff/bookings/${fatima}?/cancel`,
			new URLSearchParams({ reason: 'Ziek\u001b[2J' }),
			samira
		);
		expect(res.status).toBe(400);
		const after = await rowCounts();
		// Opening the record again to show the refusal is in the audit log; nothing else changed.
		expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
		const status = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?')
			.bind(fatima)
			.first<{ status: string }>();
		expect(status!.status).toBe('booked');
	});
});
