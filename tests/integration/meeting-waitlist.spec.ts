/**
 * The waiting list of a full meeting (#23): a parent who does not fit puts their name down (with a
 * way to be told); when places free up — a cancellation, a raised capacity — the first waiting
 * parents who fit (by their number of people) are signed up directly and told by their channels.
 * Freeing and giving the places is one transaction, so a race never overfills the meeting, never
 * gives a place twice, and never lets a newcomer take a place from the waiting list.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSession, type SessionUser } from '$lib/server/auth';
import { createMeeting } from '$lib/server/meetings/staff';
import { changeMeeting } from '$lib/server/meetings/commands';
import { sendMeetingReminders } from '$lib/server/meetings/reminders';
import { notifierFor } from '$lib/server/notify';
import { addDays, amsterdamDate, wallClockToInstant } from '$lib/server/scheduling/time';
import { check } from '$lib/validation';
import { MeetingForm } from '$lib/validation/meetings';
import nl from '$lib/i18n/locales/nl.json';
import arabic from '$lib/i18n/locales/ar.json';
import staffNl from '$lib/i18n/staff/nl.json';
import { SAMIRA, db, get, newClient, postForm, signIn, commandCtx } from './helpers';
import { testNow } from './clock';

const today = amsterdamDate(testNow());
let samira: SessionUser;

beforeAll(async () => {
	samira = (await readSession(db(), (await signIn(SAMIRA)).token, testNow()))!;
});

const fields = (capacity: number, days = 12) => ({
	schoolId: '1',
	title_nl: 'Koffieochtend',
	date: addDays(today, days),
	startTime: '19:00',
	endTime: '20:30',
	place: 'Ouderkamer',
	capacity: String(capacity),
	languages: ['nl', 'ar']
});

/** A meeting of De Zuidwester with `capacity` places, at 19:00 some days out. */
async function plan(capacity: number, days = 12) {
	const form = check(MeetingForm, fields(capacity, days));
	if (!form.ok) throw new Error(JSON.stringify(form.errors));
	const made = await createMeeting(db(), samira, form.data, testNow());
	if (!made.ok) throw new Error(made.code);
	return made.ids[0];
}

const post = (path: string, body: unknown) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'cf-connecting-ip': newClient(), 'content-type': 'application/json' }
		})
	);
const del = (path: string) =>
	exports.default.fetch(
		new Request(`http://localhost${path}`, {
			method: 'DELETE',
			headers: { 'cf-connecting-ip': newClient() }
		})
	);

let phone = 600000000;
/** Signs up `people` (on the waiting list when asked and full); answers status and token. */
async function signUp(meetingId: number, people: number, options: { waitlist?: boolean } = {}) {
	const res = await post(`/api/v1/meetings/${meetingId}/signups`, {
		firstName: 'Ouder',
		people,
		phone: `0${(phone += 1)}`,
		language: 'nl',
		consent: true,
		...(options.waitlist && { waitlist: true })
	});
	const body = (await res.json()) as {
		manageToken: string;
		status: 'signed_up' | 'waiting';
		error?: { code: string };
	};
	return { ...body, http: res.status, phone: `0${phone}` };
}

/** People holding places, and the tokens still waiting, straight from D1. */
async function state(meetingId: number) {
	const held = await env.DB.prepare(
		`SELECT coalesce(sum(people), 0) AS n FROM meeting_signups WHERE meeting_id = ?
		 AND status IN ('signed_up', 'attended') AND waiting_since IS NULL`
	)
		.bind(meetingId)
		.first<{ n: number }>();
	const waiting = await env.DB.prepare(
		`SELECT phone FROM meeting_signups WHERE meeting_id = ? AND status = 'signed_up'
		 AND waiting_since IS NOT NULL ORDER BY waiting_since, id`
	)
		.bind(meetingId)
		.all<{ phone: string }>();
	return { held: held!.n, waiting: waiting.results.map((w) => w.phone) };
}

const textsTo = async (to: string, event: string) =>
	(
		await env.DB.prepare(
			`SELECT text FROM local_messages WHERE channel = 'sms' AND to_address = ? AND event = ?`
		)
			.bind(to, event)
			.all<{ text: string }>()
	).results.map((m) => m.text);

