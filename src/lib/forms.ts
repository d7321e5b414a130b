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
