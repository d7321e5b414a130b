/**
 * The scheduling engine's inputs and outputs. Dates are 'YYYY-MM-DD', times of day 'HH:MM'
 * (Europe/Amsterdam wall clock), instants Unix milliseconds.
 */

/** A weekly recurring spreekuur block with its booking rules (a row of availability_blocks). */
export type WeeklyBlock = {
	id: number;
	staffId: number;
	schoolId: number;
	locationId: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
	startTime: string;
	endTime: string;
	slotMinutes: number;
	capacity: number;
	bufferMinutes: number;
	minNoticeMinutes: number;
	horizonDays: number;
	maxPerContactPerWeek: number;
	bookable: boolean;
	walkIn: boolean;
	validFrom: string;
	validUntil: string | null;
};

/**
 * A one-off change on one date for one professional (a row of availability_exceptions):
 * - 'off' with blockId null: the whole day off (at schoolId, or everywhere when schoolId is null);
 * - 'off' with blockId: that one block does not happen that day;
 * - 'changed' (blockId set): that block happens with other times (and, where set, another
 *   location, slot length, capacity); the rules not given stay the block's own;
 * - 'extra': an extra block that day at schoolId/locationId with the given times.
 */
export type AvailabilityException = {
	id: number;
	staffId: number;
	schoolId: number | null;
	blockId: number | null;
	date: string;
	kind: 'off' | 'extra' | 'changed';
	locationId: number | null;
	startTime: string | null;
	endTime: string | null;
	slotMinutes: number | null;
	capacity: number | null;
	bookable: boolean | null;
	walkIn: boolean | null;
};

/** A closed period (holiday), inclusive; schoolId null means the whole organisation. */
export type Closure = { schoolId: number | null; startDate: string; endDate: string };

/** One slot: derived, never stored. */
export type Slot = {
	staffId: number;
	schoolId: number;
	locationId: number;
	/** The weekly block it comes from; null for an extra block. */
	blockId: number | null;
	date: string;
	/** Wall-clock start and end, 'HH:MM'. */
	start: string;
	end: string;
	startsAt: number;
	endsAt: number;
	capacity: number;
	bookable: boolean;
	walkIn: boolean;
	/** The rules of the block it comes from (an extra block takes DEFAULT_RULES). */
	minNoticeMinutes: number;
	horizonDays: number;
	maxPerContactPerWeek: number;
};

export type SlotQuery = {
	blocks: WeeklyBlock[];
	exceptions: AvailabilityException[];
	closures: Closure[];
	/** First and last date, inclusive. */
	from: string;
	to: string;
	/** Only slots of this school (a professional may work at several); undefined = all. */
	schoolId?: number;
	/**
	 * When set, only slots a parent can book now: bookable, starting at least minNoticeMinutes
	 * after `now`, on a date at most horizonDays after today (Amsterdam date of `now`).
	 */
	now?: number;
};
