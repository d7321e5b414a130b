import * as v from 'valibot';
import { noControl } from './fields.ts';

/** A school search: a name, town or neighbourhood, at least two characters. */
export const SchoolSearch = v.object({
	q: v.pipe(
		v.string('required'),
		noControl,
		v.trim(),
		v.minLength(2, 'too_short'),
		v.maxLength(100, 'too_long')
	)
});

/** A school's slug as it appears in URLs. */
export const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'invalid'));
