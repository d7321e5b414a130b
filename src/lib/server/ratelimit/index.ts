/**
 * Rate limits behind one interface: `limit(kind, key) → { ok, retryAfter }`.
 *
 * Two implementations, chosen by the RATE_LIMITS var so the choice is explicit:
 * - 'd1' (the default; wrangler dev and the tests): a fixed-window counter per kind and key in
 *   the rate_limits table, counted by one atomic upsert, so it really limits everywhere.
 * - 'binding': the Workers rate-limiting bindings of wrangler.toml ([[ratelimits]]). They count
 *   per Cloudflare location: a brake, not an exact quota, and they give no retry time of their
 *   own (we answer with the period).
 *
 * Keys (client addresses, phone numbers, e-mail addresses) are hashed before they are counted:
 * neither implementation ever stores them in clear.
 */
import { clockOf, type ClockEnv } from '../clock.ts';
import { sha256Hex } from '../crypto.ts';
import { uncounted } from '../db/index.ts';
import { securityEvent } from '../log.ts';

export const LIMIT_KINDS = [
	'booking',
	'question',
	'checkin',
	'signin',
	'pairing',
	'forgot',
	'meeting',
	'live'
] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/**
 * At most `limit` attempts per `period` seconds, per client address and per contact. Generous
 * for people (a school's Wi-Fi or a phone network puts many parents behind one address), tight
 * for scripts. wrangler.toml's [[ratelimits]] say the same (ratelimit.spec.ts checks it).
 */
export const LIMITS: Record<LimitKind, { limit: number; period: 10 | 60; binding: BindingName }> = {
	booking: { limit: 10, period: 60, binding: 'RATE_LIMIT_BOOKING' },
	question: { limit: 10, period: 60, binding: 'RATE_LIMIT_QUESTION' },
	checkin: { limit: 30, period: 60, binding: 'RATE_LIMIT_CHECKIN' },
	signin: { limit: 10, period: 60, binding: 'RATE_LIMIT_SIGNIN' },
	pairing: { limit: 5, period: 60, binding: 'RATE_LIMIT_PAIRING' },
	// "Forgot password" sends mail: per client and per address (the service adds 3 links an hour).
	forgot: { limit: 5, period: 60, binding: 'RATE_LIMIT_FORGOT' },
	// Signing up for a parent meeting and suggesting a theme (anonymous: per client only).
	meeting: { limit: 10, period: 60, binding: 'RATE_LIMIT_MEETING' },
	// Opening the live feed: a screen reconnects after a lost network, with a pause that grows.
	live: { limit: 30, period: 60, binding: 'RATE_LIMIT_LIVE' }
};

export type LimitResult = {
	ok: boolean;
	/** Seconds until trying again makes sense; 0 when ok. */ retryAfter: number;
};

export interface RateLimiter {
	limit(kind: LimitKind, key: string): Promise<LimitResult>;
}

type RateLimitBinding = { limit(options: { key: string }): Promise<{ success: boolean }> };
type BindingName =
	| 'RATE_LIMIT_BOOKING'
	| 'RATE_LIMIT_QUESTION'
	| 'RATE_LIMIT_CHECKIN'
	| 'RATE_LIMIT_SIGNIN'
	| 'RATE_LIMIT_PAIRING'
	| 'RATE_LIMIT_FORGOT'
	| 'RATE_LIMIT_MEETING'
	| 'RATE_LIMIT_LIVE';

/** The part of the worker's env the limiters read. */
export type RateLimitEnv = {
	DB?: D1Database;
	/** 'd1' (default) or 'binding'. */
	RATE_LIMITS?: string;
	/** Multiplies every limit of the D1 limiter (default 1); the test setup raises it. */
	RATE_LIMIT_SCALE?: string;
} & ClockEnv &
	Partial<Record<BindingName, RateLimitBinding>>;

const OK: LimitResult = { ok: true, retryAfter: 0 };

/** The row key of a kind and key in the rate_limits table: the key itself only as a hash. */
export async function rateLimitRowKey(kind: LimitKind, key: string): Promise<string> {
	return `${kind}:${await sha256Hex(key)}`;
}

