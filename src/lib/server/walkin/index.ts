/**
 * Today at a school and its walk-in queue. A parent taps "I'm here" (kiosk or phone) during a
 * running walk-in hour and gets the next number; a parent with a booking checks in with the
 * reference and is queued at their booked time; the professional calls the next one. Numbers are
 * drawn inside one INSERT (MAX + 1 in the statement itself, with a unique index behind it), so
 * parents tapping at the same moment still get unique numbers in order.
 */
import type { StaffRole, TicketStatus } from '../../domain/lists.ts';
import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { isIn, renamed, type Db } from '../db/index.ts';
import { bookings, locations, schools, staff, walkInTickets } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { loadScheduleWith, type Schedule } from '../bookings/schedule.ts';
import { addDays, amsterdamDate, toAmsterdamIso } from '../scheduling/time.ts';
import { hmacToken, randomToken, sha256Hex } from '../crypto.ts';
import { queueScope, type Viewer } from '../access/index.ts';
import type { Language } from '../../i18n/languages.ts';

/** A parent may take a number from this long before the walk-in hour starts. */
export const EARLY_MS = 15 * 60_000;
/** How far apart two slots of one block may lie and still count as one stretch of presence. */
const JOIN_GAP_MS = 60 * 60_000;

export type PresenceToday = {
	staffId: number;
	name: string;
	role: StaffRole;
	photoUrl: string | null;
	location: string;
	startsAt: number;
	endsAt: number;
	walkIn: boolean;
	bookable: boolean;
	hereNow: boolean;
};

/** Who of the wijkteam is at the school today, when and where: the day's slots joined up. */
export function presenceToday(schedule: Schedule, now: number): PresenceToday[] {
	const people = new Map(schedule.staff.map((p) => [p.id, p]));
	const runs: (PresenceToday & { key: string })[] = [];
	const slots = [...schedule.slots].sort(
		(a, b) => a.staffId - b.staffId || a.startsAt - b.startsAt
	);
	for (const slot of slots) {
		const key = `${slot.staffId}:${slot.blockId}:${slot.locationId}:${slot.walkIn}:${slot.bookable}`;
		const last = runs.at(-1);
		if (last && last.key === key && slot.startsAt - last.endsAt <= JOIN_GAP_MS) {
			last.endsAt = slot.endsAt;
			continue;
		}
		const person = people.get(slot.staffId);
		if (!person) continue;
		runs.push({
			key,
			staffId: slot.staffId,
			name: person.name,
			role: person.role,
			photoUrl: person.photoUrl,
			location: slot.locationName,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			walkIn: slot.walkIn,
			bookable: slot.bookable,
			hereNow: false
		});
	}
	return runs
		.map(({ key: _key, ...run }) => ({
			...run,
			hereNow: run.startsAt <= now && now < run.endsAt
		}))
		.sort((a, b) => a.startsAt - b.startsAt || a.name.localeCompare(b.name));
}

/** The called and waiting tickets of a school's day; `which` school: its slug or an id subquery. */
function ticketQueries(db: Db, which: string | SQLWrapper, date: string) {
	const schoolId =
		typeof which === 'string'
			? db.select({ id: schools.id }).from(schools).where(eq(schools.slug, which))
			: which;
	const ofTheDay = (status: TicketStatus) =>
		and(
			inArray(walkInTickets.schoolId, schoolId),
			eq(walkInTickets.date, date),
			eq(walkInTickets.status, status)
		);
	return [
		db
			.select({ staffId: walkInTickets.staffId, number: walkInTickets.number })
			.from(walkInTickets)
			.where(ofTheDay('called'))
			.orderBy(desc(walkInTickets.calledAt), desc(walkInTickets.id)),
		db
			.select({ staffId: walkInTickets.staffId, waiting: count() })
			.from(walkInTickets)
			.where(ofTheDay('waiting'))
			.groupBy(walkInTickets.staffId)
	] as const;
}

