/**
 * The D1 round trips of what a parent does (issue #22), as a parent's browser and a school's
 * website meet them: booking with the form (the POST and the confirmation page it leads to),
 * booking through the API, moving and cancelling on the parent's page, cancelling through the
 * API. In production each trip is a hop to the D1 primary. Messages that go after the answer
 * (a cancellation's) are not waited for and not counted.
 */
import { Cookies, roundTripsOf } from './pages.ts';

export type Slot = { staffId: number; start: string; remaining: number };

export type ActionResult = {
	name: string;
	/** The answers' round trips added up (the POST and the page it leads to). */
	roundTrips: number | null;
	budget: number;
};

/** The slots it takes: two of the same professional (to move between) and two more. */
export function slotsForActions(free: Slot[]): { taken: Slot[]; rest: Slot[] } {
	const [a, b] = free;
	const staffId = free[2]?.staffId;
	const same = free.filter((s) => s !== a && s !== b && s.staffId === staffId).slice(0, 2);
	if (!a || !b || same.length < 2) throw new Error('too few free slots for the parent actions');
	const taken = [a, b, ...same];
	return { taken, rest: free.filter((s) => !taken.includes(s)) };
}

export async function measureParentActions(
	origin: string,
	school: string,
	[formSlot, apiSlot, moveFrom, moveTo]: Slot[]
): Promise<ActionResult[]> {
	let n = 0;
	const parent = () => ({
		firstName: 'Bench',
		email: `bench-action-${++n}@example.org`,
		phone: `06 5000 ${String(1000 + n)}`
	});
	const sum = (...answers: Response[]) => {
		const trips = answers.map(roundTripsOf);
		return trips.some((t) => t === null) ? null : trips.reduce((a, b) => a! + b!, 0);
	};
	const expect = (res: Response, status: number, what: string) => {
		if (res.status !== status) throw new Error(`${what} answered ${res.status}, not ${status}`);
		return res;
	};
	/** A form post as a browser without JavaScript sends it, then the page it leads to. */
	const form = async (path: string, fields: Record<string, string>, what: string) => {
		const cookies = new Cookies();
		const post = expect(
			await fetch(new URL(path, origin), {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields)
			}),
			303,
			what
		);
		cookies.take(post);
		const location = post.headers.get('location')!;
		const page = expect(
			await fetch(new URL(location, origin), { headers: cookies.header() }),
			200,
			`${what}: the page after it`
		);
		await page.text();
		return { location, trips: sum(post, page) };
	};
	const api = async (path: string, init: RequestInit, status: number, what: string) => {
		const res = expect(
			await fetch(new URL(path, origin), {
				...init,
				headers: { 'content-type': 'application/json' }
			}),
			status,
			what
		);
		return { res, body: (await res.json()) as { manageToken?: string } };
	};
	const apiBook = (slot: Slot, what: string) =>
		api(
			`/api/v1/schools/${school}/bookings`,
			{
				method: 'POST',
				body: JSON.stringify({
					...parent(),
					staffId: slot.staffId,
					start: slot.start,
					language: 'nl',
					consent: true
				})
			},
			201,
			what
		);

	const booked = await form(
		`/nl/${school}/book?staff=${formSlot.staffId}&day=${formSlot.start.slice(0, 10)}&start=${encodeURIComponent(formSlot.start)}&/book`,
		{ staffId: String(formSlot.staffId), start: formSlot.start, ...parent(), consent: 'on' },
		'the booking form'
	);
	const token = /\/booking\/([^?]+)/.exec(booked.location)![1];
	const apiBooked = await apiBook(apiSlot, 'the booking API');
	const apiCancelled = await api(
		`/api/v1/bookings/${apiBooked.body.manageToken}`,
		{ method: 'DELETE' },
		200,
		'the cancel API'
	);
	const toMove = await apiBook(moveFrom, 'the booking API (to move)');
	const moved = await form(
		`/nl/booking/${toMove.body.manageToken}?/move`,
		{ start: moveTo.start },
		'moving on the booking page'
	);
	const cancelled = await form(
		`/nl/booking/${token}?/cancel`,
		{},
		'cancelling on the booking page'
	);
	return [
		{ name: 'book with the form (POST + confirmation page)', roundTrips: booked.trips, budget: 2 },
		{ name: 'book through the API', roundTrips: sum(apiBooked.res), budget: 1 },
		{ name: 'move on the booking page (POST + page)', roundTrips: moved.trips, budget: 2 },
		{ name: 'cancel on the booking page (POST + page)', roundTrips: cancelled.trips, budget: 2 },
		{ name: 'cancel through the API', roundTrips: sum(apiCancelled.res), budget: 1 }
	];
}
