import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import sveltekit from 'sveltekit-worker';
import { verifyTurnstile } from '$lib/server/spam';
import { translator } from '$lib/i18n/resources';
import type { KeyUnder } from '$lib/i18n';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { FAILING_SECRET, PASSING_SECRET, TURNSTILE_TEST_VERIFY_URL } from './turnstile-stand-in';
import { testNow } from './clock';

const worker = (path: string, init?: RequestInit) =>
	exports.default.fetch(new Request(`http://localhost${path}`, init));

let client = 10;
const formInit = (fields: Record<string, string>): RequestInit => ({
	method: 'POST',
	redirect: 'manual',
	headers: {
		origin: 'http://localhost',
		accept: 'text/html',
		'content-type': 'application/x-www-form-urlencoded',
		// A client of its own per request: these tests are about spam, not rate limits.
		'cf-connecting-ip': `198.51.100.${client++}`
	},
	body: new URLSearchParams(fields).toString()
});
const post = (path: string, fields: Record<string, string>) => worker(path, formInit(fields));

const count = async (query: string, ...binds: unknown[]) =>
	(await env.DB.prepare(query)
		.bind(...binds)
		.first<{ n: number }>())!.n;

/** The message the parent reads above the form (the page also carries its texts for the browser). */
const summary = (lang: Parameters<typeof translator>[0], key: KeyUnder<'errors'>) =>
	`<strong>${translator(lang)(`errors.${key}`)}</strong>`;

async function freeSlot(slug: string) {
	const today = amsterdamDate(testNow());
	const res = await worker(`/api/v1/schools/${slug}/slots?from=${today}&to=${addDays(today, 30)}`);
	return ((await res.json()) as { staffId: number; start: string }[])[0];
}
const bookStep = (lang: string, slug: string, slot: { staffId: number; start: string }) =>
	`/${lang}/${slug}/book?staff=${slot.staffId}&day=${slot.start.slice(0, 10)}&start=${encodeURIComponent(slot.start)}`;

const question = (text: string) => ({
	category: 'school',
	text,
	answerBy: 'page',
	anonymous: 'on',
	consent: 'on'
});

// Hollands Kroon switches Turnstile on; Tilburg (De Zuidwester) keeps the default, off.
const WITH_TURNSTILE = 'de-wieringer-akker';
beforeAll(async () => {
	await env.DB.prepare(
		`UPDATE organisations SET turnstile_enabled = 1 WHERE slug = 'wijkteam-hollands-kroon'`
	).run();
});