describe('the waiting list of a full meeting', () => {
	it('takes a parent who does not fit, with a way to tell them, and holds no place for them', async () => {
		const id = await plan(2);
		expect((await signUp(id, 2)).http).toBe(201);
		// Without a phone number or an e-mail address there is no way to tell them: refused.
		const noContact = await post(`/api/v1/meetings/${id}/signups`, {
			firstName: 'Ouder',
			people: 1,
			language: 'nl',
			consent: true,
			waitlist: true
		});
		expect(noContact.status).toBe(400);
		expect(await noContact.json()).toMatchObject({
			error: { code: 'invalid', fields: { phone: 'contact_required' } }
		});
		// Without asking for the list: full, as before.
		expect((await signUp(id, 1)).http).toBe(409);

		const waiting = await signUp(id, 1, { waitlist: true });
		expect(waiting).toMatchObject({ http: 201, status: 'waiting' });
		const created = (await (
			await exports.default.fetch(
				new Request(`http://localhost/api/v1/signups/${waiting.manageToken}`)
			)
		).json()) as { status: string };
		expect(created.status).toBe('waiting');
		expect(await state(id)).toEqual({ held: 2, waiting: [waiting.phone] });
		expect(await textsTo(waiting.phone, 'meeting_waiting')).toEqual([
			expect.stringContaining(`/nl/meeting/${waiting.manageToken}`)
		]);
		// Places free for them: asking for the list still signs them up.
		const roomy = await plan(5);
		expect(await signUp(roomy, 2, { waitlist: true })).toMatchObject({
			http: 201,
			status: 'signed_up'
		});
		expect(await state(roomy)).toEqual({ held: 2, waiting: [] });
	});

	it('gives a freed place to the first waiting parents who fit, and tells them', async () => {
		const id = await plan(4);
		const a = await signUp(id, 2);
		const b = await signUp(id, 2);
		const three = await signUp(id, 3, { waitlist: true });
		const two = await signUp(id, 2, { waitlist: true });
		expect(await state(id)).toEqual({ held: 4, waiting: [three.phone, two.phone] });

		// Two places free: the three do not fit, the two after them do.
		expect((await del(`/api/v1/signups/${a.manageToken}`)).status).toBe(204);
		expect(await state(id)).toEqual({ held: 4, waiting: [three.phone] });
		const told = await textsTo(two.phone, 'meeting_promoted');
		expect(told).toEqual([expect.stringContaining(`/nl/meeting/${two.manageToken}`)]);
		expect(told[0]).toContain(nl.notice.meetingPromoted.replace('{{school}}', 'De Zuidwester'));
		const mine = (await (
			await exports.default.fetch(new Request(`http://localhost/api/v1/signups/${two.manageToken}`))
		).json()) as { status: string };
		expect(mine.status).toBe('signed_up');

		// Two more free: still too few for three.
		expect((await del(`/api/v1/signups/${b.manageToken}`)).status).toBe(204);
		expect(await state(id)).toEqual({ held: 2, waiting: [three.phone] });
		// All four free: now the three fit.
		expect((await del(`/api/v1/signups/${two.manageToken}`)).status).toBe(204);
		expect(await state(id)).toEqual({ held: 3, waiting: [] });
		expect(await textsTo(three.phone, 'meeting_promoted')).toHaveLength(1);
	});

	it('gives the places of a raised capacity to the waiting parents', async () => {
		const id = await plan(1);
		await signUp(id, 1);
		const first = await signUp(id, 2, { waitlist: true });
		const second = await signUp(id, 1, { waitlist: true });
		const form = check(MeetingForm, fields(4));
		if (!form.ok) throw new Error('form');
		const changed = await changeMeeting(commandCtx(), samira, id, form.data, false);
		expect(changed.ok).toBe(true);
		expect(await state(id)).toEqual({ held: 4, waiting: [] });
		expect(await textsTo(first.phone, 'meeting_promoted')).toHaveLength(1);
		expect(await textsTo(second.phone, 'meeting_promoted')).toHaveLength(1);
	});

	it('never lets newcomers take freed places from the waiting list, nor gives one twice, under a race', async () => {
		const id = await plan(4);
		const holders = [await signUp(id, 2), await signUp(id, 2)];
		const waiting = [];
		for (let i = 0; i < 6; i++) waiting.push(await signUp(id, 1, { waitlist: true }));
		// Both holders cancel while twenty newcomers try to sign up, all at the same moment.
		const responses = await Promise.all([
			...holders.map((h) => del(`/api/v1/signups/${h.manageToken}`)),
			...Array.from({ length: 20 }, () =>
				post(`/api/v1/meetings/${id}/signups`, {
					firstName: 'Nieuw',
					people: 1,
					language: 'nl',
					consent: true
				})
			)
		]);
		expect(responses.slice(0, 2).map((r) => r.status)).toEqual([204, 204]);
		// The places went to the first four waiting, in order; every newcomer found the meeting full.
		expect(responses.slice(2).every((r) => r.status === 409)).toBe(true);
		expect(await state(id)).toEqual({
			held: 4,
			waiting: waiting.slice(4).map((w) => w.phone)
		});
		for (const w of waiting.slice(0, 4)) {
			expect(await textsTo(w.phone, 'meeting_promoted')).toHaveLength(1);
		}
	});

	it('sends no reminder to a parent still waiting', async () => {
		const day = addDays(today, 13);
		const id = await plan(1, 13);
		await signUp(id, 1);
		const waiting = await signUp(id, 1, { waitlist: true });
		const moment = wallClockToInstant(addDays(day, -2), '19:00')! + 60_000;
		await sendMeetingReminders(notifierFor(env, db()), moment);
		expect(await textsTo(waiting.phone, 'meeting_reminder')).toEqual([]);
	});
});

