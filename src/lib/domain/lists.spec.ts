/**
 * Every value of a translated list has its text in the Dutch source (the parity test in
 * src/lib/i18n/locales.spec.ts then holds every other language to it).
 */
import { describe, expect, it } from 'vitest';
import nl from '../i18n/locales/nl.json';
import staffNl from '../i18n/staff/nl.json';
import { FIELD_TEXTS } from '../i18n/keys.ts';
import {
	AGE_GROUPS,
	ANSWER_BY,
	BOOKING_MADE_BY,
	BOOKING_STATUSES,
	EXCEPTION_KINDS,
	ISO_WEEKDAYS,
	QUESTION_STATUSES,
	STAFF_ROLES,
	TICKET_STATUSES,
	TOPICS
} from './lists.ts';

const messages = { ...nl, staff: staffNl } as unknown as Record<string, unknown>;
const text = (key: string) =>
	key
		.split('.')
		.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);

const lists: [string, readonly (string | number)[], (value: string) => string][] = [
	['topics', TOPICS, (v) => `topics.${v}`],
	['age groups', AGE_GROUPS, (v) => `ages.${v}`],
	['answer ways', ANSWER_BY, (v) => `ask.answerBy_${v}`],
	['booking statuses', BOOKING_STATUSES, (v) => `booking.status_${v}`],
	['made by', BOOKING_MADE_BY, (v) => `staff.bookings.madeBy_${v}`],
	['question statuses', QUESTION_STATUSES, (v) => `question.status_${v}`],
	['ticket statuses', TICKET_STATUSES, (v) => `staff.queue.status_${v}`],
	['exception kinds', EXCEPTION_KINDS, (v) => `staff.hours.kind_${v}`],
	['staff roles', STAFF_ROLES, (v) => `roles.${v}`],
	['weekdays', ISO_WEEKDAYS, (v) => `weekdays.${v}`]
];

describe('the lists and their texts', () => {
	it.each(lists)('every one of the %s has a Dutch text', (_, values, key) => {
		for (const value of values)
			expect(text(key(String(value))), key(String(value))).toBeTypeOf('string');
	});
});

describe('the texts of field error codes', () => {
	it('are listed as they are in the Dutch source, no more and no fewer', () => {
		expect([...FIELD_TEXTS].sort()).toEqual(Object.keys(nl.fields).sort());
	});
});
