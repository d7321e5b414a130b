/**
 * Who sees what (issue #7, proof 3): every route under src/routes and every API call, for every
 * kind of visitor. The routes are found from the files themselves, so a new route without a line
 * here fails the test; so does an API operation in the OpenAPI document without one.
 *
 * Adding a kind of visitor (the kiosk) is a key in VISITORS and a number in every row: the type
 * `Row` makes TypeScript point at each row that lacks it.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '$lib/server/api/openapi';
import { readSession } from '$lib/server/auth';
import { setStaffSchools } from '$lib/server/accounts';
import { renewFeed } from '$lib/server/staff/calendar';
import { DEMO_BOOKING_TOKEN, DEMO_QUESTION_TOKEN, DEMO_SIGNUP_TOKEN } from '$lib/server/demo/seed';
import { amsterdamDate } from '$lib/server/scheduling/time';
import {
	HAAG_ADMIN,
	JEROEN,
	SAMIRA,
	TILBURG_ADMIN,
	YUSUF,
	cookie,
	db,
	get,
	pairedKiosk,
	postForm,
	signIn
} from './helpers';
import { testNow } from './clock';

/**
 * The kinds of visitor. Samira is staff of De Zuidwester, where the records below live; Jeroen is
 * moved (in this file's own database) to Het Kompas: the same organisation, another school.
 */
const VISITORS = {
	anonymous: async () => undefined,
	otherOrgStaff: async () => (await signIn(YUSUF)).token,
	otherSchoolStaff: async () => (await signIn(JEROEN)).token,
	staff: async () => (await signIn(SAMIRA)).token,
	admin: async () => (await signIn(TILBURG_ADMIN)).token,
	otherOrgAdmin: async () => (await signIn(HAAG_ADMIN)).token,
	// The kiosk tablet of De Zuidwester: its device cookie, no session.
	kiosk: async () => `kiosk:${await pairedKiosk(1)}`
};
type Visitor = keyof typeof VISITORS;
type Row = Record<Visitor, number>;

/** The same answer for everyone. */
const all = (status: number): Row => ({
	anonymous: status,
	otherOrgStaff: status,
	otherSchoolStaff: status,
	staff: status,
	admin: status,
	otherOrgAdmin: status,
	kiosk: status
});
/** A workspace page every signed-in person may open. */
const signedIn: Row = { ...all(200), anonymous: 303, kiosk: 303 };
/** A record of De Zuidwester: its staff and its organisation's coordinator, nobody else. */
const zuidwester: Row = { ...all(404), anonymous: 303, kiosk: 303, staff: 200, admin: 200 };
/** A coordinators' page. */
const coordinators: Row = {
	...all(404),
	anonymous: 303,
	kiosk: 303,
	admin: 200,
	otherOrgAdmin: 200
};
/** A professional's own page (coordinators have no hours or profile of their own). */
const professionals: Row = { ...signedIn, admin: 404, otherOrgAdmin: 404 };
/** Sign-in pages: open to anyone without a session; a signed-in person goes on to the workspace. */
const signInPage: Row = { ...all(303), anonymous: 200, kiosk: 200 };
/** A kiosk page: the paired tablet only; anyone else is sent to pairing. */
const kioskOnly: Row = { ...all(303), kiosk: 200 };

const ids = { fatima: 0, question: 0, kompasQuestion: 0 };

