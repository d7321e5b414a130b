/**
 * Push notifications for one record of a parent, without an account: the browser's subscription
 * hangs on the booking, question, walk-in ticket or waiting-list entry and goes with it (ON DELETE
 * CASCADE), and when the push service says it is gone (404/410). The wijkteam's phones (./staff.ts)
 * are reached the same way, by the same senders. Only push services on the allowlist
 * (`PUSH_SERVICE_ORIGINS`) are ever called: an endpoint is a URL the browser chose, so anything
 * else would let a stranger make the worker call any address (SSRF).
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { mayUseTestClock, type Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import {
	bookings,
	localMessages,
	meetingSignups,
	pushSubscriptions,
	questions,
	staffPushSubscriptions,
	waitlistEntries,
	walkInTickets
} from '../db/schema.ts';
import { sha256Hex } from '../crypto.ts';
import { errorName, log } from '../log.ts';
import type { NoticeEvent, PushRecord, StaffNoticeEvent } from '../../domain/lists.ts';
import type { PushSubscriptionInput } from '../../validation/push.ts';
import { sendPush, type VapidKeys } from './webpush.ts';

/** The browsers' push services (Chrome and Edge's FCM, Firefox, Safari, Windows). */
export const DEFAULT_PUSH_SERVICE_ORIGINS = [
	'https://fcm.googleapis.com',
	'https://updates.push.services.mozilla.com',
	'https://web.push.apple.com',
	'https://*.notify.windows.com'
];

export type PushEnv = {
	PUSH_SERVICE_ORIGINS?: string;
	VAPID_PUBLIC_KEY?: string;
	VAPID_PRIVATE_KEY?: string;
	LOCAL_MAILBOX?: string;
	PUBLIC_ORIGIN?: string;
};

/** The allowlist: the var's comma-separated origins, or the browsers' push services. */
export function pushServiceOrigins(env: PushEnv | undefined): string[] {
	const listed = (env?.PUSH_SERVICE_ORIGINS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return listed.length ? listed : DEFAULT_PUSH_SERVICE_ORIGINS;
}

/**
 * Whether an endpoint lies on an allowed push service: its origin is one of the list, or a
 * subdomain of a `https://*.` entry. No user name or password in it, and plain http only where
 * the list names that very origin (a local stand-in).
 */
export function isAllowedEndpoint(endpoint: string, allowed: string[]): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.username || url.password) return false;
	return allowed.some((entry) => {
		const wildcard = /^https:\/\/\*\.([a-z0-9.-]+)$/i.exec(entry);
		if (wildcard) {
			return (
				url.protocol === 'https:' &&
				url.port === '' &&
				url.hostname.endsWith(`.${wildcard[1].toLowerCase()}`)
			);
		}
		return url.origin === entry.replace(/\/+$/, '');
	});
}

export type PushTarget =
	| { record: 'booking'; id: number }
	| { record: 'question'; id: number }
	| { record: 'ticket'; id: number }
	| { record: 'waitlist'; id: number }
	| { record: 'signup'; id: number };

const column = {
	booking: 'bookingId',
	question: 'questionId',
	ticket: 'ticketId',
	waitlist: 'waitlistEntryId',
	signup: 'signupId'
} as const;

/** The record as the foreign-key columns of a subscription or a local copy (one of them set). */
export const recordColumns = (target: PushTarget | null) => ({
	bookingId: target?.record === 'booking' ? target.id : null,
	questionId: target?.record === 'question' ? target.id : null,
	ticketId: target?.record === 'ticket' ? target.id : null,
	waitlistEntryId: target?.record === 'waitlist' ? target.id : null,
	signupId: target?.record === 'signup' ? target.id : null
});
const whereTarget = (target: PushTarget) => eq(pushSubscriptions[column[target.record]], target.id);

/** At most this many devices per record: a parent's phone and a partner's, with room to spare. */
const MAX_PER_RECORD = 5;

/**
 * Keeps (or renews) this device's subscription for the record; `invalid_endpoint` off the
 * allowlist. A record keeps at most MAX_PER_RECORD devices: a new one beyond that replaces the
 * oldest.
 */
export async function subscribe(
	db: Db,
	target: PushTarget,
	input: PushSubscriptionInput,
	allowed: string[]
): Promise<'ok' | 'invalid_endpoint'> {
	if (!isAllowedEndpoint(input.endpoint, allowed)) return 'invalid_endpoint';
	const existing = await db
		.select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint })
		.from(pushSubscriptions)
		.where(whereTarget(target))
		.orderBy(asc(pushSubscriptions.id));
	const isNew = !existing.some((s) => s.endpoint === input.endpoint);
	const surplus = isNew ? existing.slice(0, Math.max(0, existing.length - MAX_PER_RECORD + 1)) : [];
	const write = db
		.insert(pushSubscriptions)
		.values({
			record: target.record,
			...recordColumns(target),
			endpoint: input.endpoint,
			p256dh: input.keys.p256dh,
			auth: input.keys.auth
		})
		.onConflictDoUpdate({
			target: [pushSubscriptions[column[target.record]], pushSubscriptions.endpoint],
			set: { p256dh: input.keys.p256dh, auth: input.keys.auth }
		});
	if (surplus.length) {
		await db.batch([
			db.delete(pushSubscriptions).where(
				inArray(
					pushSubscriptions.id,
					surplus.map((s) => s.id)
				)
			),
			write
		]);
	} else await write;
	return 'ok';
}

