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
 * The key for a code that comes from outside the type system (a form action's answer, a field's
 * name in a validation error): only the prefix is checked. An unknown code gives the key itself,
 * as any missing text does. Use it only where no typed list of the codes exists yet; every use is
 * a list still to make (`git grep codeKey`).
 */
export const codeKey = (prefix: KeyPrefix, code: string | null | undefined) =>
	`${prefix}.${code}` as MessageKey;
