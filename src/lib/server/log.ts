/**
 * Structured logs: one JSON object per line on the console, which Workers observability (Workers
 * Logs, `wrangler tail`) keeps and makes searchable by field.
 *
 * Logs never carry personal data. Only the fields below exist, and none of them can hold a name, a
 * phone number, an e-mail address, a question, a token or a path (paths carry manage and access
 * tokens and school slugs): a request is logged by its SvelteKit route id (`/[lang=lang]/booking/[token]`),
 * an error by its name and a fixed code, never by its message (messages can quote input).
 */

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = {
	/** The Cloudflare ray id of the request (cf-ray), to find one request across log lines. */
	requestId?: string;
	/** The route id (pattern), never the concrete path. */
	route?: string | null;
	method?: string;
	status?: number;
	durationMs?: number;
	/** The error's class name (TypeError, D1_ERROR …), never its message. */
	error?: string;
	/** A fixed, code-chosen word, e.g. 'slot_taken' or 'health_check_failed'. */
	code?: string;
	/** A count, e.g. how many messages a job sent. */
	count?: number;
	/** A fixed, code-chosen category, e.g. the rate limit that refused ('booking'). */
	kind?: string;
	/** Where an error was thrown: the stack's code locations, without the message. */
	frames?: string[];
};

export type LogLine = { level: LogLevel; event: string; at: string } & LogFields;

// Only these keys leave the process: a caller that passes more (by a cast) still logs nothing else.
const ALLOWED: ReadonlyArray<keyof LogFields> = [
	'requestId',
	'route',
	'method',
	'status',
	'durationMs',
	'error',
	'code',
	'count',
	'kind',
	'frames'
];

/** Write one log line. `event` is a fixed name such as 'request' or 'api_error'. */
export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
	const line: Record<string, unknown> = { level, event, at: new Date().toISOString() };
	for (const key of ALLOWED) {
		const value = fields[key];
		if (value !== undefined) line[key] = value;
	}
	const text = JSON.stringify(line);
	if (level === 'error') console.error(text);
	else if (level === 'warn') console.warn(text);
	else console.log(text);
}

/**
 * A security event (ASVS 7.1.3, 7.2): a failed or refused sign-in, a lock, a refusal by a rate
 * limit, a wrong pairing code. One `warn` line with a fixed code, never who or from where: the
 * counts behind the locks stay in D1, the line is for alerting on a spike.
 */
export type SecurityEvent =
	| 'sign_in_failed'
	| 'sign_in_refused_locked'
	| 'second_factor_failed'
	| 'account_locked'
	| 'client_locked'
	| 'rate_limited'
	| 'kiosk_pairing_failed';

export function securityEvent(code: SecurityEvent, fields: Pick<LogFields, 'kind'> = {}): void {
	log('warn', 'security', { code, ...fields });
}

/** The request id for log lines: Cloudflare's ray id, absent locally. */
export const requestIdOf = (request: Request): string | undefined =>
	request.headers.get('cf-ray') ?? undefined;

/** The name of whatever was thrown, safe to log (never the message). */
export function errorName(error: unknown): string {
	if (error instanceof Error) return error.name || 'Error';
	return typeof error;
}

/** The code locations of an error's stack (the `at …` lines), without its message. */
export function errorFrames(error: unknown): string[] | undefined {
	if (!(error instanceof Error) || !error.stack) return undefined;
	const frames = error.stack
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.startsWith('at '))
		.slice(0, 6);
	return frames.length ? frames : undefined;
}