/** A subscription on the push service stand-in: well-formed, so only the record's secret decides. */
const pushSubscription = () => ({
	endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw`,
	keys: {
		p256dh:
			'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
		auth: 'BTBZMqHH6r4Tts7J_aSIgg'
	}
});

/** A kiosk paired to a school by that school's coordinator; its device token. */
let feedSecret = '';
let waitlistToken = '';

/**
 * Every route (by its id, as SvelteKit names it) with the addresses that exercise it and the status
 * each visitor gets.
 */
const ROUTES: Record<string, [() => string, Row][]> = {
	'/': [[() => '/', all(307)]],
	'/[slug]': [[() => '/de-zuidwester', all(307)]],
	'/[lang=lang]': [
		[() => '/nl', all(200)],
		[() => '/ar?q=tilburg', all(200)]
	],
	'/[lang=lang]/[slug]': [
		[() => '/nl/de-zuidwester', all(200)],
		[() => '/nl/no-such-school', all(404)]
	],
	'/[lang=lang]/[slug]/ask': [[() => '/tr/de-zuidwester/ask', all(200)]],
	'/[lang=lang]/[slug]/book': [[() => '/pl/de-zuidwester/book?staff=1', all(200)]],
	'/[lang=lang]/[slug]/waitlist': [
		[() => '/ti/de-zuidwester/waitlist?staff=1', all(200)],
		[() => '/nl/nope/waitlist', all(404)]
	],
	'/[lang=lang]/waitlist/[token]': [
		[() => `/ar/waitlist/${waitlistToken}`, all(200)],
		[() => '/nl/waitlist/wrong', all(404)]
	],
	// A parent's own pages open with the secret in the link, for anyone holding it, and never by id.
	'/[lang=lang]/booking/[token]': [
		[() => `/nl/booking/${DEMO_BOOKING_TOKEN}`, all(200)],
		[() => `/nl/booking/${ids.fatima}`, all(404)]
	],
	'/[lang=lang]/booking/[token]/calendar.ics': [
		[() => `/nl/booking/${DEMO_BOOKING_TOKEN}/calendar.ics`, all(200)],
		[() => '/nl/booking/wrong/calendar.ics', all(404)]
	],
	'/[lang=lang]/question/[token]': [
		[() => `/uk/question/${DEMO_QUESTION_TOKEN}`, all(200)],
		[() => `/uk/question/${ids.question}`, all(404)]
	],
	'/[lang=lang]/[slug]/walkin': [
		[() => '/ar/de-zuidwester/walkin', all(200)],
		[() => '/nl/de-zuidwester/walkin?staff=1&ticket=999', all(200)]
	],
	// A meeting's sign-up is public, under its own school only; the sign-up's page by its secret.
	'/[lang=lang]/[slug]/meeting/[id]': [
		[() => '/nl/de-zuidwester/meeting/1', all(200)],
		[() => '/nl/de-vlinderboom/meeting/1', all(404)],
		[() => '/nl/de-zuidwester/meeting/999999', all(404)]
	],
	'/[lang=lang]/[slug]/suggest': [[() => '/ar/de-zuidwester/suggest', all(200)]],
	'/[lang=lang]/meeting/[token]': [
		[() => `/ar/meeting/${DEMO_SIGNUP_TOKEN}`, all(200)],
		[() => '/ar/meeting/1', all(404)]
	],
	'/[lang=lang]/meeting/[token]/calendar.ics': [
		[() => `/ar/meeting/${DEMO_SIGNUP_TOKEN}/calendar.ics`, all(200)],
		[() => '/ar/meeting/1/calendar.ics', all(404)]
	],
	// A walk-in ticket's own page: by its secret, for anyone holding it (the ticket id is no key).
	'/[lang=lang]/ticket/[token]': [[() => '/ar/ticket/1', all(404)]],
	// The local mailbox exists only where the local server turns it on (never in tests or production).
	'/dev/mailbox': [[() => '/dev/mailbox', all(404)]],
	'/[lang=lang]/privacy': [
		[() => '/nl/privacy', all(200)],
		[() => '/ar/privacy?school=de-zuidwester', all(200)]
	],
	'/[lang=lang]/accessibility': [[() => '/ti/accessibility', all(200)]],
	'/[lang=lang]/about': [[() => '/pl/about', all(200)]],
	'/kiosk': [[() => '/kiosk', all(303)]],
	'/kiosk/pair': [[() => '/kiosk/pair', all(200)]],
	'/kiosk/manifest.webmanifest': [[() => '/kiosk/manifest.webmanifest', all(200)]],
	'/staff/manifest.webmanifest': [[() => '/staff/manifest.webmanifest', all(200)]],
	'/kiosk/[lang=lang]': [[() => '/kiosk/ar', kioskOnly]],
	'/kiosk/[lang=lang]/book': [[() => '/kiosk/nl/book', kioskOnly]],
	'/kiosk/[lang=lang]/ask': [[() => '/kiosk/tr/ask', kioskOnly]],
	'/kiosk/[lang=lang]/here': [[() => '/kiosk/uk/here', kioskOnly]],
	'/kiosk/[lang=lang]/suggest': [[() => '/kiosk/ar/suggest', kioskOnly]],
	'/photos/[...key]': [[() => '/photos/staff/1/000000000000000000000000.png', all(404)]],
	'/api/[...path]': [[() => '/api/health', all(200)]], // every API call: see API below
	'/staff': [[() => '/staff', all(303)]],
	'/staff/login': [[() => '/staff/login', signInPage]],
	'/staff/login/code': [[() => '/staff/login/code', all(303)]],
	'/staff/login/forgot': [[() => '/staff/login/forgot', all(200)]],
	'/staff/logout': [[() => '/staff/logout', all(303)]],
	'/staff/language': [[() => '/staff/language', all(303)]],
	'/staff/invite/[token]': [[() => '/staff/invite/not-a-token', all(404)]],
	'/staff/setup/[token]': [[() => '/staff/setup/not-a-token', all(404)]],
	'/staff/reset/[token]': [[() => '/staff/reset/not-a-token', all(404)]],
	'/staff/(app)/today': [[() => '/staff/today', signedIn]],
	'/staff/(app)/week': [[() => '/staff/week', signedIn]],
	'/staff/(app)/bookings': [
		[() => '/staff/bookings', signedIn],
		[() => '/staff/bookings?school=1', signedIn]
	],
	'/staff/(app)/bookings/[id]': [
		[() => `/staff/bookings/${ids.fatima}`, zuidwester],
		[() => '/staff/bookings/999999', { ...all(404), anonymous: 303, kiosk: 303 }]
	],
	'/staff/(app)/bookings/export.csv': [[() => '/staff/bookings/export.csv', signedIn]],
	'/staff/(app)/bookings/new': [
		[() => '/staff/bookings/new', signedIn],
		// Another school's slug falls back to one's own schools: still 200, never their times.
		[() => '/staff/bookings/new?school=de-vlinderboom', signedIn]
	],
	'/staff/(app)/account': [[() => '/staff/account', signedIn]],
	'/staff/(app)/calendar': [[() => '/staff/calendar', professionals]],
	'/staff/(app)/hours': [
		[() => '/staff/hours', professionals],
		// ?staff= is for coordinators of that person's organisation; staff see their own hours.
		[() => '/staff/hours?staff=1', { ...signedIn, otherOrgAdmin: 404 }]
	],
	'/staff/(app)/profile': [[() => '/staff/profile', professionals]],
	'/staff/(app)/questions': [[() => '/staff/questions', signedIn]],
	'/staff/(app)/questions/[id]': [
		[() => `/staff/questions/${ids.question}`, zuidwester],
		[
			() => `/staff/questions/${ids.kompasQuestion}`,
			// Samira works at Het Kompas too.
			{ ...all(404), anonymous: 303, kiosk: 303, otherSchoolStaff: 200, staff: 200, admin: 200 }
		]
	],
	'/staff/(app)/queue': [[() => '/staff/queue', signedIn]],
	// Another organisation's school by its id: the page answers with nothing of it
	// (figures.spec.ts looks inside).
	'/staff/(app)/figures': [
		[() => '/staff/figures', signedIn],
		[() => '/staff/figures?scope=school&school=1&period=year&year=2026', signedIn]
	],
	'/staff/(app)/figures.csv': [
		[() => '/staff/figures.csv', signedIn],
		[() => '/staff/figures.csv?scope=school&school=1', signedIn]
	],
	'/staff/(app)/meetings': [[() => '/staff/meetings', signedIn]],
	'/staff/(app)/meetings/new': [[() => '/staff/meetings/new', signedIn]],
	// The demo coffee morning of De Zuidwester (meeting 1) with its door list.
	'/staff/(app)/meetings/[id]': [
		[() => '/staff/meetings/1', zuidwester],
		[() => '/staff/meetings/999999', { ...all(404), anonymous: 303, kiosk: 303 }]
	],
	'/staff/(app)/meetings/[id]/signups.csv': [[() => '/staff/meetings/1/signups.csv', zuidwester]],
	'/staff/(app)/waitlist': [
		[() => '/staff/waitlist', signedIn],
		[() => '/staff/waitlist?school=5', signedIn]
	],
	'/staff/(app)/admin/kiosks': [[() => '/staff/admin/kiosks', coordinators]],
	'/staff/(app)/admin/privacy': [[() => '/staff/admin/privacy', coordinators]],
	// The export is a POST with the contact in the body (never in a URL); see privacy.spec.ts.
	'/staff/(app)/admin/privacy/export.json': [[() => '/staff/admin/privacy/export.json', all(405)]],
	'/staff/(app)/admin/audit': [[() => '/staff/admin/audit', coordinators]],
	'/staff/(app)/admin/holidays': [[() => '/staff/admin/holidays', coordinators]],
	'/staff/(app)/admin/organisation': [[() => '/staff/admin/organisation', coordinators]],
	'/staff/(app)/admin/people': [[() => '/staff/admin/people', coordinators]],
	'/staff/(app)/admin/schools/[id]': [
		[() => '/staff/admin/schools/1', { ...coordinators, otherOrgAdmin: 404 }],
		[() => '/staff/admin/schools/5', { ...coordinators, admin: 404 }]
	]
};

/**
 * Every API operation ("METHOD /path" as in the OpenAPI document, plus the calendar feed) with the
 * calls that exercise it. The API is public: a session cookie gives no one more.
 */
const API: Record<string, [() => { method: string; path: string; body?: unknown }, Row][]> = {
	'GET /health': [[() => ({ method: 'GET', path: '/api/health' }), all(200)]],
	'GET /v1/openapi.json': [[() => ({ method: 'GET', path: '/api/v1/openapi.json' }), all(200)]],
	'GET /v1/schools': [[() => ({ method: 'GET', path: '/api/v1/schools?q=tilburg' }), all(200)]],
	'GET /v1/schools/{slug}': [
		[() => ({ method: 'GET', path: '/api/v1/schools/de-zuidwester' }), all(200)]
	],
	'GET /v1/schools/{slug}/slots': [
		[
			() => ({
				method: 'GET',
				path: '/api/v1/schools/de-zuidwester/slots?from=2026-01-01&to=2026-01-02'
			}),
			all(200)
		]
	],
	'POST /v1/schools/{slug}/bookings': [
		[() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/bookings', body: {} }), all(400)]
	],
	'POST /v1/schools/{slug}/questions': [
		[
			() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/questions', body: {} }),
			all(400)
		]
	],
	'GET /v1/schools/{slug}/walkin': [
		[() => ({ method: 'GET', path: '/api/v1/schools/de-zuidwester/walkin' }), all(200)],
		[() => ({ method: 'GET', path: '/api/v1/schools/nope/walkin' }), all(404)]
	],
	// Public: the same for everyone (426 without the upgrade; live.spec.ts opens the socket).
	'GET /v1/schools/{slug}/walkin/live': [
		[() => ({ method: 'GET', path: '/api/v1/schools/de-zuidwester/walkin/live' }), all(426)]
	],
	'POST /v1/schools/{slug}/walkin': [
		[() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/walkin', body: {} }), all(400)]
	],
	'POST /v1/schools/{slug}/walkin/checkin': [
		[
			() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/walkin/checkin', body: {} }),
			all(400)
		]
	],
	'GET /v1/bookings/{manageToken}': [
		[() => ({ method: 'GET', path: `/api/v1/bookings/${DEMO_BOOKING_TOKEN}` }), all(200)],
		[() => ({ method: 'GET', path: `/api/v1/bookings/${ids.fatima}` }), all(404)]
	],
	'DELETE /v1/bookings/{manageToken}': [
		[() => ({ method: 'DELETE', path: `/api/v1/bookings/${ids.fatima}` }), all(404)]
	],
	'GET /v1/questions/{accessToken}': [
		[() => ({ method: 'GET', path: `/api/v1/questions/${DEMO_QUESTION_TOKEN}` }), all(200)],
		[() => ({ method: 'GET', path: `/api/v1/questions/${ids.question}` }), all(404)]
	],
	'GET /v1/schools/{slug}/meetings': [
		[() => ({ method: 'GET', path: '/api/v1/schools/de-zuidwester/meetings' }), all(200)]
	],
	'POST /v1/schools/{slug}/suggestions': [
		[
			() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/suggestions', body: {} }),
			all(400)
		]
	],
	'POST /v1/meetings/{id}/signups': [
		[() => ({ method: 'POST', path: '/api/v1/meetings/1/signups', body: {} }), all(400)]
	],
	'GET /v1/signups/{manageToken}': [
		[() => ({ method: 'GET', path: `/api/v1/signups/${DEMO_SIGNUP_TOKEN}` }), all(200)],
		[() => ({ method: 'GET', path: '/api/v1/signups/1' }), all(404)]
	],
	'DELETE /v1/signups/{manageToken}': [
		[() => ({ method: 'DELETE', path: '/api/v1/signups/1' }), all(404)]
	],
	// A sign-up's push opens with its secret only: its id is unknown.
	'POST /v1/signups/{manageToken}/push': [
		[
			() => ({
				method: 'POST',
				path: '/api/v1/signups/1/push',
				body: pushSubscription()
			}),
			all(404)
		]
	],
	'DELETE /v1/signups/{manageToken}/push': [
		[
			() => ({
				method: 'DELETE',
				path: '/api/v1/signups/1/push',
				body: { endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw` }
			}),
			all(404)
		]
	],
	'GET /v1/push/key': [[() => ({ method: 'GET', path: '/api/v1/push/key' }), all(200)]],
	// A record's push opens with its secret only; an id or a wrong secret is unknown.
	'POST /v1/bookings/{manageToken}/push': [
		[() => ({ method: 'POST', path: `/api/v1/bookings/${ids.fatima}/push`, body: {} }), all(400)],
		[
			() => ({
				method: 'POST',
				path: `/api/v1/bookings/${ids.fatima}/push`,
				body: pushSubscription()
			}),
			all(404)
		]
	],
	'DELETE /v1/bookings/{manageToken}/push': [
		[
			() => ({
				method: 'DELETE',
				path: `/api/v1/bookings/${ids.fatima}/push`,
				body: { endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw` }
			}),
			all(404)
		]
	],
	'POST /v1/questions/{accessToken}/push': [
		[() => ({ method: 'POST', path: `/api/v1/questions/${ids.question}/push`, body: {} }), all(400)]
	],
	'DELETE /v1/questions/{accessToken}/push': [
		[
			() => ({
				method: 'DELETE',
				path: `/api/v1/questions/${ids.question}/push`,
				body: { endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw` }
			}),
			all(404)
		]
	],
	'GET /v1/walkin/{ticketToken}': [[() => ({ method: 'GET', path: '/api/v1/walkin/1' }), all(404)]],
	'POST /v1/walkin/{ticketToken}/push': [
		[() => ({ method: 'POST', path: '/api/v1/walkin/1/push', body: {} }), all(400)]
	],
	'DELETE /v1/walkin/{ticketToken}/push': [
		[
			() => ({
				method: 'DELETE',
				path: '/api/v1/walkin/1/push',
				body: { endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw` }
			}),
			all(404)
		]
	],
	'POST /v1/schools/{slug}/waitlist': [
		[() => ({ method: 'POST', path: '/api/v1/schools/de-zuidwester/waitlist', body: {} }), all(400)]
	],
	'GET /v1/waitlist/{manageToken}': [
		[() => ({ method: 'GET', path: `/api/v1/waitlist/${waitlistToken}` }), all(200)],
		[() => ({ method: 'GET', path: '/api/v1/waitlist/wrong' }), all(404)]
	],
	'DELETE /v1/waitlist/{manageToken}': [
		[() => ({ method: 'DELETE', path: '/api/v1/waitlist/wrong' }), all(404)]
	],
	// A place on the list takes a device with its secret only, and only while on the list.
	'POST /v1/waitlist/{manageToken}/push': [
		[
			() => ({ method: 'POST', path: `/api/v1/waitlist/${waitlistToken}/push`, body: {} }),
			all(400)
		],
		[
			() => ({
				method: 'POST',
				path: '/api/v1/waitlist/wrong/push',
				body: {
					endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw`,
					keys: {
						p256dh:
							'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
						auth: 'BTBZMqHH6r4Tts7J_aSIgg'
					}
				}
			}),
			all(404)
		]
	],
	'DELETE /v1/waitlist/{manageToken}/push': [
		[
			() => ({
				method: 'DELETE',
				path: '/api/v1/waitlist/wrong/push',
				body: { endpoint: `${env.PUSH_SERVICE_ORIGINS}/push/wsw` }
			}),
			all(404)
		]
	],
	'POST /v1/waitlist/{manageToken}/claim': [
		// Waiting, nothing offered: nobody can claim (a session gives no one more).
		[() => ({ method: 'POST', path: `/api/v1/waitlist/${waitlistToken}/claim` }), all(409)]
	],
	'GET /calendar/{secret}.ics': [
		[() => ({ method: 'GET', path: `/api/calendar/${feedSecret}.ics` }), all(200)],
		[() => ({ method: 'GET', path: '/api/calendar/1.ics' }), all(404)]
	]
};

