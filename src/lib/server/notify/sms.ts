/**
 * Text messages behind one small interface, off by default (`SMS_PROVIDER` empty). `cm` sends
 * through CM.com's Business Messaging API (a Dutch provider that Dutch municipalities and GGDs
 * use for appointment messages; the product token is a secret). `local` is the stand-in of
 * local development and the tests: it sends nothing and records each message for the local
 * mailbox; it is honoured only where the public origin is a loopback address, like the test
 * clock, so a deployment never keeps copies of text messages.
 */
import { mayUseTestClock, type Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { errorName, log } from '../log.ts';
import type { NoticeEvent } from '../../domain/lists.ts';
import { keepLocalCopies, recordColumns, type PushTarget } from './push.ts';

export type SmsMessage = {
	to: string;
	text: string;
	event: NoticeEvent;
	language: string;
	/** The record it is about: the local copy goes with it. */
	about: PushTarget | null;
};

export interface SmsSender {
	/** Sends each message; the stand-in records them all in one statement. */
	send(messages: SmsMessage[]): Promise<void>;
	/** True for the stand-in, whose messages are rows of local_messages (see Mailer.queued). */
	readonly queued?: boolean;
}

export type SmsEnv = {
	SMS_PROVIDER?: string;
	SMS_SENDER?: string;
	SMS_API_URL?: string;
	CM_PRODUCT_TOKEN?: string;
	PUBLIC_ORIGIN?: string;
};

/** CM.com's endpoint for sending messages (SMS_API_URL overrides it). */
export const CM_API_URL = 'https://gw.messaging.cm.com/v1.0/message';

/** A Dutch mobile number as CM.com wants it: 00316… (numbers are stored as the parent typed them). */
export function internationalNumber(phone: string): string {
	const digits = phone.replace(/[^\d+]/g, '');
	if (digits.startsWith('+')) return `00${digits.slice(1)}`;
	if (digits.startsWith('00')) return digits;
	if (digits.startsWith('0')) return `0031${digits.slice(1)}`;
	return digits;
}

/** The stand-in: records the message where the local mailbox reads it. */
export function localSmsSender(db: Db, clock: Clock): SmsSender {
	return {
		queued: true,
		async send(messages) {
			if (!messages.length) return;
			const at = clock();
			await keepLocalCopies(
				db,
				messages.map((message) => ({
					channel: 'sms' as const,
					toAddress: message.to,
					text: message.text,
					event: message.event,
					language: message.language,
					...recordColumns(message.about),
					createdAt: at
				}))
			);
		}
	};
}

/**
 * CM.com: the messages in one JSON request (`msg` takes a list), `auto` body type so Arabic,
 * Ukrainian and Tigrinya go as Unicode. A refusal is logged (event and status class only) and
 * never fails the booking or question it is about.
 */
export function cmSmsSender(env: SmsEnv): SmsSender {
	const token = env.CM_PRODUCT_TOKEN;
	if (!token) throw new Error('SMS_PROVIDER is "cm" but CM_PRODUCT_TOKEN is not set.');
	const url = env.SMS_API_URL || CM_API_URL;
	return {
		async send(messages) {
			if (!messages.length) return;
			const code = messages[0].event;
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						messages: {
							authentication: { producttoken: token },
							msg: messages.map((message) => ({
								from: env.SMS_SENDER || 'Inloop',
								to: [{ number: internationalNumber(message.to) }],
								body: { type: 'auto', content: message.text },
								minimumNumberOfMessageParts: 1,
								maximumNumberOfMessageParts: 3
							}))
						}
					})
				});
				await response.body?.cancel();
				if (!response.ok) throw new Error(`CM.com answered ${response.status}`);
				log('info', 'sms_sent', { code, count: messages.length });
			} catch (error) {
				log('warn', 'sms_failed', { code, count: messages.length, error: errorName(error) });
			}
		}
	};
}

/** The sender for this deployment, or null when text messages are off. */
export function smsSenderFor(env: SmsEnv | undefined, db: Db, clock: Clock): SmsSender | null {
	switch (env?.SMS_PROVIDER ?? '') {
		case 'cm':
			return cmSmsSender(env!);
		case 'local':
			return mayUseTestClock(env) ? localSmsSender(db, clock) : null;
		default:
			return null;
	}
}
