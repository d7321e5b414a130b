/**
 * What may go into a log line about an error: never personal data. drizzle's query errors carry
 * the statement's parameters (a parent's name, phone number, question) in their message; those
 * are cut off, and anything that still looks like an e-mail address, a phone number or a token
 * is masked.
 */
export function errorForLog(error: unknown): { name: string; message: string } {
	const name = error instanceof Error ? error.name : typeof error;
	const raw = error instanceof Error ? error.message : String(error);
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
	const message = [raw.split(/\nparams:/)[0], cause]
		.filter(Boolean)
		.join(' | ')
		.replace(/[^\s@'"]+@[^\s@'"]+/g, '[email]')
		.replace(/\+?\d[\d\s().-]{7,}\d/g, '[number]')
		.replace(/[A-Za-z0-9_-]{24,}/g, '[token]')
		.slice(0, 500);
	return { name, message };
}
