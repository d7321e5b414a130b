/**
 * Concurrency over real HTTP against the built worker in wrangler dev (issue #7, proof 1): fifty
 * parents ask for the same last place at the same moment; D1 gives it to exactly one.
 */
import { expect, test } from '@playwright/test';
import { dayFromToday } from './clock.ts';

type Slot = { staffId: number; start: string; end: string; remaining: number };
type Refusal = { error: { code: string; message: string; alternatives: Slot[] } };

test('50 simultaneous bookings of one capacity-1 slot: exactly one gets it, 49 are offered other times', async ({
	request
}) => {
	// Fifty bookings at once on a 2-core machine: give the worker time to answer them all.
	test.setTimeout(120_000);
	const slotsUrl = `/api/v1/schools/de-zuidwester/slots?from=${dayFromToday(1)}&to=${dayFromToday(29)}`;
	const slots = (await (await request.get(slotsUrl)).json()) as Slot[];
	// Samira's last free time: the booking journeys take her first ones and the first time of her
	// last day; the staff journey takes Jeroen's last.
	const slot = slots.filter((s) => s.staffId === 1).at(-1)!;
	expect(slot).toBeDefined();
	expect(slot.remaining).toBe(1);

	const responses = await Promise.all(
		Array.from({ length: 50 }, (_, i) =>
			request.post('/api/v1/schools/de-zuidwester/bookings', {
				data: {
					staffId: slot.staffId,
					start: slot.start,
					firstName: `Ouder ${i + 1}`,
					// Fifty different parents: the weekly cap per contact is not what is tested here.
					phone: `06 4${String(i).padStart(3, '0')} 0000`,
					language: 'nl',
					consent: true
				}
			})
		)
	);
	const statuses = responses.map((r) => r.status());
	expect(statuses.filter((s) => s === 201)).toHaveLength(1);
	expect(statuses.filter((s) => s === 409)).toHaveLength(49);

	const winner = responses.find((r) => r.status() === 201)!;
	const booked = (await winner.json()) as { manageToken: string; start: string; staffId: number };
	expect(booked.start).toBe(slot.start);
	for (const loser of responses.filter((r) => r.status() === 409)) {
		const body = (await loser.json()) as Refusal;
		expect(body.error.code).toBe('slot_taken');
		expect(body.error.message).toBe('Deze tijd is niet meer vrij. Kies een andere tijd.');
		expect(body.error.alternatives.length).toBeGreaterThan(0);
		expect(body.error.alternatives.map((a) => a.start)).not.toContain(slot.start);
	}

	// One booking holds the place: the parent's own view says booked, and the slot is gone.
	const own = await request.get(`/api/v1/bookings/${booked.manageToken}`);
	expect(((await own.json()) as { status: string }).status).toBe('booked');
	const after = (await (await request.get(slotsUrl)).json()) as Slot[];
	expect(after.some((s) => s.staffId === slot.staffId && s.start === slot.start)).toBe(false);
	// And only one: cancelling it frees the place again (a second booking would still hold it).
	expect((await request.delete(`/api/v1/bookings/${booked.manageToken}`)).status()).toBe(200);
	const freed = (await (await request.get(slotsUrl)).json()) as Slot[];
	expect(freed.find((s) => s.staffId === slot.staffId && s.start === slot.start)?.remaining).toBe(
		1
	);
});

test('50 claims at once of a place held for a parent on the waiting list make exactly one booking', async ({
	request
}) => {
	test.setTimeout(120_000);
	// Het Startblok: no other browser test books or waits there.
	const school = '/api/v1/schools/het-startblok';
	const slotsUrl = `${school}/slots?from=${dayFromToday(1)}&to=${dayFromToday(29)}`;
	const slot = ((await (await request.get(slotsUrl)).json()) as Slot[])
		.filter((s) => s.remaining === 1)
		.at(-1)!;
	expect(slot).toBeDefined();
	const parent = (i: number) => ({
		staffId: slot.staffId,
		start: slot.start,
		firstName: `Ouder ${i}`,
		phone: `06 4${String(i).padStart(3, '0')} 1111`,
		language: 'nl',
		consent: true
	});
	const taken = await request.post(`${school}/bookings`, { data: parent(100) });
	expect(taken.status()).toBe(201);
	const joined = await request.post(`${school}/waitlist`, {
		data: {
			staffId: slot.staffId,
			from: slot.start.slice(0, 10),
			to: slot.start.slice(0, 10),
			firstName: 'Sara',
			phone: '06 4999 1111',
			language: 'nl',
			consent: true
		}
	});
	expect(joined.status()).toBe(201);
	const { manageToken } = (await joined.json()) as { manageToken: string };
	const { manageToken: takenToken } = (await taken.json()) as { manageToken: string };
	expect((await request.delete(`/api/v1/bookings/${takenToken}`)).status()).toBe(200);

	// Held: nobody else can book it (waitlist.spec.ts in the integration tests races both at once).
	expect((await request.post(`${school}/bookings`, { data: parent(101) })).status()).toBe(409);
	// The parent taps "book this time" again and again, on two phones at once.
	const claims = await Promise.all(
		Array.from({ length: 50 }, () => request.post(`/api/v1/waitlist/${manageToken}/claim`))
	);
	const statuses = claims.map((r) => r.status());
	expect(statuses.filter((s) => s === 201)).toHaveLength(1);
	expect(statuses.filter((s) => s === 409)).toHaveLength(49);
	const entry = (await (await request.get(`/api/v1/waitlist/${manageToken}`)).json()) as {
		status: string;
	};
	expect(entry.status).toBe('booked');
	const after = (await (await request.get(slotsUrl)).json()) as Slot[];
	expect(after.some((s) => s.staffId === slot.staffId && s.start === slot.start)).toBe(false);
});
