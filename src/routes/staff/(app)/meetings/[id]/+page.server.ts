import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { cancelMeeting, markAttended, updateMeeting } from '$lib/server/meetings/staff';
import { sendMeetingCancelled } from '$lib/server/meetings/messages';
import { meetingFormValues } from '$lib/server/meetings/form-values';
import { pageData } from '$lib/server/staff/workspace';
import { amsterdamDate, toAmsterdamIso } from '$lib/server/scheduling/time';
import { check } from '$lib/validation';
import { MeetingForm } from '$lib/validation/meetings';
import { reader } from './reader';
import type { Actions, PageServerLoad } from './$types';

const wallTime = (instant: number) => toAmsterdamIso(instant).slice(11, 16);

/** One meeting: change it, cancel it (everyone signed up is told), the door list, who came. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { meeting, signups, hosts } = await pageData(locals, user, reader, url);
	if (!meeting) error(404, 'not_found');
	const texts = (prefix: 'title' | 'text', from: Partial<Record<string, string>>) =>
		Object.fromEntries(Object.entries(from).map(([lang, text]) => [`${prefix}_${lang}`, text]));
	return {
		meeting,
		signups,
		hosts,
		values: {
			schoolId: String(meeting.schoolId),
			...texts('title', meeting.title),
			...texts('text', meeting.text),
			theme: meeting.theme ?? '',
			date: amsterdamDate(meeting.startsAt),
			startTime: wallTime(meeting.startsAt),
			endTime: wallTime(meeting.endsAt),
			place: meeting.place,
			capacity: String(meeting.capacity),
			languages: meeting.languages,
			interpreter: meeting.interpreter ? 'on' : '',
			hostStaffId: meeting.hostStaffId ? String(meeting.hostStaffId) : ''
		},
		created: Number(url.searchParams.get('created')) || 0,
		cancelled: url.searchParams.get('cancelled')
	};
};

const idOf = (params: { id: string }) => (/^[1-9]\d{0,9}$/.test(params.id) ? Number(params.id) : 0);

export const actions: Actions = {
	save: async ({ locals, request, params }) => {
		const user = requireUser(locals);
		const values = await meetingFormValues(request);
		const input = check(MeetingForm, values);
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		const result = await updateMeeting(locals.db, user, idOf(params), input.data, {
			now: locals.now,
			series: values.series
		});
		if (!result.ok) return fail(400, { errors: {}, values, code: result.code });
		return { saved: true };
	},
	cancel: async ({ locals, request, params, url }) => {
		const user = requireUser(locals);
		const series = (await request.formData()).get('series') === 'on';
		const result = await cancelMeeting(locals.db, user, idOf(params), { now: locals.now, series });
		if (!result.ok) return fail(400, { errors: {}, values: null, code: result.code });
		await sendMeetingCancelled(locals.db, locals.mailer, result.signupIds, url.origin);
		redirect(303, `/staff/meetings/${params.id}?cancelled=${result.signupIds.length}`);
	},
	came: async ({ locals, request }) => {
		const user = requireUser(locals);
		const data = await request.formData();
		await markAttended(
			locals.db,
			user,
			Number(data.get('signupId')) || 0,
			data.get('came') === '1',
			locals.now
		);
		return { marked: true };
	}
};
