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

/** The path parameters of a school's API routes. */
export const SchoolParams = v.object({ slug: Slug });

/** A secret link's token as it appears in a path (an unknown one is simply not found). */
export const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(256));
