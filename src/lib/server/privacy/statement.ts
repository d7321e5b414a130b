/** What the public statements say about the organisation behind a school, when reached from one. */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/index.ts';
import { organisations, schools } from '../db/schema.ts';
import { Slug } from '../../validation/schools.ts';

/** The defaults of a new organisation (the schema's), said when no school is known. */
export const DEFAULT_RETENTION = { bookingDays: 90, questionDays: 180 };

/**
 * The school's organisation (the data controller), its privacy contact and retention periods;
 * null for a missing or unknown slug, and the statements then speak generically.
 */
export async function statementContext(db: Db, slug: string | null) {
	if (!slug || !v.is(Slug, slug)) return null;
	const [row] = await db
		.select({
			school: schools.name,
			organisation: organisations.name,
			email: organisations.privacyEmail,
			phone: organisations.phone,
			bookingDays: organisations.bookingRetentionDays,
			questionDays: organisations.questionRetentionDays
		})
		.from(schools)
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(schools.slug, slug));
	return row ? { ...row, slug } : null;
}

export type StatementContext = NonNullable<Awaited<ReturnType<typeof statementContext>>>;
