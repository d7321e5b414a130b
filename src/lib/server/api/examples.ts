/** Examples of the API's requests and answers, from the demo data (shown in the OpenAPI document). */
import type * as v from 'valibot';
import type { RESPONSES, ResponseName } from './schemas.ts';

/** An example answer must be what its schema describes (checked by npm run check). */
type Out<N extends ResponseName> = v.InferOutput<(typeof RESPONSES)[N]>;

const start = '2027-03-30T08:30:00+02:00';
const end = '2027-03-30T08:50:00+02:00';

const slot = { staffId: 1, start, end, location: 'Ouderkamer', remaining: 1 } satisfies Out<'Slot'>;
const schoolSummary = {
	slug: 'de-zuidwester',
	name: 'De Zuidwester',
	town: 'Tilburg'
} satisfies Out<'SchoolSummary'>;

export const EXAMPLES = {
	schoolSummary,
	slot,
	school: {
		...schoolSummary,
		address: 'Zuidwesterstraat 1',
		postcode: '5011 AA',
		neighbourhood: 'Staatsliedenbuurt Oost',
		defaultLanguage: 'nl',
		languages: ['nl', 'ar', 'en'],
		organisation: { name: 'Wijkteam Tilburg', phone: null, website: null },
		contacts: [
			{
				id: 1,
				name: 'Samira El Amrani',
				role: 'Wijkteammedewerker',
				photoUrl: null,
				intro: { nl: 'Ik ben er voor ouders van De Zuidwester.' },
				languages: ['nl', 'ar', 'en'],
				phone: null,
				email: null,
				presence: [
					{
						weekday: 2,
						start: '08:30',
						end: '10:00',
						bookable: true,
						walkIn: false,
						location: { name: 'Ouderkamer', address: null, directions: {} }
					}
				]
			}
		],
		partners: []
	} satisfies Out<'School'>,
	bookingRequest: {
		staffId: 1,
		start,
		firstName: 'Fatima',
		phone: '06-12345678',
		language: 'nl',
		topic: 'sleep_eating',
		consent: true
	},
	waitlistRequest: {
		staffId: 1,
		from: '2027-03-29',
		to: '2027-04-09',
		firstName: 'Fatima',
		phone: '06-12345678',
		language: 'nl',
		consent: true
	},
	waitlistCreated: {
		reference: 'W4TQ8R',
		manageToken: 'k2Lq…secret'
	} satisfies Out<'WaitlistCreated'>,
	waitlistEntry: {
		reference: 'W4TQ8R',
		status: 'offered',
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' },
		staffId: 1,
		from: '2027-03-29',
		to: '2027-04-09',
		offer: { staffId: 1, start, end, holdUntil: '2027-03-29T16:10:00+02:00' }
	} satisfies Out<'WaitlistEntry'>,
	bookingCreated: {
		reference: 'K7QM2P',
		manageToken: 'x3F9…secret',
		start,
		end,
		staffId: 1
	} satisfies Out<'BookingCreated'>,
	booking: {
		reference: 'K7QM2P',
		status: 'booked',
		start,
		end,
		staffId: 1,
		staffName: 'Samira El Amrani',
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' },
		location: 'Ouderkamer',
		firstName: 'Fatima',
		phone: '06-12345678',
		email: null,
		topic: 'sleep_eating',
		language: 'nl',
		interpreter: false,
		interpreterLanguage: null,
		remark: null
	} satisfies Out<'Booking'>,
	questionRequest: {
		category: 'emotions',
		text: 'Mijn zoon wordt snel boos. Hoe kan ik hem helpen?',
		answerBy: 'page',
		language: 'nl',
		consent: true
	},
	questionCreated: {
		reference: 'VQ7M2A',
		accessToken: 'q8Zt…secret'
	} satisfies Out<'QuestionCreated'>,
	question: {
		reference: 'VQ7M2A',
		status: 'answered',
		category: 'emotions',
		text: 'Mijn zoon wordt snel boos. Hoe kan ik hem helpen?',
		ageGroup: '4_7',
		answerBy: 'page',
		language: 'nl',
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' },
		createdAt: '2027-03-29T10:00:00.000Z',
		messages: [
			{
				author: 'staff',
				name: 'Samira El Amrani',
				body: 'Goed dat u het vraagt. Kom gerust langs op dinsdag.',
				at: '2027-03-29T12:00:00.000Z'
			}
		]
	} satisfies Out<'Question'>,
	walkIn: {
		open: true,
		nowCalling: 3,
		waiting: 2,
		queues: [
			{
				staffId: 1,
				name: 'Samira El Amrani',
				location: 'Ouderkamer',
				start: '2027-04-01T14:30:00+02:00',
				end: '2027-04-01T15:30:00+02:00',
				open: true,
				nowCalling: 3,
				waiting: 2
			}
		]
	} satisfies Out<'WalkIn'>,
	walkInRequest: { language: 'ar', firstName: 'Amina' },
	checkInRequest: { reference: 'K7QM2P', language: 'nl' },
	ticket: {
		ticketToken: 'Zk3v9QxJ2mH7rT1uP8sW4nB6cD0eF5gA_yLqK-oViXw',
		number: 5,
		staffId: 1,
		staffName: 'Samira El Amrani',
		location: 'Ouderkamer',
		ahead: 2,
		nowCalling: 3
	} satisfies Out<'Ticket'>,
	meeting: {
		id: 7,
		title: 'Koffieochtend',
		text: 'Drink koffie of thee met andere ouders en met Samira van het wijkteam.',
		theme: null,
		start: '2027-04-02T08:45:00+02:00',
		end: '2027-04-02T10:00:00+02:00',
		place: 'Ouderkamer',
		capacity: 12,
		remaining: 9,
		languages: ['nl', 'ar'],
		interpreter: false,
		host: 'Samira El Amrani',
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' }
	} satisfies Out<'Meeting'>,
	signupRequest: { firstName: 'Amina', people: 2, language: 'ar', consent: true },
	signupCreated: {
		reference: 'P4KX9M',
		manageToken: 'm2Rk…secret',
		people: 2,
		status: 'signed_up'
	} satisfies Out<'SignupCreated'>,
	signup: {
		reference: 'P4KX9M',
		status: 'signed_up',
		firstName: 'Amina',
		people: 2,
		phone: null,
		email: null,
		language: 'ar',
		meeting: {
			id: 7,
			title: 'Koffieochtend',
			start: '2027-04-02T08:45:00+02:00',
			end: '2027-04-02T10:00:00+02:00',
			place: 'Ouderkamer',
			cancelled: false
		},
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' }
	} satisfies Out<'Signup'>,
	suggestionRequest: { theme: 'sleep_eating', text: 'Schermtijd voor het slapen', language: 'nl' },
	pushKey: {
		publicKey:
			'BFKcKBTXv_RXFFzg4pWLencQ1F8FyjNfMe3vaJalmZsspftHX2xLoqjnspkG7yQpid3E5tj8TUCIIXoKpxr9MJU'
	} satisfies Out<'PushKey'>,
	pushSubscription: {
		endpoint: 'https://fcm.googleapis.com/fcm/send/dXBkYXRlcy1leGFtcGxl',
		keys: {
			p256dh:
				'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
			auth: 'BTBZMqHH6r4Tts7J_aSIgg'
		}
	},
	ticketStatus: {
		number: 5,
		status: 'waiting',
		ahead: 2,
		nowCalling: 3,
		staffName: 'Samira El Amrani',
		school: { slug: 'de-zuidwester', name: 'De Zuidwester' }
	} satisfies Out<'TicketStatus'>
};
