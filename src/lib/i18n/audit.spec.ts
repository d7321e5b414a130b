/**
 * The translation audit of issue 19, kept true: each finding as a check that fails when it comes
 * back. The wording itself is a person's work; these guard what a review found hurting parents.
 */
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES as ROLES } from '../domain/lists';
import { LANGUAGES, type Language } from './languages';
import { resources, translator } from './resources';
import { flatten, PLURAL, type Tree } from './tree';

const texts = (lang: Language) => flatten(resources[lang] as Tree);
const OTHERS = LANGUAGES.filter((l) => l !== 'nl');

describe('the wijkteam', () => {
	it.each(OTHERS)('is explained wherever %s names it: "(wijkteam)" after its own words', (lang) => {
		for (const [key, text] of texts(lang)) {
			const bare = text.replaceAll('(wijkteam)', '');
			expect(bare, `${lang}: ${key}`).not.toMatch(/wijkteam/i);
		}
		expect(texts(lang).get('app.wijkteamWhat')).toContain('(wijkteam)');
	});

	it('is a team that supports families in Polish and Turkish, not the district police', () => {
		for (const [key, text] of texts('pl')) {
			if (key !== 'roles.wijkagent') expect(text, key).not.toMatch(/zesp\S* dzielnicow/i);
		}
		for (const [key, text] of texts('tr'))
			expect(text, key).not.toMatch(/mahalle ekib|mahalle ekip/i);
		expect(texts('pl').get('app.wijkteamWhat')).toMatch(/^Zespół wsparcia rodzin \(wijkteam\)/);
		expect(texts('tr').get('app.wijkteamWhat')).toMatch(/^Aile destek ekibi \(wijkteam\)/);
	});
});

