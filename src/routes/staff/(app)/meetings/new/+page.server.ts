import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/cookie';
import { planMeeting } from '$lib/server/meetings/commands';
import { formFailure } from '$lib/server/http/outcome';
import { meetingFormValues } from '$lib/server/meetings/form-values';
import { pageData } from '$lib/server/staff/workspace';
import { addDays, amsterdamDate } from '$lib/server/scheduling/time';
import { check } from '$lib/validation';
import { MeetingForm } from '$lib/validation/meetings';
import { reader } from './reader';
import type { Actions, PageServerLoad } from './$types';

/** Plan a meeting, one-off or repeating; from a parents' suggestion the school and theme are filled in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { hosts } = await pageData(locals, user, reader, url);
	return {
		hosts,
		prefill: {
			schoolId: url.searchParams.get('school') ?? '',
			theme: url.searchParams.get('theme') ?? '',
			date: addDays(amsterdamDate(locals.now), 14),
			startTime: '08:45',
			endTime: '10:00',
			place: 'Ouderkamer',
			capacity: '12',
			languages: ['nl'],
			hostStaffId: user.staffId ? String(user.staffId) : '',
			repeat: 'once'
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const user = requireUser(locals);
		const values = await meetingFormValues(request);
		const input = check(MeetingForm, values);
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		const result = await planMeeting(locals, user, input.data);
		if (!result.ok) return formFailure(result.problem, { values }, { notFoundPage: false });
		redirect(303, `/staff/meetings/${result.value[0]}?created=${result.value.length}`);
	}
};
