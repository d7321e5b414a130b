/**
 * A stand-in for Cloudflare Turnstile's siteverify, for the tests (runs in Node, as miniflare's
 * outbound service: nothing the worker fetches leaves the machine). It behaves as Cloudflare does
 * for its test secrets: 1x0000000000000000000000000000000AA passes any token,
 * 2x0000000000000000000000000000000AA fails every one; other secrets are refused as invalid.
 */
export const TURNSTILE_TEST_VERIFY_URL = 'http://turnstile.test/siteverify';

export const PASSING_SECRET = '1x0000000000000000000000000000000AA';
export const FAILING_SECRET = '2x0000000000000000000000000000000AA';

export async function turnstileStandIn(request: Request): Promise<Response> {
	if (request.method !== 'POST' || request.url !== TURNSTILE_TEST_VERIFY_URL) {
		return new Response(`No outside requests in tests: ${request.method} ${request.url}`, {
			status: 502
		});
	}
	const form = await request.formData();
	const secret = form.get('secret');
	const token = form.get('response');
	const json = (body: object) =>
		new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
	if (!token) return json({ success: false, 'error-codes': ['missing-input-response'] });
	if (secret === PASSING_SECRET) {
		return json({
			success: true,
			challenge_ts: new Date().toISOString(),
			hostname: 'example.com',
			'error-codes': []
		});
	}
	if (secret === FAILING_SECRET)
		return json({ success: false, 'error-codes': ['invalid-input-response'] });
	return json({ success: false, 'error-codes': ['invalid-input-secret'] });
}