describe('the waiting list on the pages, without JavaScript', () => {
	it('offers the list on a full meeting, signs the parent on in two steps, and lets them leave', async () => {
		const id = await plan(1);
		await signUp(id, 1);
		const page = `/ar/de-zuidwester/meeting/${id}`;
		const school = await (await get('/ar/de-zuidwester')).text();
		expect(school).toContain(arabic.meetings.waitlistLink);
		const opened = await (await get(page)).text();
		expect(opened).toContain(arabic.meetings.waitlistIntro);
		expect(opened).toContain('action="?/wait"');

		const step2 = await postForm(
			`${page}?/wait`,
			new URLSearchParams({ firstName: 'Amal', people: '2' })
		);
		const step2Html = await step2.text();
		expect(step2Html).toContain(arabic.meetings.waitlistContactHint);
		expect(step2Html).toContain('name="waitlist" value="on"');
		// No way to tell them: the contact field says so, and what was typed stays.
		const refused = await postForm(
			`${page}?/signup`,
			new URLSearchParams({ firstName: 'Amal', people: '2', waitlist: 'on', consent: 'on' })
		);
		expect(refused.status).toBe(400);
		const refusedHtml = await refused.text();
		expect(refusedHtml).toContain(arabic.fields.contact_required);
		expect(refusedHtml).toContain('value="Amal"');

		const done = await postForm(
			`${page}?/signup`,
			new URLSearchParams({
				firstName: 'Amal',
				people: '2',
				phone: '0687001122',
				waitlist: 'on',
				consent: 'on'
			})
		);
		expect(done.status).toBe(303);
		const mine = done.headers.get('location')!;
		const confirmation = await (await get(mine)).text();
		expect(confirmation).toContain(arabic.meetings.waitingTitle);
		expect(confirmation).toContain(arabic.meetings.leaveWaitlist);
		expect(confirmation).not.toContain('calendar.ics');
		const token = mine.split('/')[3].split('?')[0];
		expect((await get(`/ar/meeting/${token}/calendar.ics`)).status).toBe(404);

		// The wijkteam sees her on the waiting list, after the door list.
		const door = await (await get(`/staff/meetings/${id}`, (await signIn(SAMIRA)).token)).text();
		expect(door).toContain(staffNl.meetings.waitingTitle);
		expect(door).toMatch(/<ol class="waiting[^"]*"[^>]*>[\s\S]*Amal/);

		const left = await postForm(`/ar/meeting/${token}?/cancel`, new URLSearchParams());
		expect(left.status).toBe(303);
		expect(await (await get(`/ar/meeting/${token}`)).text()).toContain(
			arabic.meetings.leftWaitlist
		);
		expect((await state(id)).waiting).toEqual([]);
	});
});
