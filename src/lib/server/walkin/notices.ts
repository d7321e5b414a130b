/** A walk-in ticket's parent as the notifier sees them (../notify): push only, no contact details. */
import { eq } from 'drizzle-orm';
import { organisations, schools, walkInTickets } from '../db/schema.ts';
import {
	recipientOf,
	notifyAll,
	type Notice,
	type Notifier,
	type Recipient
} from '../notify/index.ts';
import { ticketToken, turnNotices } from './index.ts';

export async function ticketRecipient(n: Notifier, ticketId: number): Promise<Recipient | null> {
	const [row] = await n.db
		.select({
			id: walkInTickets.id,
			language: walkInTickets.language,
			linkKey: walkInTickets.linkKey,
			school: schools.name,
			organisation: organisations.name
		})
		.from(walkInTickets)
		.innerJoin(schools, eq(schools.id, walkInTickets.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(walkInTickets.id, ticketId));
	if (!row?.linkKey) return null;
	const page = `ticket/${await ticketToken(n.linkSecret, row.linkKey)}`;
	const parent = { ...row, firstName: null, email: null, phone: null };
	return recipientOf(n, parent, page, { record: 'ticket', id: row.id });
}

/**
 * After the professional called the next number: the parent called is told it is their turn, and
 * the one who now has one person before them that it is nearly theirs (once).
 */
export async function notifyTurns(
	n: Notifier,
	queue: { schoolId: number; staffId: number },
	now: number
): Promise<void> {
	const { called, nextButOne } = await turnNotices(n.db, queue, now);
	const notices: Notice[] = [];
	for (const [id, event] of [
		[called, 'called'],
		[nextButOne, 'next_but_one']
	] as const) {
		const recipient = id === null ? null : await ticketRecipient(n, id);
		if (recipient) notices.push({ recipient, event });
	}
	if (notices.length) await notifyAll(n, notices);
}