export type WalkInQueue = {
	staffId: number;
	name: string;
	location: string;
	startsAt: number;
	endsAt: number;
	open: boolean;
	nowCalling: number | null;
	waiting: number;
};

export type SchoolToday = {
	school: Schedule['school'];
	presence: PresenceToday[];
	/** Today's walk-in hours with their queues. */
	queues: WalkInQueue[];
	/** A walk-in hour runs now (or starts within EARLY_MS). */
	open: boolean;
	/** The number called last, over the whole school. */
	nowCalling: number | null;
	waiting: number;
};

/**
 * Everything the kiosk's home and the walk-in API show for today, in one D1 round trip.
 */
export async function schoolToday(db: Db, slug: string, now: number): Promise<SchoolToday | null> {
	return (await schoolTodayWith(db, slug, now, [])).today;
}

/**
 * The same, with more queries of the caller's in the same D1 batch: the kiosk's home reads the
 * device and the school's day in one round trip, the school given by a subquery on the device.
 * With `aheadDays` the schedule is read that far ahead too, for the next walk-in hour (`next`).
 */
export async function schoolTodayWith<const E extends readonly BatchItem<'sqlite'>[]>(
	db: Db,
	which: string | SQLWrapper,
	now: number,
	extra: E,
	aheadDays = 0
): Promise<{ today: SchoolToday | null; next: NextWalkIn | null; extra: BatchResponse<E> }> {
	const date = amsterdamDate(now);
	const tickets = ticketQueries(db, which, date);
	const { schedule, extra: results } = await loadScheduleWith(
		db,
		which,
		{ from: date, to: addDays(date, aheadDays) },
		[...tickets, ...extra] as const
	);
	const mine = results.slice(tickets.length) as unknown as BatchResponse<E>;
	if (!schedule) return { today: null, next: null, extra: mine };
	const [called, waiting] = results as unknown as [
		{ staffId: number; number: number }[],
		{ staffId: number; waiting: number }[]
	];
	const presence = presenceToday(
		{ ...schedule, slots: schedule.slots.filter((s) => s.date === date) },
		now
	);
	const queues = presence
		.filter((p) => p.walkIn)
		.map((p) => ({
			staffId: p.staffId,
			name: p.name,
			location: p.location,
			startsAt: p.startsAt,
			endsAt: p.endsAt,
			open: p.startsAt - EARLY_MS <= now && now < p.endsAt,
			nowCalling: called.find((c) => c.staffId === p.staffId)?.number ?? null,
			waiting: waiting.find((w) => w.staffId === p.staffId)?.waiting ?? 0
		}));
	const today: SchoolToday = {
		school: schedule.school,
		presence,
		queues,
		open: queues.some((q) => q.open),
		nowCalling: called[0]?.number ?? null,
		waiting: waiting.reduce((sum, w) => sum + w.waiting, 0)
	};
	return { today, next: nextWalkIn(schedule, now), extra: mine };
}

/** The walk-in status as the API and the live feed give it (`GET …/walkin`, `…/walkin/live`). */
export function walkInStatus(today: SchoolToday) {
	return {
		open: today.open,
		nowCalling: today.nowCalling,
		waiting: today.waiting,
		queues: today.queues.map((q) => ({
			staffId: q.staffId,
			name: q.name,
			location: q.location,
			start: toAmsterdamIso(q.startsAt),
			end: toAmsterdamIso(q.endsAt),
			open: q.open,
			nowCalling: q.nowCalling,
			waiting: q.waiting
		}))
	};
}

export type WalkInStatus = ReturnType<typeof walkInStatus>;

export type NextWalkIn = { startsAt: number; name: string; location: string };

