/**
 * Writes src/lib/server/auth/common-passwords.json: the passwords of zxcvbn-ts's list of the most
 * common passwords from breaches (about 49,000) that the length rule alone would let through,
 * in lower case. The worker ships these few hundred, not the whole list.
 * Usage: node scripts/common-passwords.ts   (after updating @zxcvbn-ts/language-common)
 */
import { writeFileSync } from 'node:fs';
import { commonPasswords } from '../src/lib/server/auth/common-passwords-source.ts';

const path = 'src/lib/server/auth/common-passwords.json';
const list = await commonPasswords();
writeFileSync(path, `${JSON.stringify(list, null, '\t')}\n`);
console.log(`${path}: ${list.length} passwords`);
