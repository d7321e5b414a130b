/** The translation files as flat lists of keys, for the tests that read them. */

export type Tree = { [key: string]: string | Tree };

/** 'home.resultsCount_one' → its text, for every text of a file. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
	}
	return out;
}

/** A plural form's suffix: 'home.resultsCount_one' is a form of 'home.resultsCount'. */
export const PLURAL = /_(zero|one|two|few|many|other)$/;
