import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { cancelMeetingForParents, changeMeeting, markCame } from '$lib/server/meetings/commands';
import { formCtx, formFailure } from '$lib/server/http/outcome';
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
			alsoSchoolIds: (JSON.parse(meeting.schoolIds) as number[])
				.filter((id) => id !== meeting.schoolId)
				.map(String),
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
	save: async (event) => {
		const { locals, request, params } = event;
		const user = requireUser(locals);
		const values = await meetingFormValues(request);
		const input = check(MeetingForm, values);
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		const result = await changeMeeting(
			formCtx(event),
			user,
			idOf(params),
			input.data,
			values.series
		);
		if (!result.ok) return formFailure(result.problem, { values }, { notFoundPage: false });
		return { saved: true };
	},
	cancel: async (event) => {
		const { locals, request, params } = event;
		const user = requireUser(locals);
		const series = (await request.formData()).get('series') === 'on';
		const result = await cancelMeetingForParents(formCtx(event), user, idOf(params), series);
		if (!result.ok) {
			return formFailure(result.problem, { values: null }, { notFoundPage: false });
		}
		redirect(303, `/staff/meetings/${params.id}?cancelled=${result.value.told}`);
	},
	came: async ({ locals, request }) => {
		const user = requireUser(locals);
		const data = await request.formData();
		const result = await markCame(
			locals,
			user,
			Number(data.get('signupId')) || 0,
			data.get('came') === '1'
		);
		if (!result.ok) return formFailure(result.problem, { values: null }, { notFoundPage: false });
		return { marked: true };
	}
};
