/**
 * The wijkteam's own phones (#21): a professional turns on notifications in the workspace, and
 * hears — without any content — that there is a new question at one of their schools, or that a
 * parent checked in for their walk-in hour; the notification opens the workspace, which shows the
 * rest behind the sign-in. The subscription hangs on the session it was turned on in and goes with
 * it (ON DELETE CASCADE: signing out, ending it, a disabled account, the nightly purge); a session
 * that is no longer live (idle too long, past its end) gets nothing even before the purge.
 *
 *   await subscribeStaff(db, sessionIdHash, user.id, subscription, pushServiceOrigins(env));
 *   await notifyStaff(notifier, { event: 'new_question', schoolId });
 */
import { and, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { sessions, staffPushSubscriptions, staffSchools, users, schools } from '../db/schema.ts';
import { SESSION_IDLE_MS } from '../auth/index.ts';
import { staffTranslator } from '../../i18n/resources.ts';
import type { StaffNoticeEvent } from '../../domain/lists.ts';
import type { PushSubscriptionInput } from '../../validation/push.ts';
import { isAllowedEndpoint } from './push.ts';
import type { Notifier } from './index.ts';

/**
 * Keeps (or renews) the device of this session; `invalid_endpoint` off the allowlist. A session
 * is one browser: a new subscription replaces the one it had.
 */
export async function subscribeStaff(
	db: Db,
	sessionIdHash: string,
	userId: number,
	input: PushSubscriptionInput,
	allowed: string[]
): Promise<'ok' | 'invalid_endpoint'> {
	if (!isAllowedEndpoint(input.endpoint, allowed)) return 'invalid_endpoint';
	const device = { endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth };
	await db
		.insert(staffPushSubscriptions)
		.values({ sessionIdHash, userId, ...device })
		.onConflictDoUpdate({ target: staffPushSubscriptions.sessionIdHash, set: device });
	return 'ok';
}

/** Turns this session's notifications off. */
export async function unsubscribeStaff(db: Db, sessionIdHash: string) {
	await db
		.delete(staffPushSubscriptions)
		.where(eq(staffPushSubscriptions.sessionIdHash, sessionIdHash));
}

/** Whether this session has notifications on (the page shows the right button without JavaScript). */
export async function staffPushOn(db: Db, sessionIdHash: string): Promise<boolean> {
	const [row] = await db
		.select({ id: staffPushSubscriptions.id })
		.from(staffPushSubscriptions)
		.where(eq(staffPushSubscriptions.sessionIdHash, sessionIdHash));
	return Boolean(row);
}

/** What happened, and for whom: the professionals of the school, or the one whose hour it is. */
export type StaffNotice =
	| { event: 'new_question'; schoolId: number }
	| { event: 'checked_in'; schoolId: number; staffId: number };

const PAGE: Record<StaffNoticeEvent, string> = {
	new_question: '/staff/questions',
	checked_in: '/staff/queue'
};

/**
 * Tells the devices of the right people by push, content-free: a new question goes to every
 * professional who works at the school, a check-in to the professional whose walk-in hour it is.
 * Coordinators without hours at the school are not told (their inbox is the whole organisation).
 * Only live sessions of enabled accounts with both factors passed count.
 */
export async function notifyStaff(n: Notifier, notice: StaffNotice): Promise<number> {
	if (!n.push) return 0;
	const now = n.clock();
	const whose =
		notice.event === 'checked_in'
			? eq(users.staffId, notice.staffId)
			: inArray(
					users.staffId,
					n.db
						.select({ id: staffSchools.staffId })
						.from(staffSchools)
						.where(eq(staffSchools.schoolId, notice.schoolId))
				);
	const devices = await n.db
		.select({
			id: staffPushSubscriptions.id,
			endpoint: staffPushSubscriptions.endpoint,
			p256dh: staffPushSubscriptions.p256dh,
			auth: staffPushSubscriptions.auth,
			language: users.language,
			school: schools.name
		})
		.from(staffPushSubscriptions)
		.innerJoin(sessions, eq(sessions.idHash, staffPushSubscriptions.sessionIdHash))
		.innerJoin(users, eq(users.id, staffPushSubscriptions.userId))
		.innerJoin(schools, eq(schools.id, notice.schoolId))
		.where(
			and(
				whose,
				// The school's own organisation only, whatever the links say.
				eq(users.organisationId, schools.organisationId),
				isNull(users.disabledAt),
				isNotNull(sessions.secondFactorAt),
				gt(sessions.expiresAt, now),
				gt(sessions.lastSeenAt, now - SESSION_IDLE_MS)
			)
		);
	if (!devices.length) return 0;
	return n.push.sendStaff(
		devices.map(({ language, school, ...device }) => {
			const t = staffTranslator(language);
			return {
				device,
				title: t('staff.push.title'),
				body: t(`staff.push.${notice.event}`, { school }),
				url: `${n.origin}${PAGE[notice.event]}`,
				event: notice.event,
				language
			};
		})
	);
}
