/**
 * The OpenAPI 3.1 document, generated from the routes of the Hono app: each operation's `describe()`
 * middleware says what it is (operationId, summary, answers, examples), and its request parts
 * (path parameters, query, JSON body) are read from the validator middleware that checks them
 * (./validate.ts), so the document shows the validators' own limits and lists. The answers' shapes
 * are valibot schemas too (./schemas.ts): an operation names its answer's schema with `documented`
 * and its handler answers with `reply` (./schemas.ts), both typed by that schema, so a handler that returns
 * something else than the document says fails `npm run check`.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { LANGUAGES } from '../../i18n/languages.ts';
import { translator } from '../../i18n/resources.ts';
import type { KeyUnder } from '../../i18n/keys.ts';
import { VALIDATES, type Validates } from './validate.ts';
import { RESPONSES, SCHEMAS } from './schemas.ts';

/** The errors an operation can answer besides the ones every operation of its kind can. */
type ErrorCodes = Partial<Record<400 | 404 | 409 | 426, readonly KeyUnder<'errors'>[]>>;

export type Operation = {
	operationId: string;
	summary: string;
	description?: string;
	tags: readonly [string];
	/** The documented path when Hono's differs (a pattern with a regular expression). */
	path?: string;
	/** Path parameters no validator reads (the calendar feed's file name). */
	parameters?: object[];
	/** A valid request body, shown as its example. */
	requestExample?: unknown;
	/** The answers other than errors: status → `documented(…)`, or a response object. */
	responses: Record<string, Documented | object>;
	/** Error codes this operation answers, by status (each with the one error shape). */
	errors?: ErrorCodes;
	/** 429 with Retry-After: rate limited per client. */
	limited?: boolean;
};

const DESCRIBES = Symbol('describes');

/** A success answer in the document: its description, its schema and an example of its type. */
export type Documented = { description: string; answer: v.GenericSchema; example?: unknown };

/** An answer of `schema` (from ./schemas.ts, or a list of one), its example checked by type. */
export function documented<S extends v.GenericSchema>(
	description: string,
	schema: S,
	example?: v.InferOutput<S>
): Documented {
	return { description, answer: schema, ...(example !== undefined && { example }) };
}

/** A no-op middleware that carries the operation's description for the document. */
export function describe(operation: Operation): MiddlewareHandler {
	return Object.assign(async (_c: unknown, next: () => Promise<void>) => next(), {
		[DESCRIBES]: operation
	});
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, example?: unknown) => ({
	'application/json': example === undefined ? { schema } : { schema, example }
});

/**
 * Valibot to JSON Schema, as a request is read (typeMode input). Checks and cleaning (trim, lower
 * case) have no JSON Schema twin and are left out; an optional field that also takes '' or null
 * (`optionalField` in src/lib/validation/fields.ts) is shown as the field it is when given.
 */
const CONVERSION: ConversionConfig = {
	typeMode: 'input',
	target: 'draft-2020-12',
	ignoreActions: ['check', 'trim', 'to_lower_case'],
	overrideSchema({ valibotSchema }) {
		const wrapped = (valibotSchema as { wrapped?: { pipe?: v.GenericSchema[] } }).wrapped;
		const last = wrapped?.pipe?.at(-1) as { type?: string; wrapped?: v.GenericSchema } | undefined;
		if (valibotSchema.type === 'optional' && wrapped?.pipe?.[0]?.type === 'unknown') {
			if (last?.type === 'optional' && last.wrapped) return jsonSchemaOf(last.wrapped);
		}
		return undefined;
	}
};

function jsonSchemaOf(schema: v.GenericSchema): JsonSchema {
	const { $schema: _dialect, ...rest } = toJsonSchema(schema, CONVERSION);
	return rest;
}