type LocalMessage = typeof localMessages.$inferInsert;

/**
 * Keeps the local stand-ins' copies in one batch of inserts of at most D1's 100 bound parameters
 * each: a reminder run for many parents at once goes over it in one statement.
 */
export async function keepLocalCopies(db: Db, rows: LocalMessage[]): Promise<void> {
	if (!rows.length) return;
	const perStatement = Math.floor(100 / Object.keys(rows[0]).length);
	const inserts = [];
	for (let i = 0; i < rows.length; i += perStatement) {
		inserts.push(db.insert(localMessages).values(rows.slice(i, i + perStatement)));
	}
	await db.batch(inserts as [(typeof inserts)[0], ...typeof inserts]);
}

/** The record behind a parent's secret link (its hash is what is stored), or null. */
export async function recordByToken(
	db: Db,
	record: PushRecord,
	token: string
): Promise<PushTarget | null> {
	if (!token || token.length > 100) return null;
	const hash = await sha256Hex(token);
	const table = {
		booking: bookings,
		question: questions,
		ticket: walkInTickets,
		waitlist: waitlistEntries,
		signup: meetingSignups
	}[record];
	const hashColumn = {
		booking: bookings.manageTokenHash,
		question: questions.accessTokenHash,
		ticket: walkInTickets.tokenHash,
		waitlist: waitlistEntries.manageTokenHash,
		signup: meetingSignups.manageTokenHash
	}[record];
	// A waiting-list entry takes a device only while it is on the list (a done one drops them).
	const onList =
		record === 'waitlist' ? inArray(waitlistEntries.status, ['waiting', 'offered']) : undefined;
	const [row] = await db
		.select({ id: table.id })
		.from(table)
		.where(and(eq(hashColumn, hash), onList));
	return row ? ({ record, id: row.id } as PushTarget) : null;
}

/** Ends the subscription of this device for the record (nothing happens for an unknown one). */
export async function unsubscribe(db: Db, target: PushTarget, endpoint: string) {
	await db
		.delete(pushSubscriptions)
		.where(and(whereTarget(target), eq(pushSubscriptions.endpoint, endpoint)));
}

export type PushNotice = {
	/** The record whose subscribed devices get it. */
	target: PushTarget;
	title: string;
	body: string;
	/** The parent's own page. */
	url: string;
	event: NoticeEvent;
	language: string;
};

/** A browser's subscription: where to send and the keys to encrypt for. */
export type Device = { id: number; endpoint: string; p256dh: string; auth: string };

/** A content-free notice to one of the wijkteam's phones (./staff.ts finds the devices). */
export type StaffPushNotice = {
	device: Device;
	title: string;
	body: string;
	/** The workspace page it opens. */
	url: string;
	event: StaffNoticeEvent;
	language: string;
};

export interface PushSender {
	/** Sends each notice to every device subscribed to its record; returns how many went out. */
	send(notices: PushNotice[]): Promise<number>;
	/** Sends each notice to its one workspace device; returns how many went out. */
	sendStaff(notices: StaffPushNotice[]): Promise<number>;
}

type Subscription = typeof pushSubscriptions.$inferSelect;

/** The devices of every record the notices are for, in one statement. */
async function devicesFor(db: Db, notices: PushNotice[]) {
	const ids = (record: PushRecord) =>
		notices.filter((x) => x.target.record === record).map((x) => x.target.id);
	const [bookingIds, questionIds, ticketIds, entryIds, signupIds] = [
		ids('booking'),
		ids('question'),
		ids('ticket'),
		ids('waitlist'),
		ids('signup')
	];
	if (!notices.length) return [];
	const rows = await db
		.select()
		.from(pushSubscriptions)
		.where(
			or(
				bookingIds.length ? inArray(pushSubscriptions.bookingId, bookingIds) : undefined,
				questionIds.length ? inArray(pushSubscriptions.questionId, questionIds) : undefined,
				ticketIds.length ? inArray(pushSubscriptions.ticketId, ticketIds) : undefined,
				entryIds.length ? inArray(pushSubscriptions.waitlistEntryId, entryIds) : undefined,
				signupIds.length ? inArray(pushSubscriptions.signupId, signupIds) : undefined
			)
		);
	const of = (device: Subscription, target: PushTarget) =>
		device[column[target.record]] === target.id;
	return notices.flatMap((notice) =>
		rows.filter((device) => of(device, notice.target)).map((device) => ({ notice, device }))
	);
}

