/**
 * The translation keys, as a type made from the Dutch source files: `t('app.nme')` fails
 * `npm run check`. A key built at run time type-checks only when what it is built from is a typed
 * list (`t(`topics.${topic}`)` with `topic: Topic` from src/lib/domain/lists.ts): TypeScript
 * expands it and checks every value against the files. Plural forms (`_one`, `_other` …) are
 * asked for by their base key with a `count`.
 */
import type nl from './locales/nl.json';
import type staffNl from './staff/nl.json';

type Leaves<T, P extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithPluralBase<K extends string> = K extends `${infer Base}_${PluralForm}` ? K | Base : K;

/** Every text a parent page may ask for (locales/nl.json). */
export type PublicKey = WithPluralBase<Leaves<typeof nl>>;
/** Every text of the staff pages (staff/nl.json, under `staff.`). */
export type StaffKey = `staff.${WithPluralBase<Leaves<typeof staffNl>>}`;
export type MessageKey = PublicKey | StaffKey;

export type TOptions = { count?: number; defaultValue?: string; [name: string]: unknown };

/** A `t`: a known key (and its placeholders' values) to the text in one language. */
export type TFunction = (key: MessageKey, options?: TOptions | string) => string;

type Suffix<K, P extends string> = K extends `${P}.${infer R}` ? R : never;
/** The keys under a prefix, without it: `KeyUnder<'errors'>` is every code `errors.` has a text for. */
export type KeyUnder<P extends string> = Suffix<MessageKey, P>;

/** The key prefixes that have keys under them (`errors`, `staff.login` …). */
type Prefix<K> = K extends `${infer P}.${infer R}` ? P | `${P}.${Prefix<R>}` : never;
export type KeyPrefix = Prefix<MessageKey>;

/**
 * The key a code from outside the type system (a form's answer, a field's name in a validation
 * error) stands for, in a typed map of codes to keys: every key in the map is checked; a code the
 * map does not have gives `fallback`.
 */
export function keyFor<const M extends Record<string, MessageKey>>(
	map: M,
	code: string | null | undefined,
	fallback: MessageKey
): MessageKey {
	return code && Object.hasOwn(map, code) ? map[code] : fallback;
}

/** Every text under `fields.` (lists.spec checks the list against the Dutch source). */
export const FIELD_TEXTS = [
	'required',
	'too_short',
	'too_long',
	'invalid',
	'contact_required',
	'not_available',
	'before_from',
	'range_too_long',
	'firstName_invalid',
	'phone_invalid',
	'email_invalid',
	'consent_required',
	'remark_invalid',
	'taken',
	'startTime_overlap',
	'phone_required_for_call',
	'email_required_for_email',
	'text_required',
	'category_required',
	'answerBy_required',
	'body_required',
	'people_invalid',
	'theme_invalid',
	'out_of_range'
] as const satisfies readonly KeyUnder<'fields'>[];

/** The text of a field error code, a field's own wording (`fields.<field>_<code>`) first. */
export function fieldKey(field: string, code: string): MessageKey {
	const own = `${field}_${code}`;
	const texts: readonly string[] = FIELD_TEXTS;
	if (texts.includes(own)) return `fields.${own as KeyUnder<'fields'>}`;
	return texts.includes(code) ? `fields.${code as KeyUnder<'fields'>}` : 'fields.invalid';
}