/** The route ids of every page and endpoint under src/routes, from the files themselves. */
const routeIds = [
	...new Set(
		Object.keys(
			import.meta.glob([
				'/src/routes/**/+page.svelte',
				'/src/routes/**/+page.server.ts',
				'/src/routes/**/+server.ts'
			])
		).map((file) => file.replace(/^\/src\/routes/, '').replace(/\/\+[^/]+$/, '') || '/')
	)
].sort();

const tokens = {} as Record<Visitor, string | undefined>;

beforeAll(async () => {
	const one = async (sql: string) => (await env.DB.prepare(sql).first<{ id: number }>())!.id;
	ids.fatima = await one("SELECT id FROM bookings WHERE reference = 'ZW4K7P'");
	ids.question = await one('SELECT id FROM questions WHERE school_id = 1 ORDER BY id LIMIT 1');
	const admin = await signIn(TILBURG_ADMIN);
	const adminUser = (await readSession(db(), admin.token, admin.now))!;
	// Jeroen works at Het Kompas only: staff of the same organisation, another school.
	expect(await setStaffSchools(db(), adminUser, JEROEN.staffId!, [2])).toBe(true);
	// A question at Het Kompas, asked through the API.
	const asked = await exports.default.fetch(
		new Request('http://localhost/api/v1/schools/het-kompas-tilburg/questions', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				category: 'school',
				text: 'Een vraag voor Het Kompas.',
				answerBy: 'page',
				language: 'nl',
				consent: true
			})
		})
	);
	expect(asked.status).toBe(201);
	ids.kompasQuestion = await one(
		'SELECT id FROM questions WHERE school_id = 2 ORDER BY id DESC LIMIT 1'
	);
	const waiting = await exports.default.fetch(
		new Request('http://localhost/api/v1/schools/de-zuidwester/waitlist', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				from: amsterdamDate(testNow()),
				to: amsterdamDate(testNow()),
				firstName: 'Hana',
				email: 'hana@example.org',
				language: 'ar',
				consent: true
			})
		})
	);
	expect(waiting.status).toBe(201);
	waitlistToken = ((await waiting.json()) as { manageToken: string }).manageToken;
	const samira = await signIn(SAMIRA);
	feedSecret = (await renewFeed(db(), (await readSession(db(), samira.token, samira.now))!))!;
	for (const visitor of Object.keys(VISITORS) as Visitor[])
		tokens[visitor] = await VISITORS[visitor]();
});

