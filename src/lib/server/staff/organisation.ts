/**
 * A coordinator's organisation: its details, schools, locations and partners. Every change is
 * limited to the coordinator's own organisation.
 */
import type { ReminderDays } from '../../domain/lists.ts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../db/index.ts';
import { locations, organisations, partners, schools, type StaffRole } from '../db/schema.ts';
import type { SessionUser } from '../auth/index.ts';
import { isOwnOrganisation, organisationSchoolIds, type Viewer } from '../access/index.ts';
import { schoolSearchText } from '../schools/index.ts';
import type { Language } from '../../i18n/languages.ts';

export async function organisationOf(db: Db, admin: SessionUser) {
	return assembleOrganisation(await db.batch(organisationQueries(db, admin)));
}

/** The organisation's details, its schools and its places outside schools, as statements. */
export function organisationQueries(db: Db, who: Viewer) {
	return [
		db
			.select()
			.from(organisations)
			.where(isOwnOrganisation(db, organisations.id, who)),
		db
			.select()
			.from(schools)
			.where(isOwnOrganisation(db, schools.organisationId, who))
			.orderBy(asc(schools.name)),
		db
			.select()
			.from(locations)
			.where(and(isOwnOrganisation(db, locations.organisationId, who), isNull(locations.schoolId)))
			.orderBy(asc(locations.name))
	] as const;
}

export function assembleOrganisation([org, schoolRows, centres]: BatchResponse<
	ReturnType<typeof organisationQueries>
>) {
	return { organisation: org[0], schools: schoolRows, centres };
}

export async function saveOrganisation(
	db: Db,
	admin: SessionUser,
	input: {
		name: string;
		phone?: string;
		website?: string;
		privacyEmail?: string;
		bookingRetentionDays: number;
		questionRetentionDays: number;
		reminderDays: ReminderDays;
	}
) {
	await db
		.update(organisations)
		.set({
			name: input.name,
			phone: input.phone ?? null,
			website: input.website ?? null,
			privacyEmail: input.privacyEmail ?? null,
			bookingRetentionDays: input.bookingRetentionDays,
			questionRetentionDays: input.questionRetentionDays,
			reminderDays: input.reminderDays
		})
		.where(eq(organisations.id, admin.organisationId));
}

type SchoolInput = {
	name: string;
	slug: string;
	address: string;
	postcode: string;
	town: string;
	neighbourhood?: string;
	languages: Language[];
	defaultLanguage: Language;
	kioskIdleSeconds?: number;
	kioskDailyBookings?: number;
};

/** Adds or changes a school; 'slug_taken' when another school already has the address. */
export async function saveSchool(
	db: Db,
	admin: SessionUser,
	id: number | null,
	input: SchoolInput
) {
	const [taken] = await db
		.select({ id: schools.id })
		.from(schools)
		.where(eq(schools.slug, input.slug));
	if (taken && taken.id !== id) return { ok: false as const, code: 'slug_taken' };
	const values = {
		...input,
		neighbourhood: input.neighbourhood ?? null,
		searchText: schoolSearchText(input)
	};
	if (id === null) {
		const [row] = await db
			.insert(schools)
			.values({ ...values, organisationId: admin.organisationId })
			.returning({ id: schools.id });
		return { ok: true as const, id: row.id };
	}
	const result = await db
		.update(schools)
		.set(values)
		.where(and(eq(schools.id, id), eq(schools.organisationId, admin.organisationId)));
	return result.meta.changes === 1
		? { ok: true as const, id }
		: { ok: false as const, code: 'not_found' };
}

/** A school of the coordinator's organisation with its rooms and partners, or null. */
export async function schoolOf(db: Db, admin: SessionUser, id: number) {
	return assembleSchool(await db.batch(schoolQueries(db, admin, id)));
}

/** One school of the coordinator's organisation with its rooms and partners, as statements. */
export function schoolQueries(db: Db, who: Viewer, id: number) {
	const own = db
		.select({ id: schools.id })
		.from(schools)
		.where(and(eq(schools.id, id), isOwnOrganisation(db, schools.organisationId, who)));
	return [
		db.select().from(schools).where(inArray(schools.id, own)),
		db
			.select()
			.from(locations)
			.where(inArray(locations.schoolId, own))
			.orderBy(asc(locations.name)),
		db
			.select()
			.from(partners)
			.where(inArray(partners.schoolId, own))
			.orderBy(asc(partners.sortOrder), asc(partners.name))
	] as const;
}

/** The school, or null when it is not there or not the coordinator's. */
export function assembleSchool([[school], rooms, partnerRows]: BatchResponse<
	ReturnType<typeof schoolQueries>
>) {
	return school ? { school, rooms, partners: partnerRows } : null;
}

/** Whether a school belongs to the coordinator's organisation. */
async function ownsSchool(db: Db, admin: SessionUser, schoolId: number) {
	const [own] = await db
		.select({ id: schools.id })
		.from(schools)
		.where(and(eq(schools.id, schoolId), eq(schools.organisationId, admin.organisationId)));
	return Boolean(own);
}

/** A room in one of the organisation's schools, or (schoolId null) a place elsewhere. */
export async function addLocation(
	db: Db,
	admin: SessionUser,
	schoolId: number | null,
	input: { name: string; address?: string; directions?: string }
) {
	if (schoolId !== null && !(await ownsSchool(db, admin, schoolId))) return false;
	await db.insert(locations).values({
		organisationId: admin.organisationId,
		schoolId,
		name: input.name,
		address: input.address ?? null,
		directions: input.directions ? { nl: input.directions } : null
	});
	return true;
}

/** A partner ("wie is wie") at one of the organisation's schools. */
export async function addPartner(
	db: Db,
	admin: SessionUser,
	schoolId: number,
	input: {
		name: string;
		role: StaffRole;
		organisationName?: string;
		description?: string;
		phone?: string;
		email?: string;
		website?: string;
	}
) {
	if (!(await ownsSchool(db, admin, schoolId))) return false;
	await db.insert(partners).values({
		schoolId,
		name: input.name,
		role: input.role,
		organisationName: input.organisationName ?? null,
		description: input.description ? { nl: input.description } : {},
		phone: input.phone ?? null,
		email: input.email ?? null,
		website: input.website ?? null,
		sortOrder: 100
	});
	return true;
}

/** Removes a partner of one of the organisation's schools. */
export async function removePartner(db: Db, admin: SessionUser, partnerId: number) {
	const result = await db
		.delete(partners)
		.where(
			and(eq(partners.id, partnerId), inArray(partners.schoolId, organisationSchoolIds(db, admin)))
		);
	return result.meta.changes === 1;
}
