/**
 * The one way a request's input reaches an API handler: a validator middleware built from a valibot
 * schema in src/lib/validation, for the query, the path parameters or the JSON body. The same
 * schema is what the OpenAPI document shows (./document.ts reads it back from the middleware).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { check } from '../../validation/index.ts';
import { apiError, rateLimited, readJson, type ApiEnv } from './context.ts';
import type { LimitKind } from '../ratelimit/index.ts';
import type { KeyUnder } from '../../i18n/keys.ts';

export type Target = 'query' | 'param' | 'json';

/** What the document generator reads from a validator middleware. */
export const VALIDATES = Symbol('validates');
export type Validates = { target: Target; schema: v.GenericSchema };

/** The answer to input that fails its schema when it is not 400 `invalid` with the fields. */
export type OnInvalid = { status: ContentfulStatusCode; code: KeyUnder<'errors'> };

function rawInput(c: Context, target: Target): Promise<unknown> | unknown {
	if (target === 'json') return readJson(c);
	if (target === 'param') return c.req.param();
	// As Hono's own validator: a repeated key is an array (and so fails a string field).
	return Object.fromEntries(
		Object.entries(c.req.queries()).map(([k, values]) => [
			k,
			values.length === 1 ? values[0] : values
		])
	);
}

/**
 * Validates one part of the request with `schema`; the handler reads the output with
 * `c.req.valid(target)`. A body that is not JSON answers 400 `invalid_json`; input that fails the
 * schema 400 `invalid` with `fields`, or `onInvalid` (a path parameter that cannot name anything
 * answers the 404 an unknown one would).
 */
export function valid<T extends Target, S extends v.GenericSchema>(
	target: T,
	schema: S,
	onInvalid?: OnInvalid
) {
	const middleware: MiddlewareHandler<
		ApiEnv,
		string,
		{ in: { [K in T]: v.InferInput<S> }; out: { [K in T]: v.InferOutput<S> } }
	> = async (c, next) => {
		const raw = await rawInput(c, target);
		if (raw === undefined) return apiError(c, 400, 'invalid_json');
		const input = check(schema, raw);
		if (!input.ok) {
			return onInvalid
				? apiError(c, onInvalid.status, onInvalid.code)
				: apiError(c, 400, 'invalid', input.errors);
		}
		c.req.addValidatedData(target, input.data as object);
		await next();
	};
	return Object.assign(middleware, { [VALIDATES]: { target, schema } satisfies Validates });
}

/** Counts one attempt of `kind` for the caller's address; over the limit: 429 with Retry-After. */
export const limit =
	(kind: LimitKind): MiddlewareHandler<ApiEnv> =>
	async (c, next) =>
		(await rateLimited(c, kind, { client: true })) ?? next();

/** A slug that cannot be a school's answers as an unknown one does. */
export const NO_SCHOOL: OnInvalid = { status: 404, code: 'school_not_found' };
