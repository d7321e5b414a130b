import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { getSchoolPage, normaliseSearch, searchSchools } from '.';
import { addDays, amsterdamDate } from '../scheduling/time';
import { testNow } from '../../../../tests/integration/clock';

const db = () => getDb(env.DB);

describe('searchSchools against D1', () => {
	it('finds schools by name, town and neighbourhood, whatever the case or accents', async () => {
		expect((await searchSchools(db(), 'zuidwester')).map((s) => s.slug)).toEqual(['de-zuidwester']);
		expect((await searchSchools(db(), 'TILBURG')).map((s) => s.slug)).toEqual([
			'de-zuidwester',
			'het-kompas-tilburg'
		]);
		expect((await searchSchools(db(), 'transvaal')).map((s) => s.slug)).toEqual(['de-vlinderboom']);
		expect((await searchSchools(db(), 'Zuídwéster')).map((s) => s.name)).toEqual(['De Zuidwester']);
	});

	it('treats % and _ as plain characters, and finds nothing for nonsense', async () => {
		expect(await searchSchools(db(), '%')).toEqual([]);
		expect(await searchSchools(db(), 'de_z')).toEqual([]);
		expect(await searchSchools(db(), 'xyzzy')).toEqual([]);
		expect(await searchSchools(db(), '   ')).toEqual([]);
	});

	it('normalises text for the search column', () => {
		expect(normaliseSearch('  Één  Zuidwester ')).toBe('een zuidwester');
	});
});

describe('getSchoolPage against D1', () => {
	it('gives De Zuidwester with Samira and Jeroen, their hours and places, and the partners', async () => {
		const page = await getSchoolPage(db(), 'de-zuidwester', amsterdamDate(testNow()));
		expect(page).not.toBeNull();
		expect(page!.school).toMatchObject({
			name: 'De Zuidwester',
			town: 'Tilburg',
			neighbourhood: 'Staatsliedenbuurt Oost'
		});
		expect(page!.organisation.name).toBe('Wijkteam Tilburg');
		expect(page!.contacts.map((c) => c.name)).toEqual(['Samira El Amrani', 'Jeroen de Vries']);

		const samira = page!.contacts[0];
		expect(samira.role).toBe('wijkteammedewerker');
		expect(samira.languages).toEqual(['nl', 'ar', 'en']);
		expect(samira.intro.ar).toBeTruthy();
		expect(samira.presence).toEqual([
			expect.objectContaining({
				weekday: 2,
				start: '08:30',
				end: '10:00',
				bookable: true,
				walkIn: false,
				location: expect.objectContaining({ name: 'Ouderkamer' })
			}),
			expect.objectContaining({
				weekday: 4,
				start: '14:30',
				end: '15:30',
				bookable: false,
				walkIn: true
			})
		]);
		// Samira's Wednesday at Het Kompas belongs to the other school's page.
		expect(samira.presence.some((p) => p.weekday === 3)).toBe(false);
		expect(page!.contacts[1].presence).toEqual([
			expect.objectContaining({ weekday: 1, start: '08:30', end: '09:30' })
		]);

		expect(page!.partners.map((p) => p.role)).toEqual([
			'gedragscoach',
			'orthopedagoog',
			'jgz_verpleegkundige',
			'schoolmaatschappelijk_werker',
			'wijkagent',
			'buurtwerker'
		]);
	});

	it('leaves out hours not yet or no longer in force', async () => {
		// The day before the demo's weekly hours came into force.
		const { since } = (await env.DB.prepare(
			'SELECT min(valid_from) AS since FROM availability_blocks WHERE school_id = 1'
		).first<{ since: string }>())!;
		const before = await getSchoolPage(db(), 'de-zuidwester', addDays(since, -1));
		expect(before!.contacts.every((c) => c.presence.length === 0)).toBe(true);
	});

	it('gives null for an unknown school', async () => {
		expect(await getSchoolPage(db(), 'no-such-school', '2026-11-23')).toBeNull();
	});
});