describe('English', () => {
	const en = texts('en');
	it('says "walk-in hour", never "drop-in"', () => {
		for (const [key, text] of en) expect(text, key).not.toMatch(/drop[- ]?in/i);
	});

	it('writes "e-mail", as the Dutch does', () => {
		for (const [key, text] of en) {
			expect(text.replaceAll('{{email}}', ''), key).not.toMatch(/\bemail/i);
		}
	});

	it('says it plainly', () => {
		expect(en.get('booking.cancelText')).toMatch(/^Can't come\?/);
		expect(en.get('kiosk.gone')).toBe('Has left');
	});
});

describe('Dutch', () => {
	const nl = texts('nl');
	it('says "u heeft" throughout and "Andere tijd kiezen" for moving an appointment', () => {
		for (const [key, text] of nl) {
			expect(text, key).not.toMatch(/\bhebt\b/i);
			expect(text, key).not.toMatch(/verzet/i);
		}
		expect(nl.get('booking.moveButton')).toBe('Andere tijd kiezen');
	});

	it('keeps the statements free of jargon (B1)', () => {
		for (const [key, text] of nl) {
			if (!key.startsWith('statements.')) continue;
			expect(text, key).not.toMatch(/Time Travel|D1|geforceerd|database|pixels|axe\b|EN 301/);
		}
	});
});

describe('counts', () => {
	it.each(LANGUAGES)('go through plural forms, and zero reads as words: %s', (lang) => {
		const t = translator(lang);
		const bases = new Set<string>();
		for (const [key, text] of texts(lang)) {
			expect(text, `${lang}: ${key} counts without a plural form`).not.toMatch(/\{\{days\}\}/);
			if (text.includes('{{count}}')) expect(key, `${lang}: ${key}`).toMatch(PLURAL);
			if (PLURAL.test(key)) bases.add(key.replace(PLURAL, ''));
		}
		for (const base of bases) {
			// @ts-expect-error: a key built from the files themselves
			const zero: string = t(base, { count: 0 });
			expect(zero, `${lang}: ${base} with 0`).not.toMatch(/\d/);
		}
		expect(t('kiosk.waiting', { count: 0 })).not.toBe('');
	});

	it('say "Er wacht niemand" in Dutch', () => {
		expect(translator('nl')('kiosk.waiting', { count: 0 })).toBe('Er wacht niemand');
		expect(translator('nl')('statements.privacy.howLong1', { count: 1 })).toMatch(
			/^Afspraken: 1 dag /
		);
		expect(translator('pl')('statements.privacy.howLong1', { count: 30 })).toMatch(/30 dni/);
		expect(translator('uk')('statements.privacy.howLong2', { count: 21 })).toMatch(/21 день/);
	});
});

describe('Turkish buttons', () => {
	// Turkish screens write buttons in the short imperative ("Gönder"); the polite "-in" form is
	// for sentences. One form for every button, not both.
	const BUTTONS = [
		'school.book',
		'school.ask',
		'book.submit',
		'book.otherDay',
		'book.otherTime',
		'book.otherPerson',
		'booking.moveButton',
		'booking.cancelButton',
		'booking.deleteButton',
		'booking.deleteConfirm',
		'booking.newBooking',
		'ask.submit',
		'question.replySend',
		'question.deleteButton',
		'question.deleteConfirm',
		'kiosk.book',
		'kiosk.ask',
		'kiosk.startAgain',
		'kiosk.pairSubmit',
		'walkin.take',
		'app.backToHome',
		'readAloud.start',
		'readAloud.stop',
		'readAloud.biggerText'
	];
	it.each(BUTTONS)('%s', (key) => {
		const text = texts('tr').get(key);
		expect(text).toBeDefined();
		expect(text).not.toMatch(/(?:[ıiuü]n|y[ıiuü]n|[ıiuü]nız)$/);
	});
});

describe('Ukrainian', () => {
	it('never puts a name where it would need a case ending, and offers times, not seats', () => {
		for (const [key, text] of texts('uk')) {
			expect(text, key).not.toMatch(/\bі?з \{\{/);
			expect(text, key).not.toMatch(/вільн\S* місц/);
		}
	});
});

describe('roles', () => {
	// A role names what someone does, not whether they are a man or a woman.
	const BOTH = {
		pl: /\/|^Osoba |^Coach /,
		uk: /\/|^Коуч /,
		ar: /\(ة\)/,
		ti: /\/|^ነርስ|^ክኢላ|^ፖሊስ/
	} as const;
	it.each(Object.keys(BOTH) as (keyof typeof BOTH)[])('%s', (lang) => {
		for (const role of ROLES) {
			expect(texts(lang).get(`roles.${role}`), `${lang}: ${role}`).toMatch(BOTH[lang]);
		}
	});
});

describe('Tigrinya', () => {
	it('ends the kiosk with "completed", not "it ran out"', () => {
		expect(texts('ti').get('kiosk.done')).toBe('ተዛዚሙ');
		expect(texts('ti').get('book.consent')).not.toMatch(/ንዚ/);
	});
});

describe('keys', () => {
	// Every source file, as text: a key is used when a string names it, or a template built from
	// a typed list can make it (`roles.${role}`), or codeKey() takes its prefix.
	const sources = import.meta.glob<string>(['/src/**/*.{ts,svelte}', '!/src/**/*.spec.ts'], {
		query: '?raw',
		import: 'default',
		eager: true
	});
	const all = Object.values(sources).join('\n');
	const literals = new Set([...all.matchAll(/['"`]([A-Za-z0-9_.]+)['"`]/g)].map((m) => m[1]));
	const templates = [...all.matchAll(/`([A-Za-z0-9_.]*\$\{[^`]*)`/g)]
		.map((m) => m[1])
		.filter((t) => /[A-Za-z_]{3,}/.test(t.replace(/\$\{[^}]*\}/g, '')))
		.map(
			(t) =>
				new RegExp(
					'^' +
						t
							.split(/\$\{[^}]*\}/)
							.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
							.join('[A-Za-z0-9_.]+') +
						'$'
				)
		);
	const codePrefixes = [...all.matchAll(/codeKey\(\s*'([a-z.]+)'/g)].map((m) => `${m[1]}.`);

	it('are all used somewhere in src', () => {
		const keys = new Set([...texts('nl').keys()].map((k) => k.replace(PLURAL, '')));
		const unused = [...keys].filter(
			(key) =>
				!literals.has(key) &&
				!templates.some((pattern) => pattern.test(key)) &&
				!codePrefixes.some((prefix) => key.startsWith(prefix))
		);
		expect(unused).toEqual([]);
	});
});
