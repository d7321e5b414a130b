import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { countRoundTrips, countWith, getDb, roundTrips, schema } from '.';

describe('counting D1 round trips', () => {
	it('counts each statement call, each batch and each exec once', async () => {
		const trips = { count: 0 };
		const d1 = countRoundTrips(env.DB, trips);
		await d1.prepare('SELECT 1').all();
		await d1.prepare('SELECT ?').bind(2).first();
		await d1.prepare('SELECT ?').bind(3).raw();
		await d1.prepare('SELECT 4').run();
		expect(trips.count).toBe(4);
		const [one, two] = await d1.batch([
			d1.prepare('SELECT ? AS n').bind(1),
			d1.prepare('SELECT 2 AS n')
		]);
		expect([one.results, two.results]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
		expect(trips.count).toBe(5);
		await d1.exec('SELECT 1');
		expect(trips.count).toBe(6);
		await countRoundTrips(d1.withSession('first-unconstrained')).prepare('SELECT 1').all();
		expect(trips.count).toBe(7);
	});

	it('gives each drizzle client its own count, and a drizzle batch is one trip', async () => {
		const db = getDb(env.DB);
		const other = getDb(env.DB);
		expect(roundTrips(db)).toBe(0);
		await db.select().from(schema.schools).limit(1);
		await db.batch([db.select().from(schema.schools), db.run(sql`select 1`)]);
		expect(roundTrips(db)).toBe(2);
		expect(roundTrips(other)).toBe(0);
	});

	it('shares the count with the binding handed on to the API', async () => {
		const db = getDb(env.DB);
		const api = getDb(countWith(db, env.DB));
		await api.run(sql`select 1`);
		await countWith(db, env.DB).withSession('first-unconstrained').prepare('SELECT 1').all();
		expect(roundTrips(db)).toBe(2);
		expect(roundTrips(api)).toBe(2);
	});
});