/** The first walk-in hour in the schedule that starts after `now`, or null. */
function nextWalkIn(schedule: Schedule, now: number): NextWalkIn | null {
	const slot = schedule.slots
		.filter((s) => s.walkIn && s.startsAt > now)
		.sort((a, b) => a.startsAt - b.startsAt)[0];
	if (!slot) return null;
	return {
		startsAt: slot.startsAt,
		name: schedule.staff.find((p) => p.id === slot.staffId)?.name ?? '',
		location: slot.locationName
	};
}

/**
 * The secret of a ticket's own page from its link key and the server's LINK_SECRET: a check-in
 * made twice gives the same link, and a push message can carry it, though only its hash is stored.
 */
export function ticketToken(linkSecret: string, linkKey: string) {
	return hmacToken(linkSecret, `ticket:${linkKey}`);
}

export type Ticket = {
	/** The secret of the ticket's own page (`/{lang}/ticket/{ticketToken}`) and its push. */
	ticketToken: string;
	number: number;
	staffId: number;
	staffName: string;
	location: string;
	/** Waiting tickets in front of this one. */
	ahead: number;
	nowCalling: number | null;
};

export type TicketResult =
	/** `fresh`: a new ticket (a second check-in gives the same one again). */
	| ({ ok: true; fresh: boolean; schoolId: number } & Ticket)
	| { ok: false; code: 'school_not_found' | 'walkin_closed' }
	| { ok: false; code: 'not_found' | 'cancelled' | 'done' }
	| { ok: false; code: 'not_today'; startsAt: number };

/** The INSERT that draws the next number of (school, professional, day) and returns it. */
async function insertTicket(
	db: Db,
	values: {
		schoolId: number;
		staffId: number;
		date: string;
		queueAt: number;
		bookingId: number | null;
		firstName: string | null;
		language: Language;
		interpreter: boolean;
		madeBy: 'parent' | 'kiosk' | 'staff';
	},
	linkSecret: string
) {
	const linkKey = randomToken(16);
	const tokenHash = await sha256Hex(await ticketToken(linkSecret, linkKey));
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			return await db.get<{ id: number; number: number } | undefined>(sql`
				INSERT INTO walk_in_tickets (school_id, staff_id, date, number, queue_at, booking_id,
					first_name, language, interpreter, status, made_by, link_key, token_hash)
				SELECT ${values.schoolId}, ${values.staffId}, ${values.date},
					COALESCE(MAX(number), 0) + 1, ${values.queueAt}, ${values.bookingId},
					${values.firstName}, ${values.language}, ${values.interpreter ? 1 : 0}, 'waiting',
					${values.madeBy}, ${linkKey}, ${tokenHash}
				FROM walk_in_tickets
				WHERE school_id = ${values.schoolId} AND staff_id = ${values.staffId}
					AND date = ${values.date}
				ON CONFLICT (booking_id) DO NOTHING
				RETURNING id, number`);
		} catch (error) {
			// Two statements drew the same number (only possible without D1's serial writes): again.
			if (!String(error).includes('UNIQUE')) throw error;
		}
	}
	throw new Error('No free walk-in number');
}

/** The ticket as the parent sees it, with how many wait before them and its page's secret. */
async function ticketView(db: Db, id: number, linkSecret: string): Promise<Ticket> {
	const [rows, [key]] = await Promise.all([
		db.batch(ticketViewQueries(db, id)),
		db
			.select({ linkKey: walkInTickets.linkKey })
			.from(walkInTickets)
			.where(eq(walkInTickets.id, id))
	]);
	const ticket = assembleTicket(rows)!;
	// A ticket from before ticket pages has no key: it gets one now, so its parent gets a link too.
	let linkKey = key?.linkKey;
	if (!linkKey) {
		linkKey = randomToken(16);
		await db
			.update(walkInTickets)
			.set({ linkKey, tokenHash: await sha256Hex(await ticketToken(linkSecret, linkKey)) })
			.where(eq(walkInTickets.id, id));
	}
	return { ...ticket, ticketToken: await ticketToken(linkSecret, linkKey) };
}