/** One message for one device, from either kind of notice. */
type Delivery = {
	device: Device;
	notice: { title: string; body: string; url: string; event: NoticeEvent | StaffNoticeEvent };
	language: string;
	target: PushTarget | null;
};

const parentDeliveries = async (db: Db, notices: PushNotice[]): Promise<Delivery[]> =>
	(await devicesFor(db, notices)).map(({ notice, device }) => ({
		device,
		notice,
		language: notice.language,
		target: notice.target
	}));

const staffDeliveries = (notices: StaffPushNotice[]): Delivery[] =>
	notices.map((notice) => ({
		device: notice.device,
		notice,
		language: notice.language,
		target: null
	}));

const payloadOf = (notice: Delivery['notice']) =>
	JSON.stringify({ title: notice.title, body: notice.body, url: notice.url });

/**
 * The local stand-in (`npm start`): every notification goes to the local mailbox instead of a
 * push service (the browser's real push service is on the internet).
 */
export function localPushSender(db: Db, clock: Clock): PushSender {
	const record = async (deliveries: Delivery[]) => {
		if (!deliveries.length) return 0;
		const at = clock();
		await keepLocalCopies(
			db,
			deliveries.map(({ notice, device, language, target }) => ({
				channel: 'push' as const,
				toAddress: new URL(device.endpoint).origin,
				text: payloadOf(notice),
				event: notice.event,
				language,
				...recordColumns(target),
				createdAt: at
			}))
		);
		return deliveries.length;
	};
	return {
		send: async (notices) => record(await parentDeliveries(db, notices)),
		sendStaff: (notices) => record(staffDeliveries(notices))
	};
}

/** How long a push service may keep a message for a phone that is off. */
const TTL_SECONDS: Record<NoticeEvent | StaffNoticeEvent, number> = {
	confirmed: 86_400,
	reminder: 86_400,
	cancelled: 86_400,
	moved: 86_400,
	answered: 7 * 86_400,
	offer: 2 * 3600,
	// A turn in the queue is news for minutes only.
	next_but_one: 600,
	called: 600,
	new_question: 86_400,
	// A parent waits at school now: news for the walk-in hour only.
	checked_in: 3600,
	meeting_confirmed: 86_400,
	meeting_reminder: 86_400,
	meeting_cancelled: 86_400,
	signup_cancelled: 86_400,
	meeting_waiting: 86_400,
	meeting_promoted: 86_400
};

const URGENT = new Set<NoticeEvent | StaffNoticeEvent>(['called', 'next_but_one', 'checked_in']);

/** The real sender: RFC 8030 requests with RFC 8291 encryption and RFC 8292 VAPID. */
export function webPushSender(
	db: Db,
	clock: Clock,
	vapid: VapidKeys,
	subject: string,
	allowed: string[]
): PushSender {
	/** Sends every delivery; answers how many went out and the devices the push service dropped. */
	async function deliver(deliveries: Delivery[]) {
		let sent = 0;
		const gone: number[] = [];
		for (const { notice, device } of deliveries) {
			// The list may have changed since the browser subscribed: never call what it no longer names.
			if (!isAllowedEndpoint(device.endpoint, allowed)) continue;
			try {
				const outcome = await sendPush(device, payloadOf(notice), {
					vapid,
					subject,
					now: clock(),
					ttl: TTL_SECONDS[notice.event],
					urgency: URGENT.has(notice.event) ? 'high' : 'normal'
				});
				if (outcome === 'gone') gone.push(device.id);
				if (outcome === 'sent') sent++;
				log(outcome === 'failed' ? 'warn' : 'info', `push_${outcome}`, { code: notice.event });
			} catch (error) {
				log('warn', 'push_failed', { code: notice.event, error: errorName(error) });
			}
		}
		return { sent, gone };
	}
	return {
		async send(notices) {
			const { sent, gone } = await deliver(await parentDeliveries(db, notices));
			// The push service says the browser dropped the subscription: so do we.
			if (gone.length)
				await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
			return sent;
		},
		async sendStaff(notices) {
			const { sent, gone } = await deliver(staffDeliveries(notices));
			if (gone.length)
				await db.delete(staffPushSubscriptions).where(inArray(staffPushSubscriptions.id, gone));
			return sent;
		}
	};
}

/** Whether the local mailbox (and the push stand-in with it) is on: `npm start` only. */
export const localMailboxOn = (env: PushEnv | undefined) =>
	env?.LOCAL_MAILBOX === 'on' && mayUseTestClock(env);

/** The push sender of this deployment; null without VAPID keys. */
export function pushSenderFor(env: PushEnv | undefined, db: Db, clock: Clock): PushSender | null {
	if (localMailboxOn(env)) return localPushSender(db, clock);
	if (!env?.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
	return webPushSender(
		db,
		clock,
		{ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
		env.PUBLIC_ORIGIN ?? '',
		pushServiceOrigins(env)
	);
}

/** The application server key pages give the browser to subscribe with; null where push is off. */
export const pushKeyOf = (env: PushEnv | undefined) => env?.VAPID_PUBLIC_KEY || null;
