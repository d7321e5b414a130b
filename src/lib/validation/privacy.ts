/** The AVG look-up: one phone number or e-mail address, however it was typed. */
import * as v from 'valibot';
import { noControl, normalisePhone } from './fields.ts';

/**
 * The contact as the records are found by: a phone number in one form (+31612345678) or an
 * e-mail address in lower case. 'invalid' for anything that can be neither.
 */
export const ContactLookup = v.object({
	contact: v.pipe(
		v.string('required'),
		noControl,
		v.trim(),
		v.nonEmpty('required'),
		v.maxLength(254, 'too_long'),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const raw = dataset.value;
			if (raw.includes('@')) {
				const email = raw.toLowerCase();
				if (v.is(v.pipe(v.string(), v.email()), email)) return email;
			} else if (/^\+?[\d\s().-]+$/.test(raw)) {
				const phone = normalisePhone(raw);
				if (phone) return phone;
			}
			addIssue({ message: 'invalid' });
			return NEVER;
		})
	)
});

/** The same with the coordinator's "yes, erase it all". */
export const ContactErasure = v.object({
	...ContactLookup.entries,
	confirm: v.literal('on', 'required')
});