/** An answer's schema as the document shows it: a component by $ref, or a list of them. */
function answerSchemaOf(schema: v.GenericSchema): JsonSchema {
	const {
		$schema: _dialect,
		$defs: _components,
		...rest
	} = toJsonSchema(schema, {
		target: 'draft-2020-12',
		typeMode: 'output',
		definitions: RESPONSES,
		overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`
	});
	return rest;
}

function t(code: KeyUnder<'errors'>) {
	return translator('en')(`errors.${code}`);
}

const errorExample = (code: KeyUnder<'errors'>, fields: Record<string, string> = {}) => ({
	error: { code, message: t(code), fields }
});

function errorResponse(status: number, codes: readonly KeyUnder<'errors'>[]) {
	const example =
		codes[0] === 'invalid'
			? errorExample('invalid', { firstName: 'required' })
			: errorExample(codes[0]);
	return {
		description: `${codes.join(', ')} (error.code)`,
		content: json(ref('Error'), example)
	};
}

const COMMON_RESPONSES = {
	Forbidden: {
		description:
			'forbidden_origin: a state-changing request from a browser on another site (Origin or Sec-Fetch-Site). A cross-site POST with a form content type (text/plain, form-urlencoded, multipart) is refused before the API by SvelteKit, as plain text.',
		content: {
			...json(ref('Error'), errorExample('forbidden_origin')),
			'text/plain': {
				schema: { type: 'string' },
				example: 'Cross-site POST form submissions are forbidden'
			}
		}
	},
	PayloadTooLarge: {
		description: 'payload_too_large: a body over its limit; nothing is read or stored',
		content: json(ref('Error'), errorExample('payload_too_large'))
	},
	UnsupportedMediaType: {
		description: 'unsupported_media_type: the body is not sent as JSON (Content-Type)',
		content: json(ref('Error'), errorExample('unsupported_media_type'))
	},
	TooManyRequests: {
		description:
			"rate_limited: too many attempts from this client or for this contact, in the caller's language; nothing is stored",
		headers: {
			'Retry-After': {
				description: 'Seconds until a new attempt is counted',
				schema: { type: 'integer' }
			}
		},
		content: json(ref('Error'), errorExample('rate_limited'))
	},
	Internal: {
		description: 'internal: a fault on our side, logged with the request id',
		content: json(ref('Error'), errorExample('internal'))
	}
};
// Inline, not a $ref: a reader (or a test) finds an operation's Retry-After where it is.
const common = (name: keyof typeof COMMON_RESPONSES) => COMMON_RESPONSES[name];

/** Hono's `/api/v1/schools/:slug` as OpenAPI's `/v1/schools/{slug}` (the server URL ends in /api). */
const openApiPath = (path: string) =>
	path
		.replace(/^\/api/, '')
		.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')
		.replace(/(.)\/$/, '$1');

/** The parameters the validators read (`replaced`: the operation names its path parameters itself). */
function parametersOf(validators: Validates[], replaced: boolean) {
	const parameters: object[] = [];
	for (const { target, schema } of validators) {
		if (target === 'json' || (target === 'param' && replaced)) continue;
		const object = jsonSchemaOf(schema) as {
			properties?: Record<string, JsonSchema>;
			required?: string[];
		};
		for (const [name, property] of Object.entries(object.properties ?? {})) {
			parameters.push({
				name,
				in: target === 'param' ? 'path' : 'query',
				required: target === 'param' || (object.required ?? []).includes(name),
				schema: property
			});
		}
	}
	return parameters;
}

function operationOf(method: string, op: Operation, validators: Validates[]) {
	const body = validators.find((x) => x.target === 'json');
	const writes = method !== 'get';
	const responses: Record<string, object> = {};
	for (const [status, response] of Object.entries(op.responses)) {
		const r = response as Partial<Documented>;
		responses[status] = r.answer
			? { description: r.description, content: json(answerSchemaOf(r.answer), r.example) }
			: response;
	}
	const errors: ErrorCodes = { ...op.errors };
	if (body) errors[400] = ['invalid', 'invalid_json', ...(errors[400] ?? [])];
	for (const [status, codes] of Object.entries(errors)) {
		responses[status] = errorResponse(Number(status), codes);
	}
	if (writes) {
		responses['403'] = common('Forbidden');
		responses['413'] = common('PayloadTooLarge');
		if (body) responses['415'] = common('UnsupportedMediaType');
	}
	if (op.limited) responses['429'] = common('TooManyRequests');
	responses['500'] ??= common('Internal');
	return {
		operationId: op.operationId,
		summary: op.summary,
		...(op.description && { description: op.description }),
		tags: op.tags,
		// Nothing in this API signs in: public data, or a secret link that is its own key.
		security: [],
		parameters: [
			...parametersOf(validators, Boolean(op.parameters)),
			...(op.parameters ?? []),
			{ $ref: '#/components/parameters/lang' }
		],
		...(body && {
			requestBody: {
				required: true,
				content: json(jsonSchemaOf(body.schema), op.requestExample)
			}
		}),
		responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)))
	};
}

const TAGS = [
	{ name: 'health', description: 'Whether the service and its database answer' },
	{ name: 'schools', description: 'Public data of schools and their wijkteam contacts' },
	{ name: 'bookings', description: "Booking an appointment, and a parent's own booking" },
	{ name: 'questions', description: "Asking a question, and a parent's own question page" },
	{
		name: 'meetings',
		description: 'Parent meetings at school: the upcoming ones, signing up, suggesting a theme'
	},
	{
		name: 'waitlist',
		description: "The waiting list: waiting for a place, a parent's offer, claiming and leaving"
	},
	{ name: 'walkin', description: 'The walk-in hour: its queue, "I\'m here", checking in' },
	{
		name: 'push',
		description:
			'Web push without an account: the key; turning it on per record is under each record'
	},
	{ name: 'calendar', description: "A professional's private calendar feed" },
	{ name: 'meta', description: 'This document' }
];

/** The OpenAPI 3.1 document of `app`'s described operations, for a server at `origin`. */
export function generateDocument(app: Hono<never>, origin: string) {
	type Found = { op?: Operation; validators: Validates[] };
	const operations = new Map<string, Found>();
	for (const route of app.routes) {
		const handler = route.handler as {
			[DESCRIBES]?: Operation;
			[VALIDATES]?: Validates;
		};
		if (route.method === 'ALL') continue;
		const key = `${route.method.toLowerCase()} ${route.path}`;
		const found = operations.get(key) ?? { validators: [] };
		if (handler[DESCRIBES]) found.op = handler[DESCRIBES];
		if (handler[VALIDATES]) found.validators.push(handler[VALIDATES]);
		operations.set(key, found);
	}
	const paths: Record<string, Record<string, object>> = {};
	for (const [key, { op, validators }] of operations) {
		if (!op) continue;
		const [method, path] = key.split(' ');
		const documented = op.path ?? openApiPath(path);
		paths[documented] ??= {};
		paths[documented][method] = operationOf(method, op, validators);
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Inloop API',
			version: '1.0.0',
			description:
				"Public data of the schools' wijkteam contacts, for the kiosk and for schools' own websites, " +
				"and a parent's own bookings and questions through their secret links. Times are ISO 8601 " +
				'with the Europe/Amsterdam offset. Errors are always `{ error: { code, message, fields } }`, ' +
				'the message in the language of ?lang= or Accept-Language. A state-changing request from a ' +
				'browser on another site is refused.',
			license: { name: 'All rights reserved', identifier: 'LicenseRef-Proprietary' }
		},
		servers: [{ url: `${origin}/api` }],
		// No operation signs in; each states `security: []`, and a secret in a path is that
		// resource's own key (see its parameter).
		security: [],
		tags: TAGS,
		paths,
		components: {
			parameters: {
				lang: {
					name: 'lang',
					in: 'query',
					required: false,
					description: 'Language of error messages (else Accept-Language)',
					schema: { type: 'string', enum: [...LANGUAGES] }
				}
			},
			schemas: SCHEMAS
		}
	};
}