describe('the honeypot', () => {
	it('is on the book, ask and reply forms: off screen, out of the tab order, hidden from screen readers', async () => {
		const slot = await freeSlot('de-zuidwester');
		const asked = await post('/nl/de-zuidwester/ask', question('Hoe help ik bij huiswerk?'));
		const pages = [
			bookStep('nl', 'de-zuidwester', slot),
			'/nl/de-zuidwester/ask',
			asked.headers.get('location')!
		];
		for (const path of pages) {
			const html = await (await worker(path)).text();
			const block = html.match(/<div class="honeypot[^"]*" aria-hidden="true">(.*?)<\/div>/s);
			expect(block, path).not.toBeNull();
			expect(block![1]).toMatch(
				/<input id="website" name="website" type="text" tabindex="-1" autocomplete="off"\/>/
			);
			expect(block![1]).toContain('<label for="website">');
		}
	});

	it('refuses a booking with the honeypot filled, with a general message, and stores nothing', async () => {
		const slot = await freeSlot('de-zuidwester');
		const before = await count('SELECT count(*) AS n FROM bookings');
		const res = await post(`${bookStep('ar', 'de-zuidwester', slot)}&/book`, {
			staffId: String(slot.staffId),
			start: slot.start,
			firstName: 'Bot',
			phone: '06 11112222',
			consent: 'on',
			website: 'https://spam.example'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain(summary('ar', 'refused'));
		expect(html).toContain('value="Bot"');
		expect(await count('SELECT count(*) AS n FROM bookings')).toBe(before);
	});

	it('refuses a question and a reply with the honeypot filled, and stores nothing', async () => {
		const before = await count('SELECT count(*) AS n FROM questions');
		const res = await post('/en/de-zuidwester/ask', {
			...question('Buy cheap watches'),
			website: 'x'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(summary('en', 'refused'));
		expect(await count('SELECT count(*) AS n FROM questions')).toBe(before);

		const asked = await post('/nl/de-zuidwester/ask', question('Mijn zoon wil niet naar school.'));
		expect(asked.status).toBe(303);
		const page = asked.headers.get('location')!.replace('?new=1', '');
		const messages = await count('SELECT count(*) AS n FROM question_messages');
		const reply = await post(`${page}?/reply`, { body: 'Spam reply', website: 'http://x' });
		expect(reply.status).toBe(400);
		expect(await reply.text()).toContain(summary('nl', 'refused'));
		expect(await count('SELECT count(*) AS n FROM question_messages')).toBe(messages);
		// An empty honeypot is a person: the reply is kept.
		const real = await post(`${page}?/reply`, { body: 'Nog een vraag.', website: '' });
		expect(real.status).toBe(303);
		expect(await count('SELECT count(*) AS n FROM question_messages')).toBe(messages + 1);
	});
});

describe('Turnstile', () => {
	it('is off by default: no widget, no outside script allowed, and forms work without a token', async () => {
		const res = await worker('/nl/de-zuidwester/ask');
		const csp = res.headers.get('content-security-policy')!;
		expect(csp).not.toContain('challenges.cloudflare.com');
		expect(csp).not.toContain('frame-src');
		const html = await res.text();
		expect(html).not.toContain('cf-turnstile');
		expect(html).not.toContain('challenges.cloudflare.com');
		expect((await post('/nl/de-zuidwester/ask', question('Zonder Turnstile.'))).status).toBe(303);
	});

	it('when on, the book and ask pages show the widget and only they allow its script and frame', async () => {
		const slot = await freeSlot(WITH_TURNSTILE);
		for (const path of [bookStep('nl', WITH_TURNSTILE, slot), `/nl/${WITH_TURNSTILE}/ask`]) {
			const res = await worker(path);
			const csp = res.headers.get('content-security-policy')!;
			expect(csp, path).toMatch(/script-src 'self' [^;]*https:\/\/challenges\.cloudflare\.com/);
			expect(csp, path).toMatch(/frame-src https:\/\/challenges\.cloudflare\.com/);
			expect(csp, path).not.toContain('unsafe-inline');
			const html = await res.text();
			expect(html).toContain(
				'<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async="" defer="">'
			);
			expect(html).toMatch(/class="cf-turnstile" data-sitekey="1x00000000000000000000AA"/);
		}
		// The school's own page does not.
		const school = await worker(`/nl/${WITH_TURNSTILE}`);
		expect(school.headers.get('content-security-policy')).not.toContain(
			'challenges.cloudflare.com'
		);
	});

	it('when on, a question without a good token is refused and nothing is stored; with one it is asked', async () => {
		const text = 'Mijn dochter piekert veel.';
		const stored = () => count('SELECT count(*) AS n FROM questions WHERE text = ?', text);

		const without = await post(`/tr/${WITH_TURNSTILE}/ask`, question(text));
		expect(without.status).toBe(400);
		const html = await without.text();
		expect(html).toContain(summary('tr', 'turnstile_failed'));
		expect(html).toContain(text);
		expect(await stored()).toBe(0);

		// The same form with a token, but a secret that Cloudflare's test keys always fail.
		const failing = await sveltekit.fetch(
			new Request(`http://localhost/nl/${WITH_TURNSTILE}/ask`, {
				...formInit({ ...question(text), 'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX' })
			}),
			{ ...env, TURNSTILE_SECRET: FAILING_SECRET },
			createExecutionContext()
		);
		expect(failing.status).toBe(400);
		expect(await failing.text()).toContain(summary('nl', 'turnstile_failed'));
		expect(await stored()).toBe(0);

		const passing = await post(`/nl/${WITH_TURNSTILE}/ask`, {
			...question(text),
			'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX'
		});
		expect(passing.status).toBe(303);
		expect(await stored()).toBe(1);
	});

	it('when on, a booking needs a good token too', async () => {
		const slot = await freeSlot(WITH_TURNSTILE);
		const fields = {
			staffId: String(slot.staffId),
			start: slot.start,
			firstName: 'Dewi',
			phone: '06 33334444',
			consent: 'on'
		};
		const path = `${bookStep('uk', WITH_TURNSTILE, slot)}&/book`;
		const refused = await post(path, fields);
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain(summary('uk', 'turnstile_failed'));
		expect(html).toContain('value="Dewi"');
		expect(await count(`SELECT count(*) AS n FROM bookings WHERE first_name = 'Dewi'`)).toBe(0);

		const booked = await post(path, {
			...fields,
			'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX'
		});
		expect(booked.status).toBe(303);
		expect(await count(`SELECT count(*) AS n FROM bookings WHERE first_name = 'Dewi'`)).toBe(1);
	});

	it('verifies at siteverify: the passing test secret passes, the failing one and anything odd fail', async () => {
		const at = (secret: string, url = TURNSTILE_TEST_VERIFY_URL) => ({
			TURNSTILE_SECRET: secret,
			TURNSTILE_VERIFY_URL: url
		});
		expect(await verifyTurnstile(at(PASSING_SECRET), 'XXXX.DUMMY.TOKEN.XXXX')).toBe(true);
		expect(await verifyTurnstile(at(FAILING_SECRET), 'XXXX.DUMMY.TOKEN.XXXX')).toBe(false);
		expect(await verifyTurnstile(at(PASSING_SECRET), '')).toBe(false);
		expect(await verifyTurnstile(at(PASSING_SECRET), undefined)).toBe(false);
		expect(await verifyTurnstile(at('some-other-secret'), 'token')).toBe(false);
		// No answer from siteverify is a no, never a yes (the stand-in refuses other addresses).
		expect(await verifyTurnstile(at(PASSING_SECRET, 'http://nowhere.test/x'), 'token')).toBe(false);
		await expect(verifyTurnstile({}, 'token')).rejects.toThrow(/TURNSTILE_SECRET/);
	});
});
