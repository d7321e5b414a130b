/**
 * Throughput and latency under load with autocannon, on loopback, bounded in time. Every target is
 * compared with a static file served by the same worker in the same run, so the ratio means
 * something on any machine.
 */
import autocannon from 'autocannon';

export type LoadTarget = {
	name: string;
	path: string;
	method?: 'GET' | 'POST';
	/** A fresh body for each request (e.g. bookings spread over many slots). */
	body?: () => string;
	/** Statuses that count as served (the rest are errors). */
	served?: number[];
};

export type LoadResult = {
	name: string;
	path: string;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	total: number;
	statuses: Record<string, number>;
	errors: number;
	/** requestsPerSecond as a share of the static file's. */
	ratio?: number;
	/** The share in each round, in the order the rounds ran (reads only; see scripts/bench.ts). */
	rounds?: number[];
};

export async function runLoad(
	origin: string,
	target: LoadTarget,
	options: { seconds: number; connections: number }
): Promise<LoadResult> {
	const served = new Set(target.served ?? [200]);
	const result = await autocannon({
		url: new URL(target.path, origin).href,
		duration: options.seconds,
		connections: options.connections,
		method: target.method ?? 'GET',
		headers: target.body ? { 'content-type': 'application/json' } : undefined,
		requests: target.body
			? [{ setupRequest: (request) => ({ ...request, body: target.body!() }) }]
			: undefined
	});
	const statuses: Record<string, number> = {};
	let errors = result.errors + result.timeouts;
	for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
		statuses[status] = count;
		if (!served.has(Number(status))) errors += count;
	}
	const total = Object.values(statuses).reduce((a, b) => a + b, 0);
	return {
		name: target.name,
		path: target.path,
		requestsPerSecond: Math.round((total - errors) / (result.duration || options.seconds)),
		p50: result.latency.p50,
		p99: result.latency.p99,
		total,
		statuses,
		errors
	};
}
