/**
 * A professional's private calendar feed (an ICS URL to subscribe to in Outlook). The URL holds a
 * secret that can be replaced or revoked; the feed shows no more than first name and topic, and
 * only the person's own appointments: someone without a staff record (a coordinator) has none.
 * A coordinator's account reset and disabling an account end the feed (`src/lib/server/accounts`).
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import { readSessionUser, type SessionUser } from '../auth/index.ts';
import { staffTranslator } from '../../i18n/resources.ts';
import { calendar } from '../bookings/ics.ts';
import { bookingsFor } from '../bookings/staff.ts';

const PAST_MS = 14 * 86_400_000;
const AHEAD_MS = 56 * 86_400_000;

/**
 * A new feed secret (any old URL stops working); returned once, stored hashed. Null for a person
 * without a staff record: no feed of a whole organisation's parents.
 */
export async function renewFeed(db: Db, user: SessionUser): Promise<string | null> {
	if (user.staffId === null) return null;
	const token = randomToken();
	await db
		.update(users)
		.set({ calendarTokenHash: await sha256Hex(token) })
		.where(and(eq(users.id, user.id), isNotNull(users.staffId)));
	return token;
}

export async function revokeFeed(db: Db, user: SessionUser): Promise<void> {
	await db.update(users).set({ calendarTokenHash: null }).where(eq(users.id, user.id));
}

/** The feed behind a secret: the person's coming (and recent) appointments; null for an unknown secret. */
export async function feed(db: Db, token: string, now: number): Promise<string | null> {
	if (!token || token.length > 100) return null;
	const [row] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.calendarTokenHash, await sha256Hex(token)), isNull(users.disabledAt)));
	if (!row) return null;
	const user = await readSessionUser(db, row.id);
	if (user?.staffId == null) return null;
	const t = staffTranslator(user.language);
	const rows = await bookingsFor(db, user, {
		from: now - PAST_MS,
		to: now + AHEAD_MS,
		staffId: user.staffId
	});
	return calendar(
		rows
			.filter((b) => b.status !== 'cancelled')
			.map((b) => ({
				uid: `booking-${b.reference}@inloop`,
				sequence: 0,
				stamp: now,
				startsAt: b.startsAt,
				endsAt: b.endsAt,
				summary: b.topic ? `${b.firstName} – ${t(`topics.${b.topic}`)}` : b.firstName,
				location: [b.schoolName, b.locationName].filter(Boolean).join(', '),
				description: '',
				cancelled: false
			})),
		{ method: 'PUBLISH', name: `Inloop – ${user.name}` }
	);
}
