/**
 * Public school data: the search on the home page and the school page with its wijkteam contacts,
 * their weekly presence and the partners. The page, the kiosk and the API all read it from here.
 */
import type { StaffRole } from '../../domain/lists.ts';
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import {
	availabilityBlocks,
	locations,
	organisations,
	partners,
	schools,
	staff,
	staffSchools
} from '../db/schema.ts';
import type { Language } from '../../i18n/languages.ts';
import { upcomingMeetingsQuery, type MeetingRow } from '../meetings/index.ts';

export const SEARCH_LIMIT = 20;

export type SchoolSummary = { slug: string; name: string; town: string };

type Texts = Partial<Record<Language, string>>;

export type Presence = {
	/** ISO weekday, 1 = Monday. */
	weekday: number;
	start: string;
	end: string;
	bookable: boolean;
	walkIn: boolean;
	location: { name: string; address: string | null; directions: Texts };
};

export type Contact = {
	id: number;
	name: string;
	role: StaffRole;
	photoUrl: string | null;
	intro: Texts;
	languages: string[];
	phone: string | null;
	email: string | null;
	presence: Presence[];
};

export type Partner = {
	name: string;
	role: StaffRole;
	organisation: string | null;
	description: Texts;
	phone: string | null;
	email: string | null;
	website: string | null;
};

export type SchoolPage = {
	school: {
		slug: string;
		name: string;
		address: string;
		postcode: string;
		town: string;
		neighbourhood: string | null;
		defaultLanguage: string;
		languages: Language[];
	};
	organisation: { name: string; phone: string | null; website: string | null };
	contacts: Contact[];
	partners: Partner[];
	/** The next parent meetings, soonest first (empty without `now`). */
	meetings: MeetingRow[];
};

/** Lower case without accents, so "Zuidwester", "zuidwester" and "Zuídwester" all match. */
export function normaliseSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** What schools.search_text holds for a school. */
export function schoolSearchText(s: { name: string; town: string; neighbourhood?: string | null }) {
	return normaliseSearch([s.name, s.town, s.neighbourhood ?? ''].join(' '));
}

/** Schools whose name, town or neighbourhood contains the query, by name. */
export async function searchSchools(db: Db, query: string): Promise<SchoolSummary[]> {
	const needle = normaliseSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`);
	if (!needle) return [];
	return db
		.select({ slug: schools.slug, name: schools.name, town: schools.town })
		.from(schools)
		.where(sql`${schools.searchText} LIKE ${`%${needle}%`} ESCAPE '\\'`)
		.orderBy(asc(schools.name))
		.limit(SEARCH_LIMIT);
}

/**
 * Everything the school page shows, read in one D1 round trip (a batch whose queries all key on
 * the slug). `today` ('YYYY-MM-DD', Amsterdam) decides which weekly hours are in force; `now`
 * which parent meetings are still to come.
 */
export async function getSchoolPage(
	db: Db,
	slug: string,
	today: string,
	now = 0
): Promise<SchoolPage | null> {
	const schoolIds = db.select({ id: schools.id }).from(schools).where(eq(schools.slug, slug));
	const [schoolRows, organisationRows, staffRows, blockRows, partnerRows, meetingRows] =
		await db.batch([
			db.select().from(schools).where(eq(schools.slug, slug)),
			db
				.select({
					name: organisations.name,
					phone: organisations.phone,
					website: organisations.website
				})
				.from(organisations)
				.innerJoin(schools, eq(schools.organisationId, organisations.id))
				.where(eq(schools.slug, slug)),
			db
				.select({
					id: staff.id,
					name: staff.name,
					role: staff.role,
					photoUrl: staff.photoUrl,
					intro: staff.intro,
					languages: staff.languagesSpoken,
					phone: staff.publicPhone,
					email: staff.publicEmail
				})
				.from(staffSchools)
				.innerJoin(staff, eq(staff.id, staffSchools.staffId))
				.where(and(inArray(staffSchools.schoolId, schoolIds), eq(staff.active, true)))
				.orderBy(asc(staffSchools.sortOrder), asc(staff.name)),
			db
				.select({
					staffId: availabilityBlocks.staffId,
					weekday: availabilityBlocks.weekday,
					start: availabilityBlocks.startTime,
					end: availabilityBlocks.endTime,
					bookable: availabilityBlocks.bookable,
					walkIn: availabilityBlocks.walkIn,
					locationName: locations.name,
					locationAddress: locations.address,
					directions: locations.directions
				})
				.from(availabilityBlocks)
				.innerJoin(locations, eq(locations.id, availabilityBlocks.locationId))
				.where(
					and(
						inArray(availabilityBlocks.schoolId, schoolIds),
						lte(availabilityBlocks.validFrom, today),
						or(isNull(availabilityBlocks.validUntil), gte(availabilityBlocks.validUntil, today))
					)
				)
				.orderBy(asc(availabilityBlocks.weekday), asc(availabilityBlocks.startTime)),
			db
				.select({
					name: partners.name,
					role: partners.role,
					organisation: partners.organisationName,
					description: partners.description,
					phone: partners.phone,
					email: partners.email,
					website: partners.website
				})
				.from(partners)
				.where(inArray(partners.schoolId, schoolIds))
				.orderBy(asc(partners.sortOrder), asc(partners.name)),
			upcomingMeetingsQuery(db, schoolIds, now, now ? undefined : 0, { nextOfEachSeries: true })
		]);

	const school = schoolRows[0];
	if (!school) return null;
	const contacts = staffRows.map((person) => ({
		...person,
		presence: blockRows
			.filter((b) => b.staffId === person.id)
			.map((b) => ({
				weekday: b.weekday,
				start: b.start,
				end: b.end,
				bookable: b.bookable,
				walkIn: b.walkIn,
				location: {
					name: b.locationName,
					address: b.locationAddress,
					directions: b.directions ?? {}
				}
			}))
	}));
	return {
		school: {
			slug: school.slug,
			name: school.name,
			address: school.address,
			postcode: school.postcode,
			town: school.town,
			neighbourhood: school.neighbourhood,
			defaultLanguage: school.defaultLanguage,
			languages: school.languages
		},
		organisation: organisationRows[0] ?? { name: '', phone: null, website: null },
		contacts,
		partners: partnerRows,
		meetings: meetingRows as MeetingRow[]
	};
}
