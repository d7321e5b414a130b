import { requireUser } from '$lib/server/auth/cookie';
import { dayOr } from '$lib/validation/fields';
import { logAccess } from '$lib/server/audit';
import { bookingsWithContactFor } from '$lib/server/bookings/staff';
import { toCsv } from '$lib/server/staff/csv';
import {
	addDays,
	amsterdamDate,
	toAmsterdamIso,
	wallClockToInstant
} from '$lib/server/scheduling/time';
import { staffTranslator } from '$lib/i18n/resources';
import type { RequestHandler } from './$types';

/** The bookings of a date range as CSV, scoped like the list; every export is in the audit log. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals);
	const today = amsterdamDate(locals.now);
	// A day that does not exist (2027-02-30) counts as not given.
	const from = dayOr(url.searchParams.get('from'), today);
	const to = dayOr(url.searchParams.get('to'), addDays(today, 28));
	const schoolId = Number(url.searchParams.get('school')) || undefined;
	const rows = await bookingsWithContactFor(locals.db, user, {
		from: wallClockToInstant(from, '00:00')!,
		to: wallClockToInstant(addDays(to, 1), '00:00')!,
		schoolId
	});
	const t = staffTranslator(locals.lang === 'en' ? 'en' : 'nl');
	const csv = toCsv(
		[
			'start',
			'end',
			'school',
			'professional',
			'first_name',
			'phone',
			'email',
			'topic',
			'language',
			'interpreter',
			'status',
			'made_by',
			'reference'
		],
		rows.map((b) => [
			toAmsterdamIso(b.startsAt),
			toAmsterdamIso(b.endsAt),
			b.schoolName,
			b.staffName,
			b.firstName,
			b.phone,
			b.email,
			b.topic ? t(`topics.${b.topic}`) : '',
			b.language,
			b.interpreter ? (b.interpreterLanguage ?? 'yes') : '',
			t(`booking.status_${b.status}`),
			b.madeBy,
			b.reference
		])
	);
	await logAccess(locals.db, user, {
		action: 'export',
		entity: 'booking',
		entityId: null,
		schoolId: schoolId ?? null,
		detail: `${from}..${to} (${rows.length})`,
		now: locals.now
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="inloop-bookings-${from}-${to}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
