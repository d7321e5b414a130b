import { error } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { toAmsterdamIso } from '$lib/server/scheduling/time';
import { reader } from './reader';
import { kioskPageData } from '$lib/server/kiosk';
import type { PageServerLoad } from './$types';

/** The kiosk's home: who of the wijkteam is here today, the walk-in number, the way to the phone. */
export const load: PageServerLoad = async ({ locals, params, url, cookies }) => {
	const kiosk = locals.kiosk;
	if (!kiosk) error(404, 'not_found');
	// Read by the hook with the device, in the same D1 batch (one round trip for the page).
	const { now, today, meetings } = (await kioskPageData(locals, cookies, reader)) ?? {
		now: locals.now,
		today: null,
		meetings: []
	};
	if (!today) error(404, 'school_not_found');
	const schoolUrl = `${url.origin}/${params.lang}/${kiosk.slug}`;
	return {
		now: toAmsterdamIso(now),
		presence: today.presence.map((p) => ({
			staffId: p.staffId,
			name: p.name,
			role: p.role,
			photoUrl: p.photoUrl,
			location: p.location,
			start: toAmsterdamIso(p.startsAt),
			end: toAmsterdamIso(p.endsAt),
			walkIn: p.walkIn,
			hereNow: p.hereNow,
			over: p.endsAt <= now
		})),
		walkIn: { open: today.open, nowCalling: today.nowCalling, waiting: today.waiting },
		meetings,
		school: kiosk.slug,
		schoolUrl,
		qr: renderSVG(schoolUrl, { border: 1 })
	};
};