/** A ticket with its place in the queue, as statements; the ticket is an id or a subquery giving it. */
function ticketViewQueries(db: Db, id: number | SQLWrapper) {
	const sameQueue = sql`(${walkInTickets.schoolId}, ${walkInTickets.staffId}, ${walkInTickets.date}) =
		(SELECT school_id, staff_id, date FROM walk_in_tickets WHERE id = ${id})`;
	return [
		db
			.select({
				number: walkInTickets.number,
				staffId: walkInTickets.staffId,
				staffName: staff.name,
				status: walkInTickets.status
			})
			.from(walkInTickets)
			.innerJoin(staff, eq(staff.id, walkInTickets.staffId))
			.where(isIn(walkInTickets.id, id)),
		db
			.select({ ahead: count() })
			.from(walkInTickets)
			.where(
				and(
					sameQueue,
					eq(walkInTickets.status, 'waiting'),
					sql`(${walkInTickets.queueAt}, ${walkInTickets.number}) <
						(SELECT queue_at, number FROM walk_in_tickets WHERE id = ${id})`
				)
			),
		db
			.select({ number: walkInTickets.number })
			.from(walkInTickets)
			.where(and(sameQueue, eq(walkInTickets.status, 'called')))
			.orderBy(desc(walkInTickets.calledAt))
			.limit(1)
	] as const;
}

function assembleTicket([[row], [{ ahead }], called]: BatchResponse<
	ReturnType<typeof ticketViewQueries>
>) {
	if (!row) return null;
	const { status: _status, ...ticket } = row;
	return { ...ticket, location: '', ahead, nowCalling: called[0]?.number ?? null };
}

/**
 * "I'm here" during a running walk-in hour. With several hours running at once the parent may
 * choose the professional; otherwise the shortest queue.
 */
export async function takeTicket(
	db: Db,
	slug: string,
	input: {
		staffId?: number;
		firstName?: string | null;
		language: Language;
		interpreter?: boolean;
	},
	options: { now: number; madeBy: 'parent' | 'kiosk'; linkSecret: string }
): Promise<TicketResult> {
	const today = await schoolToday(db, slug, options.now);
	if (!today) return { ok: false, code: 'school_not_found' };
	const open = today.queues
		.filter((q) => q.open && (!input.staffId || q.staffId === input.staffId))
		.sort((a, b) => a.waiting - b.waiting);
	const queue = open[0];
	if (!queue) return { ok: false, code: 'walkin_closed' };
	const row = await insertTicket(
		db,
		{
			schoolId: today.school.id,
			staffId: queue.staffId,
			date: amsterdamDate(options.now),
			queueAt: options.now,
			bookingId: null,
			firstName: input.firstName || null,
			language: input.language,
			interpreter: Boolean(input.interpreter),
			madeBy: options.madeBy
		},
		options.linkSecret
	);
	if (!row) throw new Error('Walk-in ticket not written');
	const ticket = await ticketView(db, row.id, options.linkSecret);
	return { ok: true, fresh: true, schoolId: today.school.id, ...ticket, location: queue.location };
}

/** Reference codes as people type them: spaces, dashes and lower case are forgiven. */
export function normaliseReference(raw: string): string {
	return raw.toUpperCase().replace(/[\s-]/g, '').slice(0, 12);
}

/**
 * A parent with a booking today says they are here: they join the professional's queue at their
 * booked time, before walk-ins who came later. Checking in twice gives the same number.
 */
