import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, demoSeedStatements } from '$lib/server/demo/seed';
import { verifyPassword } from '$lib/server/auth/password';
import { openTotpSecret, totpKeysOf } from '$lib/server/auth/totp-keys';

const count = async (table: string) =>
	(await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe('demo data', () => {
	it('is in D1 as DESIGN.md lists it', async () => {
		const orgs = await env.DB.prepare('SELECT name, phone FROM organisations ORDER BY id').all();
		expect(orgs.results.map((o) => o.name)).toEqual([
			'Wijkteam Tilburg',
			'Wijkteam Hollands Kroon',
			'Jeugdhulp Den Haag'
		]);
		expect(orgs.results[1].phone).toBe('088 321 5000');
		const hollandsKroon = await env.DB.prepare(
			'SELECT count(*) AS n FROM schools WHERE organisation_id = 2'
		).first<{ n: number }>();
		expect(hollandsKroon!.n).toBeGreaterThanOrEqual(2);
		const centre = await env.DB.prepare(
			'SELECT l.name FROM availability_blocks b JOIN locations l ON l.id = b.location_id WHERE l.school_id IS NULL AND b.school_id IN (SELECT id FROM schools WHERE organisation_id = 2)'
		).first<{ name: string }>();
		expect(centre!.name).toContain('Dorpshuis');
		const transvaal = await env.DB.prepare(
			"SELECT organisation_id FROM schools WHERE neighbourhood = 'Transvaal'"
		).first<{ organisation_id: number }>();
		expect(transvaal!.organisation_id).toBe(3);
		expect(await count('bookings')).toBeGreaterThanOrEqual(3);
		expect(await count('questions')).toBeGreaterThanOrEqual(2);
	});

	it('has demo accounts whose password works', async () => {
		const samira = await env.DB.prepare(
			"SELECT id, password_hash, totp_secret, role FROM users WHERE email = 'samira@wijkteamtilburg.example.nl'"
		).first<{ id: number; password_hash: string; totp_secret: string; role: string }>();
		expect(samira!.role).toBe('staff');
		// The secret the start command prints, sealed with the development key (never in clear).
		const printed = DEMO_ACCOUNTS.find((a) => a.id === samira!.id)!.totp;
		expect(samira!.totp_secret).not.toContain(printed);
		expect(await openTotpSecret(totpKeysOf(env), samira!.id, samira!.totp_secret)).toEqual({
			secret: printed,
			stale: false
		});
		expect(await verifyPassword('inloop-demo-2026', samira!.password_hash)).toBe(true);
		expect(await verifyPassword('wrong', samira!.password_hash)).toBe(false);
		const admins = await env.DB.prepare(
			"SELECT count(DISTINCT organisation_id) AS n FROM users WHERE role = 'admin'"
		).first<{ n: number }>();
		expect(admins!.n).toBe(3);
	});

	it('keeps one copy when it is loaded again', async () => {
		const tables = [
			'organisations',
			'schools',
			'staff',
			'availability_blocks',
			'bookings',
			'questions',
			'users',
			'kiosk_devices'
		];
		const before = await Promise.all(tables.map(count));
		const statements = await demoSeedStatements('2026-11-23', totpKeysOf(env));
		await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
		expect(await Promise.all(tables.map(count))).toEqual(before);
	});

	it('stores no secret in clear', async () => {
		const booking = await env.DB.prepare(
			'SELECT manage_token_hash FROM bookings WHERE id = 1'
		).first<{ manage_token_hash: string }>();
		expect(booking!.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
		const kiosk = await env.DB.prepare(
			'SELECT pairing_code_hash FROM kiosk_devices WHERE id = 1'
		).first<{ pairing_code_hash: string }>();
		expect(kiosk!.pairing_code_hash).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('schema constraints', () => {
	it('refuses rows that break the rules', async () => {
		const bad = [
			"INSERT INTO availability_blocks (staff_id, school_id, location_id, weekday, start_time, end_time, valid_from) VALUES (1, 1, 1, 8, '08:30', '09:00', '2026-01-01')",
			"INSERT INTO availability_blocks (staff_id, school_id, location_id, weekday, start_time, end_time, valid_from) VALUES (1, 1, 1, 2, '10:00', '09:00', '2026-01-01')",
			"INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, starts_at, ends_at, first_name, language, made_by) VALUES ('AAAAAA', 'x', 1, 1, 2, 3, 'Ann', 'nl', 'parent')",
			"INSERT INTO bookings (reference, manage_token_hash, school_id, staff_id, starts_at, ends_at, first_name, phone, language, made_by, status) VALUES ('AAAAAB', 'y', 1, 1, 2, 3, 'Ann', '06', 'nl', 'parent', 'lost')",
			"INSERT INTO schools (organisation_id, slug, name, address, postcode, town, search_text, languages) VALUES (1, 'Bad Slug', 'X', 'a', 'b', 'c', 'x', '[]')",
			'INSERT INTO staff_schools (staff_id, school_id) VALUES (999, 1)'
		];
		for (const statement of bad) {
			await expect(env.DB.prepare(statement).run(), statement).rejects.toThrow();
		}
	});
});
