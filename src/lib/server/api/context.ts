import type * as v from 'valibot';
import { reply, RESPONSES } from './schemas.ts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { KeyUnder } from '../../i18n/keys.ts';
import type { Language } from '../../i18n/languages.ts';
import { translator } from '../../i18n/resources.ts';
import type { Db } from '../db/index.ts';
import type { EmailBinding } from '../mail/index.ts';
import { publicApiCache } from '../http/headers.ts';
import type { FieldErrors } from '../../validation/index.ts';
import { checkRateLimit, type LimitKind, type RateLimitEnv } from '../ratelimit/index.ts';
import { notifierFor, type Notifier } from '../notify/index.ts';
import type { SmsEnv } from '../notify/sms.ts';
import type { PushEnv } from '../notify/push.ts';

export type ApiEnv = {
	Bindings: {
		DB: D1Database;
		PUBLIC_ORIGIN?: string;
		LINK_SECRET?: string;
		MAIL_FROM?: string;
		EMAIL?: EmailBinding;
		/** A test clock (../clock.ts); ignored unless PUBLIC_ORIGIN is a loopback address. */
		TEST_CLOCK?: string;
		/** The schools' live screens (src/lib/server/live). */
		LIVE?: DurableObjectNamespace;
		/** Seconds Cloudflare may keep the public reads (../http/headers.ts). */
		API_CACHE_SECONDS?: string;
	} & RateLimitEnv &
		SmsEnv &
		PushEnv;
	/** `now`: this request's instant from the worker's one clock. */
	Variables: { db: Db; lang: Language; now: number };
};

/** The API's error answer, as the document shows it (./schemas.ts). */
type ErrorAnswer = v.InferOutput<typeof RESPONSES.Error>;

/**
 * The one error shape of the API: { error: { code, message, fields } }, the message translated into
 * the caller's language (?lang= or Accept-Language).
 */
export function apiError(
	// Any Hono context: validator hooks hand over one without our Env type.
	c: Context,
	status: ContentfulStatusCode,
	code: KeyUnder<'errors'>,
	fields: FieldErrors = {},
	extra: Pick<ErrorAnswer['error'], 'alternatives' | 'start' | 'remaining'> = {}
) {
	const t = translator(c.get('lang') ?? 'nl');
	const error = { code, message: t(`errors.${code}`), fields, ...extra };
	return reply(c, RESPONSES.Error, { error }, status);
}

/** The JSON body, or undefined when it is not valid JSON (the caller answers 400 invalid_json). */
export async function readJson(c: Context): Promise<unknown> {
	try {
		return await c.req.json();
	} catch {
		return undefined;
	}
}

/**
 * Counts one attempt of `kind` for the caller (its address) and/or a contact. Over the limit: the
 * 429 to answer, with Retry-After and `rate_limited` in the caller's language; else undefined.
 */
export async function rateLimited(
	c: Context<ApiEnv>,
	kind: LimitKind,
	who: { client?: boolean; contact?: string | null }
) {
	const result = await checkRateLimit(c.env, kind, {
		client: who.client ? (c.req.header('cf-connecting-ip') ?? 'unknown') : null,
		contact: who.contact
	});
	if (result.ok) return undefined;
	c.header('retry-after', String(result.retryAfter));
	return apiError(c, 429, 'rate_limited');
}

/** Every channel to a parent, with links on this request's origin (src/lib/server/notify). */
export function notifierOf(c: Context<ApiEnv>): Notifier {
	return notifierFor(c.env, c.var.db, new URL(c.req.url).origin, waitUntilOf(c));
}

/** The request's waitUntil; none when the app is called without one (`app.request()` in tests). */
function waitUntilOf(c: Context<ApiEnv>) {
	try {
		const ctx = c.executionCtx;
		return (promise: Promise<unknown>) => ctx.waitUntil(promise);
	} catch {
		return undefined;
	}
}

/** The secret behind parents' links; wrangler.toml has a development value. */
export function linkSecretOf(c: Context<ApiEnv>): string {
	if (!c.env.LINK_SECRET) throw new Error('LINK_SECRET is not set');
	return c.env.LINK_SECRET;
}

/**
 * A public read that is the same for everyone (a school, its slots, its walk-in status): kept in
 * Cloudflare's cache for API_CACHE_SECONDS (../http/edge-cache.ts, keyed by the language too).
 */
export function sharedAnswer(c: Context<ApiEnv>) {
	c.header('cache-control', publicApiCache(c.env));
	c.header('vary', 'Accept-Language');
}