describe('who sees what', () => {
	it('has an expectation for every route under src/routes, and none for a route that is gone', () => {
		expect(routeIds).toEqual(Object.keys(ROUTES).sort());
	});

	it('has an expectation for every operation of the API', () => {
		const operations = Object.entries(openApiDocument('http://localhost').paths).flatMap(
			([path, methods]) => Object.keys(methods as object).map((m) => `${m.toUpperCase()} ${path}`)
		);
		for (const operation of operations) expect(Object.keys(API), operation).toContain(operation);
	});

	it('answers every route as it should, for every kind of visitor', async () => {
		const failures: string[] = [];
		for (const [route, cases] of Object.entries(ROUTES)) {
			for (const [path, expected] of cases) {
				for (const visitor of Object.keys(VISITORS) as Visitor[]) {
					const status = (await get(path(), tokens[visitor])).status;
					if (status !== expected[visitor])
						failures.push(
							`${route} ${path()} as ${visitor}: ${status}, expected ${expected[visitor]}`
						);
				}
			}
		}
		expect(failures).toEqual([]);
	}, 120_000);

	it('answers every API call as it should, for every kind of visitor (a session gives no one more)', async () => {
		const failures: string[] = [];
		for (const [operation, cases] of Object.entries(API)) {
			for (const [call, expected] of cases) {
				const { method, path, body } = call();
				for (const visitor of Object.keys(VISITORS) as Visitor[]) {
					const res = await exports.default.fetch(
						new Request(`http://localhost${path}`, {
							method,
							redirect: 'manual',
							headers: {
								...cookie(tokens[visitor]),
								...((body === undefined ? {} : { 'content-type': 'application/json' }) as Record<
									string,
									string
								>)
							},
							body: body === undefined ? undefined : JSON.stringify(body)
						})
					);
					await res.arrayBuffer();
					if (res.status !== expected[visitor])
						failures.push(
							`${operation} ${path} as ${visitor}: ${res.status}, expected ${expected[visitor]}`
						);
				}
			}
		}
		expect(failures).toEqual([]);
	}, 60_000);

	it('scopes what lists, exports and the inbox hold, not only the detail pages', async () => {
		const text = async (path: string, visitor: Visitor) =>
			(await get(path, tokens[visitor])).text();
		const sees = async (path: string, needle: string) => {
			const seen: Visitor[] = [];
			for (const visitor of Object.keys(VISITORS) as Visitor[]) {
				if ((await text(path, visitor)).includes(needle)) seen.push(visitor);
			}
			return seen;
		};
		// Fatima's booking (De Zuidwester) and Olena's (De Vlinderboom, Den Haag).
		expect(await sees('/staff/bookings/export.csv', 'ZW4K7P')).toEqual(['staff', 'admin']);
		expect(await sees('/staff/bookings/export.csv', 'T3GJ8K')).toEqual([
			'otherOrgStaff',
			'otherOrgAdmin'
		]);
		expect(await sees('/staff/bookings', 'Fatima')).toEqual(['staff', 'admin']);
		expect(
			await sees('/staff/questions?school=2', `/staff/questions/${ids.kompasQuestion}"`)
		).toEqual(['otherSchoolStaff', 'staff', 'admin']);
		// The coordinators' people page lists their own organisation only.
		expect(await sees('/staff/admin/people', 'yusuf@jeugdhulpdenhaag.example.nl')).toEqual([
			'otherOrgAdmin'
		]);
		expect(await sees('/staff/admin/people', 'samira@wijkteamtilburg.example.nl')).toEqual([
			'admin'
		]);
	}, 60_000);

	it('lets only the people of the record’s school act on it', async () => {
		// Marking Fatima's booking attended: for everyone outside De Zuidwester, as if it were not there.
		const expected: Row = {
			anonymous: 303,
			kiosk: 303,
			otherOrgStaff: 404,
			otherSchoolStaff: 404,
			staff: 303,
			admin: 303,
			otherOrgAdmin: 404
		};
		const failures: string[] = [];
		for (const visitor of Object.keys(VISITORS) as Visitor[]) {
			const res = await postForm(
				`/staff/bookings/${ids.fatima}?/attended`,
				new URLSearchParams(),
				tokens[visitor]
			);
			if (res.status !== expected[visitor]) failures.push(`attended as ${visitor}: ${res.status}`);
		}
		// Taking the De Zuidwester question: the same.
		for (const visitor of Object.keys(VISITORS) as Visitor[]) {
			const res = await postForm(
				`/staff/questions/${ids.question}?/take`,
				new URLSearchParams(),
				tokens[visitor]
			);
			const allowed = visitor === 'staff' || visitor === 'admin';
			const want = visitor === 'anonymous' || visitor === 'kiosk' ? 303 : allowed ? 303 : 404;
			if (res.status !== want) failures.push(`take as ${visitor}: ${res.status}, expected ${want}`);
		}
		expect(failures).toEqual([]);
	}, 60_000);
});
