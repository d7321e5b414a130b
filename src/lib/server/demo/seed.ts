/**
 * Demo data: fictional people at places from the programmes that inspired Inloop. The start
 * command loads it into the local D1 (scripts/seed.ts) and the integration tests load it into
 * theirs. Every row has a fixed id and is inserted with ON CONFLICT DO NOTHING, so running it twice
 * leaves one copy. Everything that has a date is placed relative to the day it is loaded
 * (`today`): the weekly hours are in force from the start of that school year, the school holidays
 * are that school year's and the next, and the bookings fall on the first working days of their
 * weekday at least three days out that are not a holiday (README, "Demo data").
 *
 * The accounts, passwords and TOTP secrets here are for the demo only. The secrets are stored as
 * every secret is, sealed with the TOTP_KEYS given (the development key of wrangler.toml); the
 * start command prints them in clear from DEMO_ACCOUNTS.
 */
import { hashPassword } from '../auth/password.ts';
import { sha256Hex } from '../crypto.ts';
import { sealTotpSecret, type TotpKeys } from '../auth/totp-keys.ts';
import { schoolSearchText } from '../schools/index.ts';
import { contactKey } from '../../validation/fields.ts';
import { addDays, isoWeekday, wallClockToInstant } from '../scheduling/time.ts';
import { nthWeekdayOfMonth } from '../meetings/occurrences.ts';

export const DEMO_PASSWORD = 'inloop-demo-2026';

export const DEMO_ACCOUNTS = [
	{
		id: 1,
		email: 'coordinator@wijkteamtilburg.example.nl',
		role: 'admin',
		organisationId: 1,
		staffId: null,
		totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
		label: 'Coördinator Wijkteam Tilburg'
	},
	{
		id: 2,
		email: 'coordinator@hollandskroon.example.nl',
		role: 'admin',
		organisationId: 2,
		staffId: null,
		totp: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
		label: 'Coördinator Wijkteam Hollands Kroon'
	},
	{
		id: 3,
		email: 'coordinator@jeugdhulpdenhaag.example.nl',
		role: 'admin',
		organisationId: 3,
		staffId: null,
		totp: 'NBSWY3DPEB3W64TMMQQHIZLTOQQGC3TE',
		label: 'Coördinator Jeugdhulp Den Haag'
	},
	{
		id: 4,
		email: 'samira@wijkteamtilburg.example.nl',
		role: 'staff',
		organisationId: 1,
		staffId: 1,
		totp: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
		label: 'Samira El Amrani'
	},
	{
		id: 5,
		email: 'jeroen@wijkteamtilburg.example.nl',
		role: 'staff',
		organisationId: 1,
		staffId: 2,
		totp: 'OV3HO6DZPIYTEMZUGU3DOOBZGAYTEMZU',
		label: 'Jeroen de Vries'
	},
	{
		id: 6,
		email: 'yusuf@jeugdhulpdenhaag.example.nl',
		role: 'staff',
		organisationId: 3,
		staffId: 4,
		totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
		label: 'Yusuf Demir'
	}
] as const;

/** Demo links for the start command to print and the tests to use. */
export const DEMO_BOOKING_TOKEN = 'demo-manage-fatima-6Xk2PqR8tV';
export const DEMO_QUESTION_TOKEN = 'demo-question-anger-9Wm4ZsN3hB';
export const DEMO_KIOSK_PAIRING_CODE = 'ZW7K4P9M';
export const DEMO_SIGNUP_TOKEN = 'demo-signup-amina-3Rt8WqL5nB';
/** The coffee mornings' series: the first Friday of each month at De Zuidwester. */
export const DEMO_COFFEE_SERIES = 'demo-koffieochtend';

const COFFEE_TITLE = {
	nl: 'Koffieochtend',
	en: 'Coffee morning',
	ar: 'صباح القهوة',
	tr: 'Kahve sabahı',
	pl: 'Poranna kawa',
	uk: 'Ранкова кава',
	ti: 'ናይ ንግሆ ቡን'
};
const COFFEE_TEXT = {
	nl: 'Drink koffie of thee met andere ouders en met Samira van het wijkteam. U hoeft niets voor te bereiden. Kleine kinderen mogen mee.',
	en: 'Have coffee or tea with other parents and with Samira from the neighbourhood team. You do not need to prepare anything. Small children are welcome.',
	ar: 'اشربوا القهوة أو الشاي مع آباء وأمهات آخرين ومع سميرة من فريق الحي. لا تحتاجون إلى تحضير أي شيء. يمكن أن تحضروا أطفالكم الصغار.'
};

