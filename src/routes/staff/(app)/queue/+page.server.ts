import * as v from 'valibot';
import { requireUser } from '$lib/server/auth/cookie';
import { callNextNumber, finishTicket } from '$lib/server/walkin/commands';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { formValues } from '$lib/server/http/forms';
import { formFailure } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { check } from '$lib/validation';
import { StaffId } from '$lib/validation/bookings';
import type { Actions, PageServerLoad } from './$types';

const QueueForm = v.object({ schoolId: StaffId, staffId: StaffId });
const TicketForm = v.object({ id: StaffId, status: v.picklist(['done', 'no_show'], 'invalid') });

/** Today's walk-in queue: who waits (number, first name, language, interpreter), call the next one. */
export const load: PageServerLoad = async ({ locals, setHeaders, url }) => {
	const user = requireUser(locals);
	setHeaders({ 'cache-control': 'no-store' });
	return pageData(locals, user, reader, url);
};

const nothingCalled = { called: null, empty: false };

export const actions: Actions = {
	next: async ({ locals, request }) => {
		const user = requireUser(locals);
		const input = check(QueueForm, await formValues(request));
		if (!input.ok) return formFailure(invalid(input.errors).problem, nothingCalled);
		const called = await callNextNumber(locals, user, input.data);
		if (!called.ok) return formFailure(called.problem, nothingCalled);
		return { called: called.value, empty: called.value === null };
	},
	mark: async ({ locals, request }) => {
		const user = requireUser(locals);
		const input = check(TicketForm, await formValues(request));
		if (!input.ok) return formFailure(invalid(input.errors).problem, nothingCalled);
		const finished = await finishTicket(locals, user, input.data.id, input.data.status);
		if (!finished.ok) return formFailure(finished.problem, nothingCalled);
		return nothingCalled;
	}
};
