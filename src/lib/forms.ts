/**
 * A page with several forms gets back the one that was refused, as { form: name, errors, values }.
 * These read the errors and the typed values of one of them, or nothing.
 */
type Refused = { form?: string; errors?: Record<string, string>; values?: Record<string, string> };

export function refusedForm(form: unknown, name: string) {
	const refused =
		form && typeof form === 'object' && (form as Refused).form === name ? (form as Refused) : null;
	return {
		open: refused !== null,
		errors: refused?.errors ?? {},
		values: (fallback: Record<string, string> = {}) => refused?.values ?? fallback
	};
}

const answerOf = (form: unknown) => (form && typeof form === 'object' ? (form as Refused) : null);

/** A page with one form: the field errors it got back (`fail(…, { errors })`), or none. */
export function errorsOf(form: unknown): Record<string, string> {
	return answerOf(form)?.errors ?? {};
}

/** A page with one form: what was typed in it, sent back with its errors, or nothing. */
export function valuesOf(form: unknown): Record<string, string> {
	return answerOf(form)?.values ?? {};
}

/**
 * The ids that describe a field, for its aria-describedby: its error when it has one, then the
 * other texts (a hint, a fieldset's hint). Undefined when there are none.
 */
export function ariaDescribedBy(
	errors: Record<string, string> | undefined,
	field: string,
	...others: (string | false | undefined)[]
): string | undefined {
	return (
		[errors?.[field] ? `${field}-error` : undefined, ...others].filter(Boolean).join(' ') ||
		undefined
	);
}

/**
 * A page with one form: what a refused form sent back, its field errors and what was typed (over
 * the page's own `initial` values, e.g. a draft), or no errors and the initial values.
 */
export function refusal(form: unknown, initial: Record<string, string> = {}) {
	return { errors: errorsOf(form), values: { ...initial, ...valuesOf(form) } };
}