export async function checkIn(
	db: Db,
	slug: string,
	rawReference: string,
	options: { now: number; madeBy: 'parent' | 'kiosk'; linkSecret: string }
): Promise<TicketResult> {
	const reference = normaliseReference(rawReference);
	const [booking] = await db
		.select({
			id: bookings.id,
			schoolId: bookings.schoolId,
			staffId: bookings.staffId,
			startsAt: bookings.startsAt,
			status: bookings.status,
			firstName: bookings.firstName,
			language: bookings.language,
			interpreter: bookings.interpreter,
			location: locations.name
		})
		.from(bookings)
		.innerJoin(schools, eq(schools.id, bookings.schoolId))
		.leftJoin(locations, eq(locations.id, bookings.locationId))
		.where(and(eq(schools.slug, slug), eq(bookings.reference, reference)));
	if (!booking) return { ok: false, code: 'not_found' };
	if (booking.status === 'cancelled') return { ok: false, code: 'cancelled' };
	if (booking.status !== 'booked') return { ok: false, code: 'done' };
	const date = amsterdamDate(options.now);
	if (amsterdamDate(booking.startsAt) !== date) {
		return { ok: false, code: 'not_today', startsAt: booking.startsAt };
	}
	const row = await insertTicket(
		db,
		{
			schoolId: booking.schoolId,
			staffId: booking.staffId,
			date,
			queueAt: booking.startsAt,
			bookingId: booking.id,
			firstName: booking.firstName,
			language: booking.language,
			interpreter: booking.interpreter,
			madeBy: options.madeBy
		},
		options.linkSecret
	);
	const id =
		row?.id ??
		(
			await db
				.select({ id: walkInTickets.id })
				.from(walkInTickets)
				.where(eq(walkInTickets.bookingId, booking.id))
		)[0]?.id;
	if (!id) throw new Error('Check-in not written');
	const ticket = await ticketView(db, id, options.linkSecret);
	return {
		ok: true,
		fresh: Boolean(row),
		schoolId: booking.schoolId,
		...ticket,
		location: booking.location ?? ''
	};
}

/** Today's queue of a professional (an admin: of every school of the organisation), by school. */
export async function queueFor(db: Db, user: SessionUser, now: number) {
	return assembleQueues(await queueQuery(db, user, now));
}

/** Today's tickets of the queues the person may work, as one statement (for a batch). */
export function queueQuery(db: Db, who: Viewer, now: number) {
	return db
		.select({
			id: walkInTickets.id,
			number: walkInTickets.number,
			schoolId: walkInTickets.schoolId,
			schoolName: renamed<string>(schools.name, 'school_name'),
			staffId: walkInTickets.staffId,
			staffName: renamed<string>(staff.name, 'staff_name'),
			firstName: walkInTickets.firstName,
			language: walkInTickets.language,
			interpreter: walkInTickets.interpreter,
			status: walkInTickets.status,
			queueAt: walkInTickets.queueAt,
			calledAt: walkInTickets.calledAt,
			bookingId: walkInTickets.bookingId,
			madeBy: walkInTickets.madeBy
		})
		.from(walkInTickets)
		.innerJoin(schools, eq(schools.id, walkInTickets.schoolId))
		.innerJoin(staff, eq(staff.id, walkInTickets.staffId))
		.where(and(eq(walkInTickets.date, amsterdamDate(now)), ticketScope(db, who)))
		.orderBy(asc(schools.name), asc(walkInTickets.queueAt), asc(walkInTickets.number));
}

type QueueRow = Awaited<ReturnType<typeof queueQuery>>[number];

/** The tickets per queue: one per school and professional. */
export function assembleQueues(rows: QueueRow[]) {
	const queues = new Map<
		string,
		{
			schoolId: number;
			schoolName: string;
			staffId: number;
			staffName: string;
			tickets: QueueRow[];
		}
	>();
	for (const row of rows) {
		const key = `${row.schoolId}:${row.staffId}`;
		const queue = queues.get(key) ?? {
			schoolId: row.schoolId,
			schoolName: row.schoolName,
			staffId: row.staffId,
			staffName: row.staffName,
			tickets: []
		};
		queue.tickets.push(row);
		queues.set(key, queue);
	}
	return [...queues.values()];
}

