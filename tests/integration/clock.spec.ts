/**
 * The worker's one clock (src/lib/server/clock.ts): a test may move it, a deployed worker never.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import worker from '../../src/worker';
import { clockOf, parseTestClock, realClock } from '$lib/server/clock';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';

/** The [vars] of wrangler.toml, the configuration `npm run deploy` sends. */
function deployedVars(): Record<string, string> {
	const section = /^\[vars\]\n([\s\S]*?)(?=^\[)/m.exec(wranglerToml)![1];
	return Object.fromEntries(
		[...section.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"/gm)].map(([, name, value]) => [name, value])
	);
}

const PRODUCTION_ORIGIN = 'https://inloop.example.nl';
const FAR = '2031-06-03T12:00:00+02:00';

describe('the clock', () => {
	it('stands at a test instant, or runs at an offset from the real time', async () => {
		const local = { PUBLIC_ORIGIN: 'http://localhost:8787' };
		const fixed = clockOf({ ...local, TEST_CLOCK: FAR });
		expect(fixed()).toBe(Date.parse(FAR));
		const offset = clockOf({ ...local, TEST_CLOCK: 'offset:-86400000' })();
		expect(Math.abs(offset - (Date.now() - 86_400_000))).toBeLessThan(1000);
		expect(clockOf({ ...local, TEST_CLOCK: '' })).toBe(realClock);
		expect(clockOf(local)).toBe(realClock);
		// A wall-clock time without its offset is ambiguous on DST nights; a typo must not pass.
		for (const bad of ['2031-06-03T12:00:00', 'tomorrow', 'offset:1h', '2031-02-30T12:00:00Z'])
			expect(() => parseTestClock(bad), bad).toThrow(/TEST_CLOCK/);
	});

	it('is the real one in the deployed configuration, whatever TEST_CLOCK says', async () => {
		const vars = deployedVars();
		// The configuration in the repository has no test clock at all …
		expect(Object.keys(vars)).toContain('PUBLIC_ORIGIN');
		expect(Object.keys(vars)).not.toContain('TEST_CLOCK');
		// … and with its production origin (README, "Production") a test clock that somebody set
		// by mistake is ignored: only a loopback origin takes one.
		const production = { ...vars, PUBLIC_ORIGIN: PRODUCTION_ORIGIN, TEST_CLOCK: FAR };
		expect(clockOf(production)).toBe(realClock);
		for (const origin of ['http://localhost.example.nl', 'https://localhost', 'http://127.0.0.2'])
			expect(clockOf({ TEST_CLOCK: FAR, PUBLIC_ORIGIN: origin }), origin).toBe(realClock);
	});

	it('moves the whole worker in tests and not in production', async () => {
		// An extra hour of Samira's a few days ahead on the real clock (outside the demo's holidays):
		// it has free times then. At a test instant years later every one of them lies in the past.
		const { results: closed } = await env.DB.prepare(
			'SELECT start_date, end_date FROM closures WHERE organisation_id = 1'
		).all<{ start_date: string; end_date: string }>();
		let day = addDays(amsterdamDate(Date.now()), 3);
		while (closed.some((c) => c.start_date <= day && day <= c.end_date)) day = addDays(day, 1);
		const extra = await env.DB.prepare(
			"INSERT INTO availability_exceptions (staff_id, school_id, location_id, date, kind, start_time, end_time, slot_minutes, capacity, bookable, walk_in) VALUES (1, 1, 1, ?, 'extra', '19:00', '20:00', 20, 1, 1, 0) RETURNING id"
		)
			.bind(day)
			.first<{ id: number }>();
		const slots = async (vars: Record<string, string>) => {
			const response = await worker.fetch!(
				new Request(
					`http://localhost/api/v1/schools/de-zuidwester/slots?from=${day}&to=${day}`
				) as Request<unknown, IncomingRequestCfProperties>,
				{ ...env, ...vars },
				createExecutionContext()
			);
			expect(response.status).toBe(200);
			return ((await response.json()) as unknown[]).length;
		};
		try {
			expect(await slots({ TEST_CLOCK: '' })).toBeGreaterThan(0);
			expect(await slots({ TEST_CLOCK: FAR })).toBe(0);
			expect(await slots({ TEST_CLOCK: FAR, PUBLIC_ORIGIN: PRODUCTION_ORIGIN })).toBeGreaterThan(0);
		} finally {
			await env.DB.prepare('DELETE FROM availability_exceptions WHERE id = ?')
				.bind(extra!.id)
				.run();
		}
	});
});