type Value = string | number | boolean | null | object;

/** A SQL literal. The seed is data we write ourselves; quoting still follows SQLite's rules. */
function literal(value: Value): string {
	if (value === null) return 'NULL';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `'${text.replace(/'/g, "''")}'`;
}

function insert(table: string, rows: Record<string, Value | undefined>[]): string[] {
	return rows.map((row) => {
		const columns = Object.keys(row).filter((c) => row[c] !== undefined);
		const values = columns.map((c) => literal(row[c] as Value));
		return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT DO NOTHING`;
	});
}

/** The first date on or after `from` that falls on an ISO weekday. */
function nextWeekday(from: string, weekday: number): string {
	return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

const organisations = [
	{
		id: 1,
		slug: 'wijkteam-tilburg',
		name: 'Wijkteam Tilburg',
		phone: '013 303 4050',
		website: 'https://wijkteamtilburg.example.nl',
		privacy_email: 'privacy@wijkteamtilburg.example.nl'
	},
	{
		id: 2,
		slug: 'wijkteam-hollands-kroon',
		name: 'Wijkteam Hollands Kroon',
		phone: '088 321 5000',
		website: 'https://wijkteamhollandskroon.example.nl',
		privacy_email: 'privacy@hollandskroon.example.nl'
	},
	{
		id: 3,
		slug: 'jeugdhulp-den-haag',
		name: 'Jeugdhulp Den Haag',
		phone: '070 205 2000',
		website: 'https://jeugdhulpdenhaag.example.nl',
		privacy_email: 'privacy@jeugdhulpdenhaag.example.nl'
	}
];

const ALL = ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'ti'];
const schoolRows = [
	{
		id: 1,
		organisation_id: 1,
		slug: 'de-zuidwester',
		name: 'De Zuidwester',
		address: 'Thorbeckestraat 20',
		postcode: '5042 AM',
		town: 'Tilburg',
		neighbourhood: 'Staatsliedenbuurt Oost',
		languages: ALL
	},
	{
		id: 2,
		organisation_id: 1,
		slug: 'het-kompas-tilburg',
		name: 'Het Kompas',
		address: 'Kruisvaardersstraat 4',
		postcode: '5021 BG',
		town: 'Tilburg',
		neighbourhood: 'Noordhoek',
		languages: ALL
	},
	{
		id: 3,
		organisation_id: 2,
		slug: 'de-wieringer-akker',
		name: 'De Wieringer Akker',
		address: 'Schoolweg 9',
		postcode: '1777 CG',
		town: 'Hippolytushoef',
		neighbourhood: 'Wieringen',
		languages: ['nl', 'en', 'pl', 'uk']
	},
	{
		id: 4,
		organisation_id: 2,
		slug: 'het-startblok',
		name: 'Het Startblok',
		address: 'Smidsweg 2',
		postcode: '1761 BL',
		town: 'Anna Paulowna',
		neighbourhood: null,
		languages: ['nl', 'en', 'pl', 'uk', 'tr']
	},
	{
		id: 5,
		organisation_id: 3,
		slug: 'de-vlinderboom',
		name: 'De Vlinderboom',
		address: 'Kaapseplein 7',
		postcode: '2572 EZ',
		town: 'Den Haag',
		neighbourhood: 'Transvaal',
		languages: ALL
	}
].map((s) => ({ ...s, search_text: schoolSearchText(s), default_language: 'nl' }));

const locationRows = [
	{
		id: 1,
		organisation_id: 1,
		school_id: 1,
		name: 'Ouderkamer',
		address: 'Thorbeckestraat 20, Tilburg',
		directions: {
			nl: 'Naast de hoofdingang, de eerste deur links.',
			en: 'Next to the main entrance, the first door on the left.',
			ar: 'بجانب المدخل الرئيسي، أول باب على اليسار.'
		}
	},
	{
		id: 2,
		organisation_id: 1,
		school_id: 2,
		name: 'Ouderkamer',
		address: 'Kruisvaardersstraat 4, Tilburg',
		directions: {
			nl: 'Op de eerste verdieping, boven de aula.',
			en: 'On the first floor, above the hall.'
		}
	},
	{
		id: 3,
		organisation_id: 2,
		school_id: null,
		name: 'Dorpshuis De Schakel',
		address: 'Hoofdstraat 35, Hippolytushoef',
		directions: {
			nl: 'In het dorpshuis, zaal 2. Vijf minuten lopen van school.',
			en: 'In the community centre, room 2. A five-minute walk from school.'
		}
	},
	{
		id: 4,
		organisation_id: 2,
		school_id: 4,
		name: 'Ouderkamer',
		address: 'Smidsweg 2, Anna Paulowna',
		directions: { nl: 'Achter de gymzaal.', en: 'Behind the gym.' }
	},
	{
		id: 5,
		organisation_id: 3,
		school_id: 5,
		name: 'Ouderkamer',
		address: 'Kaapseplein 7, Den Haag',
		directions: {
			nl: 'Begane grond, naast de bibliotheek.',
			en: 'Ground floor, next to the library.'
		}
	}
];

const staffRows = [
	{
		id: 1,
		organisation_id: 1,
		name: 'Samira El Amrani',
		role: 'wijkteammedewerker',
		languages_spoken: ['nl', 'ar', 'en'],
		public_email: 'samira@wijkteamtilburg.example.nl',
		public_phone: '06 1234 5678',
		intro: {
			nl: 'Ik ben Samira. Ik werk voor het wijkteam en ben elke week op school. U kunt met mij praten over opvoeden, over zorgen thuis of over school. Ik spreek ook Arabisch en Engels.',
			en: 'I am Samira. I work for the neighbourhood team and I am at the school every week. You can talk to me about raising children, worries at home or school. I also speak Arabic and English.',
			ar: 'أنا سميرة. أعمل في فريق الحي وأكون في المدرسة كل أسبوع. يمكنكم التحدث معي عن تربية الأطفال، أو عن هموم في البيت أو في المدرسة. أتحدث العربية والإنجليزية أيضًا.'
		}
	},
	{
		id: 2,
		organisation_id: 1,
		name: 'Jeroen de Vries',
		role: 'gedragscoach',
		languages_spoken: ['nl', 'en'],
		public_email: null,
		public_phone: null,
		intro: {
			nl: 'Ik ben Jeroen, gedragscoach van Sterk Huis. Is uw kind vaak boos, druk of juist stil? Samen zoeken we wat helpt, thuis en in de klas.',
			en: 'I am Jeroen, behaviour coach from Sterk Huis. Is your child often angry, restless or very quiet? Together we look for what helps, at home and in class.'
		}
	},
	{
		id: 3,
		organisation_id: 2,
		name: 'Marieke Bakker',
		role: 'wijkteammedewerker',
		languages_spoken: ['nl', 'en', 'de'],
		public_email: null,
		public_phone: '088 321 5000',
		intro: {
			nl: 'Ik ben Marieke van het wijkteam Hollands Kroon. Op woensdag ben ik in het dorpshuis, op vrijdag op Het Startblok. Loop gerust binnen.',
			en: 'I am Marieke from the Hollands Kroon neighbourhood team. On Wednesdays I am at the community centre, on Fridays at Het Startblok. Feel free to drop in.'
		}
	},
	{
		id: 4,
		organisation_id: 3,
		name: 'Yusuf Demir',
		role: 'jeugdconsulent',
		languages_spoken: ['nl', 'tr', 'en'],
		public_email: 'yusuf@jeugdhulpdenhaag.example.nl',
		public_phone: null,
		intro: {
			nl: 'Ik ben Yusuf, jeugdconsulent in Transvaal. Ik help ouders met vragen over opvoeden, geld en school. Ik spreek ook Turks.',
			en: 'I am Yusuf, youth consultant in Transvaal. I help parents with questions about parenting, money and school. I also speak Turkish.',
			tr: 'Ben Yusuf, Transvaal’da gençlik danışmanıyım. Ebeveynlere çocuk yetiştirme, para ve okul konularında yardım ediyorum. Türkçe de konuşuyorum.'
		}
	}
];

const staffSchoolRows = [
	{ staff_id: 1, school_id: 1, sort_order: 0 },
	{ staff_id: 2, school_id: 1, sort_order: 1 },
	{ staff_id: 1, school_id: 2, sort_order: 0 },
	{ staff_id: 3, school_id: 3, sort_order: 0 },
	{ staff_id: 3, school_id: 4, sort_order: 0 },
	{ staff_id: 4, school_id: 5, sort_order: 0 }
];

const partnerRows = [
	{
		id: 1,
		school_id: 1,
		name: 'Team gedragscoaches',
		role: 'gedragscoach',
		organisation_name: 'Sterk Huis',
		sort_order: 1,
		description: {
			nl: 'Coaching voor kinderen en ouders bij gedrag, in de klas en thuis.',
			en: 'Coaching for children and parents about behaviour, in class and at home.'
		}
	},
	{
		id: 2,
		school_id: 1,
		name: 'Lotte Verhoeven',
		role: 'orthopedagoog',
		organisation_name: 'Samenwerkingsverband Tilburg',
		sort_order: 2,
		description: {
			nl: 'Denkt mee als leren of ontwikkelen moeilijk gaat.',
			en: 'Helps when learning or development is hard.'
		}
	},
	{
		id: 3,
		school_id: 1,
		name: 'Fatma Yıldız',
		role: 'jgz_verpleegkundige',
		organisation_name: 'GGD Hart voor Brabant',
		sort_order: 3,
		description: {
			nl: 'Vragen over groei, gezondheid, slapen en eten.',
			en: 'Questions about growth, health, sleep and food.'
		}
	},
	{
		id: 4,
		school_id: 1,
		name: 'Kees van den Berg',
		role: 'schoolmaatschappelijk_werker',
		organisation_name: 'IMW Tilburg',
		sort_order: 4,
		description: {
			nl: 'Hulp bij zorgen thuis, geld of de relatie tussen ouders.',
			en: 'Help with worries at home, money or between parents.'
		}
	},
	{
		id: 5,
		school_id: 1,
		name: 'Mark Jansen',
		role: 'wijkagent',
		organisation_name: 'Politie Tilburg',
		sort_order: 5,
		description: {
			nl: 'De agent van de buurt. Voor vragen over veiligheid.',
			en: 'The neighbourhood police officer. For questions about safety.'
		}
	},
	{
		id: 6,
		school_id: 1,
		name: 'Buurthuis De Poort',
		role: 'buurtwerker',
		organisation_name: 'ContourdeTwern',
		sort_order: 6,
		description: {
			nl: 'Activiteiten voor kinderen en ouders, vlak bij school.',
			en: 'Activities for children and parents, close to school.'
		}
	},
	{
		id: 7,
		school_id: 5,
		name: 'Noor Haddad',
		role: 'jgz_verpleegkundige',
		organisation_name: 'CJG Den Haag',
		sort_order: 1,
		description: {
			nl: 'Vragen over gezondheid en ontwikkeling.',
			en: 'Questions about health and development.'
		}
	},
	{
		id: 8,
		school_id: 3,
		name: 'Sanne Kok',
		role: 'jgz_verpleegkundige',
		organisation_name: 'GGD Hollands Noorden',
		sort_order: 1,
		description: {
			nl: 'Vragen over groei en gezondheid.',
			en: 'Questions about growth and health.'
		}
	}
];

/** Weekly hours (in force from the start of the school year of the day they are loaded). */
export const DEMO_BLOCKS = (
	[
		// id, professional, school (in its own room: the location of the same id), ISO weekday,
		// from, until, minutes a slot, parents a slot, booked or walk-in
		[1, 1, 1, 2, '08:30', '10:00', 20, 1, 'book'],
		[2, 1, 1, 4, '14:30', '15:30', 20, 1, 'walk_in'],
		[3, 2, 1, 1, '08:30', '09:30', 15, 1, 'book'],
		[4, 1, 2, 3, '08:30', '09:30', 20, 1, 'book'],
		[5, 3, 3, 3, '08:45', '10:15', 30, 2, 'both'],
		[6, 3, 4, 5, '08:30', '09:30', 20, 1, 'book'],
		[7, 4, 5, 1, '13:00', '14:30', 30, 1, 'book'],
		[8, 4, 5, 3, '08:30', '09:30', 20, 1, 'walk_in']
	] as const
).map(([id, staff, school, weekday, start, end, minutes, capacity, kind]) => ({
	id,
	staff_id: staff,
	school_id: school,
	location_id: school,
	weekday,
	start_time: start,
	end_time: end,
	slot_minutes: minutes,
	capacity,
	bookable: kind !== 'walk_in',
	walk_in: kind !== 'book'
}));

/** The year in which the school year of a day began (a school year runs from 1 August). */
const schoolYearOf = (date: string) => Number(date.slice(0, 4)) - (date.slice(5, 7) < '08' ? 1 : 0);

/**
 * The demo's school holidays for the school year of `today` and the next one, as the Dutch regions
 * have them: the Christmas holiday from the Saturday of 18–24 December for two weeks and a day,
 * and the spring holiday of nine days from the first Saturday on or after 6 February, a week later
 * in the middle region (Den Haag) and two in the north (Hollands Kroon). Ids are fixed per school
 * year, so loading the demo again keeps one copy.
 */
export function demoClosures(today: string) {
	const first = schoolYearOf(today);
	return [first, first + 1].flatMap((year, y) => {
		const christmas = nextWeekday(`${year}-12-18`, 6);
		const spring = nextWeekday(`${year + 1}-02-06`, 6);
		return [1, 2, 3].flatMap((organisation, o) => {
			const springStart = addDays(spring, 7 * [0, 2, 1][o]);
			return [
				{
					id: 1 + 2 * o + 6 * y,
					organisation_id: organisation,
					name: 'Kerstvakantie',
					start_date: christmas,
					end_date: addDays(christmas, 15)
				},
				{
					id: 2 + 2 * o + 6 * y,
					organisation_id: organisation,
					name: 'Voorjaarsvakantie',
					start_date: springStart,
					end_date: addDays(springStart, 8)
				}
			];
		});
	});
}

/**
 * Every SQL statement of the demo data for `today` ('YYYY-MM-DD', Amsterdam), with the TOTP
 * secrets sealed under `keys`.
 */
export async function demoSeedStatements(
	today: string,
	keys: TotpKeys,
	now = Date.now()
): Promise<string[]> {
	const at = (date: string, time: string) => wallClockToInstant(date, time) as number;
	const closureRows = demoClosures(today);
	const blockRows = DEMO_BLOCKS.map((b) => ({ ...b, valid_from: `${schoolYearOf(today)}-08-01` }));
	// Bookings start a few days out, so a fresh demo never shows one already past its notice, and
	// never in a school holiday (all three organisations' holidays, to keep one rule).
	const open = (date: string) =>
		!closureRows.some((c) => c.start_date <= date && date <= c.end_date);
	const nextOpen = (from: string, weekday: number) => {
		let date = nextWeekday(from, weekday);
		while (!open(date)) date = addDays(date, 7);
		return date;
	};
	const from = addDays(today, 3);
	const tuesday = nextOpen(from, 2);
	const nextTuesday = nextOpen(addDays(tuesday, 1), 2);
	const monday = nextOpen(from, 1);
	// The coffee mornings: the first Friday of each of the next six months, after today and not
	// in a holiday (so the first one has not begun whenever the demo is loaded).
	const coffeeDates = [0, 1, 2, 3, 4, 5, 6]
		.map((m) => {
			const [y, mo] = today.split('-').map(Number);
			const month = new Date(Date.UTC(y, mo - 1 + m, 1)).toISOString().slice(0, 7);
			return nthWeekdayOfMonth(month, 5, 1)!;
		})
		.filter((date) => date > today && open(date))
		.slice(0, 6);

	const booking = async (
		id: number,
		reference: string,
		token: string,
		slot: { block: number; date: string; start: string },
		parent: {
			first_name: string;
			phone?: string;
			email?: string;
			language: string;
			topic: string;
			interpreter_language?: string;
			remark?: string;
			made_by?: 'staff';
		}
	) => {
		// A slot of one of the weekly blocks: its professional, school, place and length.
		const block = DEMO_BLOCKS.find((b) => b.id === slot.block)!;
		const startsAt = at(slot.date, slot.start);
		return {
			id,
			reference,
			manage_token_hash: await sha256Hex(token),
			school_id: block.school_id,
			staff_id: block.staff_id,
			location_id: block.location_id,
			block_id: block.id,
			starts_at: startsAt,
			ends_at: startsAt + block.slot_minutes * 60_000,
			status: 'booked',
			...parent,
			// As a booking is made: the key its parent is counted and found by, an interpreter
			// when a language for one is asked, made by the parent unless the wijkteam did.
			contact_key: contactKey(parent),
			interpreter: parent.interpreter_language !== undefined,
			made_by: parent.made_by ?? 'parent'
		};
	};

	const bookingRows = [
		await booking(
			1,
			'ZW4K7P',
			DEMO_BOOKING_TOKEN,
			{ block: 1, date: tuesday, start: '08:30' },
			{
				first_name: 'Fatima',
				phone: '0612345001',
				language: 'ar',
				topic: 'sleep_eating'
			}
		),
		await booking(
			2,
			'M8QT3X',
			'demo-manage-ewa-4Hc7LwD2pJ',
			{ block: 1, date: tuesday, start: '09:10' },
			{
				first_name: 'Ewa',
				email: 'ewa@example.org',
				language: 'pl',
				interpreter_language: 'pl',
				topic: 'school'
			}
		),
		await booking(
			3,
			'R5NH2C',
			'demo-manage-mehmet-8Tg5YbK6qS',
			{ block: 1, date: nextTuesday, start: '08:50' },
			{
				first_name: 'Mehmet',
				phone: '0612345003',
				language: 'tr',
				topic: 'behaviour',
				remark: 'Liefst na het brengen van mijn dochter.',
				made_by: 'staff'
			}
		),
		await booking(
			4,
			'D9VW6E',
			'demo-manage-linda-2Nf8RgM4xZ',
			{ block: 3, date: monday, start: '08:45' },
			{
				first_name: 'Linda',
				email: 'linda@example.org',
				language: 'nl',
				topic: 'behaviour'
			}
		),
		await booking(
			5,
			'T3GJ8K',
			'demo-manage-olena-5Pd9SaV7wC',
			{ block: 7, date: monday, start: '13:30' },
			{
				first_name: 'Olena',
				phone: '0612345005',
				language: 'uk',
				interpreter_language: 'uk',
				topic: 'money_housing'
			}
		)
	];

	const questionRows = [
		{
			id: 1,
			reference: 'VQ7M2A',
			access_token_hash: await sha256Hex(DEMO_QUESTION_TOKEN),
			school_id: 1,
			category: 'emotions',
			text: 'Mijn zoon (7) wordt snel boos als hij moet stoppen met spelen. Hij schreeuwt en gooit met dingen. Hoe kan ik hem helpen?',
			age_group: '4_7',
			answer_by: 'page',
			first_name: 'Sanne',
			anonymous: false,
			language: 'nl',
			status: 'answered',
			assigned_staff_id: 1,
			created_at: now - 3 * 86_400_000,
			updated_at: now - 86_400_000
		},
		{
			id: 2,
			reference: 'HX3P9L',
			access_token_hash: await sha256Hex('demo-question-sleep-3Jv6QcT8nR'),
			school_id: 1,
			category: 'sleep_eating',
			text: 'ابنتي عمرها أربع سنوات ولا تنام قبل الساعة الحادية عشرة ليلاً. ماذا أفعل؟',
			age_group: '4_7',
			answer_by: 'call',
			first_name: 'Amina',
			anonymous: false,
			phone: '0612345010',
			contact_key: '+31612345010',
			language: 'ar',
			status: 'new',
			assigned_staff_id: null,
			created_at: now - 86_400_000
		},
		{
			id: 3,
			reference: 'B6WC4N',
			access_token_hash: await sha256Hex('demo-question-school-7Kp2HwX5mF'),
			school_id: 5,
			category: 'school',
			text: 'Oğlum okula gitmek istemiyor. Sabahları karnı ağrıyor. Ne yapabilirim?',
			age_group: '8_12',
			answer_by: 'spreekuur',
			first_name: null,
			anonymous: true,
			language: 'tr',
			status: 'in_progress',
			assigned_staff_id: 4,
			created_at: now - 2 * 86_400_000
		}
	];

	const messageRows = [
		{
			id: 1,
			question_id: 1,
			author: 'staff',
			staff_id: 1,
			created_at: now - 86_400_000,
			body: 'Dank u voor uw vraag, Sanne. Veel kinderen van 7 vinden stoppen moeilijk. Het helpt om een paar minuten van tevoren te waarschuwen: "Nog vijf minuten, dan gaan we eten." Blijf zelf rustig en benoem wat hij voelt: "Je bent boos, want je wilde verder spelen." Wilt u er meer over praten? Kom gerust naar het spreekuur op dinsdag.'
		}
	];

	const meetingRows = coffeeDates.map((date) => ({
		organisation_id: 1,
		school_id: 1,
		series_key: DEMO_COFFEE_SERIES,
		repeat: 'monthly',
		title: COFFEE_TITLE,
		text: COFFEE_TEXT,
		starts_at: at(date, '08:45'),
		ends_at: at(date, '10:00'),
		place: 'Ouderkamer',
		capacity: 12,
		languages: ['nl', 'ar'],
		interpreter: false,
		host_staff_id: 1,
		status: 'planned',
		created_by_user_id: 1
	}));
	const firstCoffee = `(SELECT id FROM meetings WHERE series_key = ${literal(DEMO_COFFEE_SERIES)} AND starts_at = ${coffeeDates.length ? at(coffeeDates[0], '08:45') : 0})`;

	const users = await Promise.all(
		DEMO_ACCOUNTS.map(async (a) => ({
			id: a.id,
			email: a.email,
			password_hash: await hashPassword(DEMO_PASSWORD),
			organisation_id: a.organisationId,
			staff_id: a.staffId,
			role: a.role,
			totp_secret: await sealTotpSecret(keys, a.id, a.totp),
			totp_enabled_at: now,
			language: 'nl'
		}))
	);

	return [
		...insert('organisations', organisations),
		...insert('schools', schoolRows),
		...insert('locations', locationRows),
		...insert('staff', staffRows),
		...insert('staff_schools', staffSchoolRows),
		...insert('partners', partnerRows),
		...insert('availability_blocks', blockRows),
		...insert('closures', closureRows),
		...insert('users', users),
		...insert('bookings', bookingRows),
		...insert('questions', questionRows),
		...insert('question_messages', messageRows),
		...insert('meetings', meetingRows),
		`INSERT INTO meeting_signups (meeting_id, reference, manage_token_hash, first_name, people, language, status, made_by, created_at) SELECT ${firstCoffee}, 'KF3M7Q', ${literal(await sha256Hex(DEMO_SIGNUP_TOKEN))}, 'Amina', 2, 'ar', 'signed_up', 'parent', ${now - 86_400_000} WHERE ${firstCoffee} IS NOT NULL ON CONFLICT DO NOTHING`,
		...insert('meeting_suggestions', [
			{
				id: 1,
				school_id: 1,
				theme: 'sleep_eating',
				text: 'Schermtijd voor het slapen',
				language: 'nl',
				created_at: now - 2 * 86_400_000
			},
			{ id: 2, school_id: 1, theme: 'sleep_eating', language: 'ar', created_at: now - 86_400_000 },
			{
				id: 3,
				school_id: 1,
				theme: 'family_divorce',
				text: 'Opvoeden in twee culturen',
				language: 'tr',
				created_at: now - 86_400_000
			}
		]),
		...insert('kiosk_devices', [
			{ id: 1, school_id: 1, name: 'Tablet in de hal', created_by_user_id: 1 }
		]),
		// A fresh pairing code at every start, valid for 12 hours (a real one lasts 15 minutes).
		`UPDATE kiosk_devices SET pairing_code_hash = ${literal(await sha256Hex(DEMO_KIOSK_PAIRING_CODE))}, pairing_expires_at = ${now + 12 * 3_600_000} WHERE id = 1 AND token_hash IS NULL`
	];
}
