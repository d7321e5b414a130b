import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireUser } from '$lib/server/auth/cookie';
import { callNext, markTicket } from '$lib/server/walkin';
import { notifyTurns } from '$lib/server/notify';
import { reader } from './reader';
import { pageData } from '$lib/server/staff/workspace';
import { formValues } from '$lib/server/http/forms';
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

export const actions: Actions = {
	next: async ({ locals, request }) => {
		const user = requireUser(locals);
		const input = check(QueueForm, await formValues(request));
		if (!input.ok) return fail(400, { called: null, empty: false });
		const called = await callNext(locals.db, user, input.data, locals.now);
		if (called !== null) await notifyTurns(locals.notifier, input.data, locals.now);
		return { called, empty: called === null };
	},
	mark: async ({ locals, request }) => {
		const user = requireUser(locals);
		const input = check(TicketForm, await formValues(request));
		if (
			!input.ok ||
			!(await markTicket(locals.db, user, input.data.id, input.data.status, locals.now))
		) {
			return fail(400, { called: null, empty: false });
		}
		return { called: null, empty: false };
	}
};
