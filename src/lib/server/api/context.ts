import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { translator, type Language } from '../../i18n/index.ts';
import type { Db } from '../db/index.ts';
import type { FieldErrors } from '../../validation/index.ts';

export type ApiEnv = {
	Bindings: { DB: D1Database; PUBLIC_ORIGIN?: string };
	Variables: { db: Db; lang: Language };
};

/**
 * The one error shape of the API: { error: { code, message, fields } }, the message translated into
 * the caller's language (?lang= or Accept-Language).
 */
export function apiError(
	// Any Hono context: validator hooks hand over one without our Env type.
	c: Context,
	status: ContentfulStatusCode,
	code: string,
	fields: FieldErrors = {},
	extra: Record<string, unknown> = {}
) {
	const t = translator(c.get('lang') ?? 'nl');
	return c.json({ error: { code, message: t(`errors.${code}`), fields, ...extra } }, status);
}
