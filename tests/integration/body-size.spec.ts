/**
 * Bodies have a size limit, checked before anything reads them (issue 15, point 8): about 1 MB for
 * forms and JSON, the photo upload a limit of its own. Larger gets 413 in the usual shape: the
 * API's JSON error, a translated page otherwise. Through the whole built worker.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import ar from '$lib/i18n/locales/ar.json';
import nl from '$lib/i18n/locales/nl.json';
import { SAMIRA, postForm, rowCounts, sessionOf } from './helpers';

const MB = 1024 * 1024;

type ApiError = { error: { code: string; message: string; fields: Record<string, string> } };

/** A body that arrives in chunks, without a Content-Length: the size is known only by reading. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
	const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			controller.enqueue(chunk);
			sent += chunk.length;
		}
	});
}

const apiPost = (body: BodyInit, lang = 'ar') =>
	exports.default.fetch(
		new Request(`http://localhost/api/v1/schools/de-zuidwester/bookings?lang=${lang}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://localhost' },
			body
		})
	);

describe('body size limit', () => {
	it('answers 413 with the API error shape for JSON over 1 MB, in the caller’s language', async () => {
		const before = await rowCounts();
		const res = await apiPost(JSON.stringify({ firstName: 'x'.repeat(1.1 * MB) }));
		expect(res.status).toBe(413);
		expect(res.headers.get('content-type')).toContain('application/json');
		const body = (await res.json()) as ApiError;
		expect(body.error.code).toBe('payload_too_large');
		expect(body.error.message).toBe(ar.errors.payload_too_large);
		expect(body.error.fields).toEqual({});
		expect(await rowCounts()).toEqual(before);
	});

	it('counts a body without a Content-Length as it arrives, and stops it past the limit', async () => {
		const res = await apiPost(streamOf(3 * MB));
		expect(res.status).toBe(413);
		expect(((await res.json()) as ApiError).error.code).toBe('payload_too_large');
		// Under the limit, the same kind of body is read as usual (here: not JSON, so 400).
		const small = await apiPost(streamOf(64 * 1024));
		expect(small.status).toBe(400);
	});

	it('answers a form over 1 MB with a translated page, and stores nothing', async () => {
		const before = await rowCounts();
		const res = await postForm(
			'/nl/de-zuidwester/ask',
			new URLSearchParams({
				category: 'sleep_eating',
				text: 'x'.repeat(1.1 * MB),
				answerBy: 'page',
				consent: 'on'
			})
		);
		expect(res.status).toBe(413);
		expect(res.headers.get('content-type')).toContain('text/html');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const html = await res.text();
		expect(html).toContain('<html lang="nl" dir="ltr">');
		expect(html).toContain(nl.errors.payload_too_large);
		expect(await rowCounts()).toEqual(before);
	});

	it('lets a form under the limit through to its action (which then judges the fields)', async () => {
		const res = await postForm(
			'/nl/de-zuidwester/ask',
			new URLSearchParams({
				category: 'sleep_eating',
				text: 'x'.repeat(0.9 * MB),
				answerBy: 'page',
				consent: 'on'
			})
		);
		expect(res.status).toBe(400);
	});

	it('gives the photo upload a limit of its own: a photo of 1.5 MB passes, 3 MB does not', async () => {
		const token = await sessionOf(SAMIRA)();
		const upload = (bytes: number) => {
			const data = new FormData();
			data.append('photo', new File([new Uint8Array(bytes)], 'photo.png', { type: 'image/png' }));
			return postForm('/staff/profile?/photo', data, token);
		};
		// Not a real image: the action itself refuses it (400), so the size limit let it through.
		const fits = await upload(1.5 * MB);
		expect(fits.status).toBe(400);
		const tooBig = await upload(3 * MB);
		expect(tooBig.status).toBe(413);
		expect(await tooBig.text()).toContain('<html lang="nl"');
		// Every other staff form keeps the general limit.
		const form = new FormData();
		form.append('reason', 'x'.repeat(1.5 * MB));
		expect((await postForm('/staff/bookings/1?/cancel', form, token)).status).toBe(413);
	});
});
