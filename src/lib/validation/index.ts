/**
 * Schemas shared by form actions, the API and (where useful) the browser. Every message in a
 * schema is a field error code ('required', 'too_long', …); pages and the API turn codes into
 * translated text with `fields.<code>`.
 */
import * as v from 'valibot';

export type FieldErrors = Record<string, string>;

/** Standard Schema issues (valibot's, or Hono's validator's) as { field: code }, first issue wins. */
export function fieldErrors(
	issues: readonly { message: string; path?: readonly unknown[]; received?: string }[]
): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		// A missing key gets the schema library's own sentence, not one of our codes.
		const code = /^[a-z_]+$/.test(issue.message)
			? issue.message
			: issue.received === 'undefined'
				? 'required'
				: 'invalid';
		const key =
			issue.path
				?.map((p) => String(p !== null && typeof p === 'object' && 'key' in p ? p.key : p))
				.join('.') || '_';
		errors[key] ??= code;
	}
	return errors;
}

/** Validates unknown input: the typed output, or the field errors. */
export function check<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): { ok: true; data: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
	const result = v.safeParse(schema, input);
	return result.success
		? { ok: true, data: result.output }
		: { ok: false, errors: fieldErrors(result.issues) };
}