/** Whose queue a person may work (`queueScope`), for tickets. */
const ticketScope = (db: Db, who: Viewer) => queueScope(db, who, walkInTickets);

/**
 * Calls the next parent of one queue: the one called before is done, the first waiting one (by
 * booked time or arrival) is called. One D1 batch, so two clicks cannot call two people.
 */
export async function callNext(
	db: Db,
	user: SessionUser,
	queue: { schoolId: number; staffId: number },
	now: number
): Promise<number | null> {
	return (await callNextTicket(db, user, queue, now))?.number ?? null;
}

/** The same, answering the called ticket's id too (for its audit entry). */
export async function callNextTicket(
	db: Db,
	user: SessionUser,
	queue: { schoolId: number; staffId: number },
	now: number
): Promise<{ id: number; number: number } | null> {
	const date = amsterdamDate(now);
	const inQueue = and(
		eq(walkInTickets.schoolId, queue.schoolId),
		eq(walkInTickets.staffId, queue.staffId),
		eq(walkInTickets.date, date),
		ticketScope(db, user)
	);
	const next = db
		.select({ id: walkInTickets.id })
		.from(walkInTickets)
		.where(and(inQueue, eq(walkInTickets.status, 'waiting')))
		.orderBy(asc(walkInTickets.queueAt), asc(walkInTickets.number))
		.limit(1);
	const [, , called] = await db.batch([
		followingBookings(db, and(inQueue, eq(walkInTickets.status, 'called')), 'attended', now),
		db
			.update(walkInTickets)
			.set({ status: 'done' })
			.where(and(inQueue, eq(walkInTickets.status, 'called'))),
		db
			.update(walkInTickets)
			.set({ status: 'called', calledAt: now })
			.where(inArray(walkInTickets.id, next))
			.returning({ id: walkInTickets.id, number: walkInTickets.number })
	]);
	return called[0] ?? null;
}

/** The booked parents' bookings of the tickets `tickets` selects take the ticket's outcome. */
function followingBookings(
	db: Db,
	tickets: SQL | undefined,
	status: 'attended' | 'no_show',
	now: number
) {
	const ofTickets = db
		.select({ id: sql<number>`${walkInTickets.bookingId}` })
		.from(walkInTickets)
		.where(tickets);
	return db
		.update(bookings)
		.set({ status, updatedAt: now })
		.where(and(eq(bookings.status, 'booked'), inArray(bookings.id, ofTickets)));
}

/**
 * Done or no-show for one ticket; a booked parent's booking follows (attended / no-show). Answers
 * the ticket's school, or null when the ticket is not open or not the person's to mark.
 */
export async function markTicket(
	db: Db,
	user: SessionUser,
	id: number,
	status: 'done' | 'no_show',
	now: number
): Promise<{ schoolId: number } | null> {
	const ticket = and(
		eq(walkInTickets.id, id),
		inArray(walkInTickets.status, ['waiting', 'called']),
		ticketScope(db, user)
	);
	const [, changed] = await db.batch([
		followingBookings(db, ticket, status === 'done' ? 'attended' : 'no_show', now),
		db
			.update(walkInTickets)
			.set({ status })
			.where(ticket)
			.returning({ schoolId: walkInTickets.schoolId })
	]);
	return changed[0] ?? null;
}

/** A number taken today at the school, with its place in the queue and status; null if not there. */
export async function ticketStatus(
	db: Db,
	slug: string,
	ticket: { staffId: number; number: number },
	now: number
) {
	return assembleTicketStatus(await db.batch(ticketStatusQueries(db, slug, ticket, now)));
}

/** The same as statements, for a batch with the page's other reads. */
export function ticketStatusQueries(
	db: Db,
	slug: string,
	ticket: { staffId: number; number: number },
	now: number
) {
	return ticketViewQueries(
		db,
		db
			.select({ id: walkInTickets.id })
			.from(walkInTickets)
			.innerJoin(schools, eq(schools.id, walkInTickets.schoolId))
			.where(
				and(
					eq(schools.slug, slug),
					eq(walkInTickets.staffId, ticket.staffId),
					eq(walkInTickets.date, amsterdamDate(now)),
					eq(walkInTickets.number, ticket.number)
				)
			)
	);
}

