/** The forms of "my hours": a weekly block and an exception. */
import * as v from 'valibot';
import { EXCEPTION_KINDS, HOUR_KINDS } from '../domain/lists.ts';
import { day, int, time } from './fields.ts';

export const BlockForm = v.pipe(
	v.object({
		schoolId: int(1, Number.MAX_SAFE_INTEGER),
		locationId: int(1, Number.MAX_SAFE_INTEGER),
		weekday: int(1, 7),
		startTime: time,
		endTime: time,
		slotMinutes: int(5, 240),
		capacity: int(1, 50),
		bufferMinutes: int(0, 120),
		minNoticeHours: int(0, 336),
		horizonDays: int(1, 366),
		kind: v.picklist(HOUR_KINDS, 'invalid'),
		validFrom: day
	}),
	v.forward(
		v.check((b) => b.startTime < b.endTime, 'invalid'),
		['endTime']
	)
);

export const ExceptionForm = v.pipe(
	v.object({
		kind: v.picklist(EXCEPTION_KINDS, 'invalid'),
		date: day,
		blockId: v.optional(
			v.pipe(
				v.string(),
				v.transform((s) => (s ? Number(s) : undefined))
			)
		),
		startTime: v.optional(v.string()),
		endTime: v.optional(v.string()),
		schoolId: v.optional(
			v.pipe(
				v.string(),
				v.transform((s) => (s ? Number(s) : undefined))
			)
		),
		locationId: v.optional(
			v.pipe(
				v.string(),
				v.transform((s) => (s ? Number(s) : undefined))
			)
		),
		/** For an extra hour: by appointment, walk-in, or both. */
		extraKind: v.optional(v.picklist(HOUR_KINDS, 'invalid'), 'bookable')
	}),
	v.forward(
		v.check((e) => e.kind !== 'changed' || Boolean(e.blockId), 'required'),
		['blockId']
	),
	v.forward(
		v.check(
			(e) =>
				e.kind === 'off' ||
				(/^([01]\d|2[0-3]):[0-5]\d$/.test(e.startTime ?? '') &&
					/^([01]\d|2[0-3]):[0-5]\d$/.test(e.endTime ?? '') &&
					e.startTime! < e.endTime!),
			'invalid'
		),
		['startTime']
	),
	v.forward(
		v.check((e) => e.kind !== 'extra' || Boolean(e.schoolId && e.locationId), 'required'),
		['locationId']
	)
);