/**
 * Fixed windows in D1. A key's window starts with its first attempt and lasts `period` seconds;
 * one upsert counts the attempt (or starts a new window) and reads the count, so two requests at
 * the same moment can never both take the last place.
 */
export function d1RateLimiter(
	d1: D1Database,
	options: { scale?: number; now?: () => number } = {}
): RateLimiter {
	const scale = options.scale ?? 1;
	const clock = options.now ?? Date.now;
	return {
		async limit(kind, key) {
			const { limit, period } = LIMITS[kind];
			const now = clock();
			const row = await d1
				.prepare(
					`INSERT INTO rate_limits (key, window_start, hits, expires_at) VALUES (?1, ?2, 1, ?2 + ?3)
					ON CONFLICT (key) DO UPDATE SET
						hits = CASE WHEN expires_at > ?2 THEN hits + 1 ELSE 1 END,
						window_start = CASE WHEN expires_at > ?2 THEN window_start ELSE ?2 END,
						expires_at = CASE WHEN expires_at > ?2 THEN expires_at ELSE ?2 + ?3 END
					RETURNING hits, expires_at`
				)
				.bind(await rateLimitRowKey(kind, key), now, period * 1000)
				.first<{ hits: number; expires_at: number }>();
			if (!row || row.hits <= limit * scale) return OK;
			return { ok: false, retryAfter: Math.max(1, Math.ceil((row.expires_at - now) / 1000)) };
		}
	};
}

/** The Workers rate-limiting bindings, one per kind (LIMITS[kind].binding). */
export function bindingRateLimiter(env: RateLimitEnv): RateLimiter {
	return {
		async limit(kind, key) {
			const binding = env[LIMITS[kind].binding];
			if (!binding)
				throw new Error(
					`The rate-limit binding ${LIMITS[kind].binding} is missing (wrangler.toml).`
				);
			const { success } = await binding.limit({ key: await sha256Hex(`${kind}:${key}`) });
			return success ? OK : { ok: false, retryAfter: LIMITS[kind].period };
		}
	};
}

/** The limiter the RATE_LIMITS var names. */
export function rateLimiter(env: RateLimitEnv | undefined): RateLimiter {
	const choice = env?.RATE_LIMITS ?? 'd1';
	if (choice === 'binding') return bindingRateLimiter(env ?? {});
	if (choice !== 'd1') throw new Error(`RATE_LIMITS must be "d1" or "binding", not "${choice}".`);
	if (!env?.DB) throw new Error('The D1 binding "DB" is missing (needed by RATE_LIMITS = "d1").');
	const scale = Number(env.RATE_LIMIT_SCALE ?? 1);
	// Not the request's own work (see `uncounted`): production counts in the Workers binding.
	return d1RateLimiter(uncounted(env.DB), {
		scale: Number.isFinite(scale) && scale >= 1 ? scale : 1,
		now: clockOf(env)
	});
}

/**
 * The one call for pages and the API: counts an attempt of `kind` for the client address, the
 * contact (phone or e-mail, normalised) and/or the kiosk tablet, whichever are given. A kiosk
 * is counted by its device, not its address: it shares the school's address with the parents'
 * phones. Refused when either is over its
 * limit; retryAfter is the longer wait. Routes count the client before validating the input (so
 * junk counts too) and the contact once it is known to be valid.
 */
export async function checkRateLimit(
	env: RateLimitEnv | undefined,
	kind: LimitKind,
	who: { client?: string | null; contact?: string | null; device?: number | null }
): Promise<LimitResult> {
	const limiter = rateLimiter(env);
	const keys = [
		...(who.client != null ? [`client:${who.client}`] : []),
		...(who.contact ? [`contact:${who.contact}`] : []),
		...(who.device != null ? [`device:${who.device}`] : [])
	];
	const results = await Promise.all(keys.map((key) => limiter.limit(kind, key)));
	const refused = results.filter((r) => !r.ok);
	if (refused.length === 0) return OK;
	securityEvent('rate_limited', { kind });
	return { ok: false, retryAfter: Math.max(...refused.map((r) => r.retryAfter)) };
}