export function assembleTicketStatus(rows: BatchResponse<ReturnType<typeof ticketViewQueries>>) {
	const ticket = assembleTicket(rows);
	return ticket && { ...ticket, status: rows[0][0]!.status };
}

/** What the parent's page and the API say of a ticket's status. */
export type TicketPageStatus = 'waiting' | 'called' | 'done' | 'left';

const pageStatus = (status: string): TicketPageStatus =>
	status === 'waiting' || status === 'called' || status === 'done' ? status : 'left';

/**
 * The ticket behind its page's secret, with its place in the queue and its school, in one D1
 * round trip; null for an unknown token.
 */
export async function findTicket(db: Db, ticketToken: string) {
	if (!ticketToken || ticketToken.length > 100) return null;
	const hash = await sha256Hex(ticketToken);
	const id = db
		.select({ id: walkInTickets.id })
		.from(walkInTickets)
		.where(eq(walkInTickets.tokenHash, hash));
	const [row, ahead, called, [where]] = await db.batch([
		...ticketViewQueries(db, id),
		db
			.select({
				id: walkInTickets.id,
				date: walkInTickets.date,
				language: walkInTickets.language,
				schoolSlug: schools.slug,
				schoolName: schools.name
			})
			.from(walkInTickets)
			.innerJoin(schools, eq(schools.id, walkInTickets.schoolId))
			.where(eq(walkInTickets.tokenHash, hash))
	] as const);
	const ticket = assembleTicket([row, ahead, called]);
	if (!ticket || !where) return null;
	const status = pageStatus(row[0]!.status);
	return {
		id: where.id,
		number: ticket.number,
		staffName: ticket.staffName,
		date: where.date,
		language: where.language,
		school: { slug: where.schoolSlug, name: where.schoolName },
		status,
		ahead: status === 'waiting' ? ticket.ahead : 0,
		nowCalling: ticket.nowCalling
	};
}

export type TicketPage = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

/**
 * After a call: the ticket just called, and the waiting one with exactly one before it ("next but
 * one"), which is marked so that it hears so only once. The caller sends the messages.
 */
export async function turnNotices(
	db: Db,
	queue: { schoolId: number; staffId: number },
	now: number
): Promise<{ called: number | null; nextButOne: number | null }> {
	const inQueue = and(
		eq(walkInTickets.schoolId, queue.schoolId),
		eq(walkInTickets.staffId, queue.staffId),
		eq(walkInTickets.date, amsterdamDate(now))
	);
	const [called, waiting] = await db.batch([
		db
			.select({ id: walkInTickets.id })
			.from(walkInTickets)
			.where(and(inQueue, eq(walkInTickets.status, 'called')))
			.orderBy(desc(walkInTickets.calledAt))
			.limit(1),
		db
			.select({ id: walkInTickets.id, nudgedAt: walkInTickets.nudgedAt })
			.from(walkInTickets)
			.where(and(inQueue, eq(walkInTickets.status, 'waiting')))
			.orderBy(asc(walkInTickets.queueAt), asc(walkInTickets.number))
			.limit(2)
	]);
	let nextButOne: number | null = null;
	const second = waiting[1];
	if (second && second.nudgedAt === null) {
		const marked = await db
			.update(walkInTickets)
			.set({ nudgedAt: now })
			.where(and(eq(walkInTickets.id, second.id), sql`${walkInTickets.nudgedAt} IS NULL`))
			.returning({ id: walkInTickets.id });
		nextButOne = marked[0]?.id ?? null;
	}
	return { called: called[0]?.id ?? null, nextButOne };
}
