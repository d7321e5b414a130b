/**
 * Inloop's whole domain in one schema. Times of day are Europe/Amsterdam wall-clock 'HH:MM' text;
 * dates are 'YYYY-MM-DD' text; instants are Unix milliseconds (UTC). Secrets (manage tokens,
 * passwords, device tokens) are only ever stored as hashes.
 */
import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
	type SQLiteColumn
} from 'drizzle-orm/sqlite-core';

import {
	ACCOUNT_LINK_KINDS,
	AGE_GROUPS,
	ANSWER_BY,
	AUDIT_ACTIONS,
	AUDIT_ENTITIES,
	BOOKING_MADE_BY,
	BOOKING_STATUSES,
	CANCELLED_BY,
	EXCEPTION_KINDS,
	KIOSK_DAILY_BOOKINGS,
	MEETING_REPEATS,
	MEETING_STATUSES,
	LOCAL_CHANNELS,
	MESSAGE_AUTHORS,
	NOTICE_EVENTS,
	OUTBOX_STATUSES,
	PUSH_RECORDS,
	QUESTION_CATEGORIES,
	STAFF_NOTICE_EVENTS,
	QUESTION_STATUSES,
	STAFF_LANGUAGES,
	SIGNUP_STATUSES,
	STAFF_ROLES,
	TICKET_STATUSES,
	TOPICS,
	USER_ROLES,
	WAITLIST_STATUSES,
	type AccountLinkKind,
	type AgeGroup,
	type AnswerBy,
	type AuditAction,
	type AuditEntity,
	type BookingStatus,
	type CancelledBy,
	type ExceptionKind,
	type Language,
	type LocalChannel,
	type MadeBy,
	type MeetingRepeat,
	type MeetingStatus,
	type MessageAuthor,
	type NoticeEvent,
	type StaffNoticeEvent,
	type OutboxStatus,
	type PushRecord,
	type QuestionStatus,
	type SignupStatus,
	type StaffRole,
	type TicketStatus,
	type Topic,
	type UserRole,
	type WaitlistStatus
} from '../../domain/lists.ts';

// The lists live in src/lib/domain/lists.ts (the browser needs them too); re-exported for the
// server code that reads them beside the tables.
export {
	ACCOUNT_LINK_KINDS,
	AGE_GROUPS,
	ANSWER_BY,
	BOOKING_MADE_BY,
	BOOKING_STATUSES,
	EXCEPTION_KINDS,
	QUESTION_CATEGORIES,
	QUESTION_STATUSES,
	STAFF_ROLES,
	TICKET_STATUSES,
	KIOSK_DAILY_BOOKINGS,
	type AccountLinkKind,
	type StaffRole
};

/** SQL list for a CHECK (... IN (...)) built from one of the constant lists above. */
const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const hhmm = (column: string) =>
	sql.raw(`${column} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${column} <= '24:00'`);
const ymd = (column: string) =>
	sql.raw(`${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`);

/** An instant rounded down to the whole hour (what the figures keep instead of the moment). */
const onTheHour = (column: SQLiteColumn) => sql`${column} % 3600000 = 0`;
/** CHECK (column IN (...)) over one of the constant lists. */
const isOneOf = (column: SQLiteColumn, values: readonly string[]) =>
	sql`${column} IN (${oneOf(values)})`;

// The columns many tables share, written once (drizzle's column helpers).
const id = () => integer('id').primaryKey({ autoIncrement: true });
const createdAt = () =>
	integer('created_at')
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () => integer('updated_at');
const bool = (name: string) => integer(name, { mode: 'boolean' });
const language = () => text('language').$type<Language>().notNull();
const madeBy = () => text('made_by').$type<MadeBy>().notNull();
/** A text per language: {"nl": "...", "ar": "..."}. */
const perLanguage = (name: string) =>
	text(name, { mode: 'json' }).$type<Partial<Record<Language, string>>>();

/** The row goes with the row it points to. */
const cascade = { onDelete: 'cascade' } as const;
/** The row stays when the row it points to goes, pointing nowhere. */
const setNull = { onDelete: 'set null' } as const;
/** A required reference to the row this one belongs to. */
const belongsTo = (
	name: string,
	target: () => SQLiteColumn,
	actions?: { onDelete: 'cascade' | 'set null' }
) => integer(name).notNull().references(target, actions);

/**
 * The parent's record a push subscription or a local message is for (one of them is set): it goes
 * when that record goes (the right to erasure).
 */
const parentRecord = () => ({
	bookingId: integer('booking_id').references(() => bookings.id, cascade),
	questionId: integer('question_id').references(() => questions.id, cascade),
	ticketId: integer('ticket_id').references(() => walkInTickets.id, cascade),
	waitlistEntryId: integer('waitlist_entry_id').references(() => waitlistEntries.id, cascade),
	signupId: integer('signup_id').references(() => meetingSignups.id, cascade)
});

export const organisations = sqliteTable('organisations', {
	id: id(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	phone: text('phone'),
	website: text('website'),
	privacyEmail: text('privacy_email'),
	/** Days after the appointment before a booking is anonymised. */
	bookingRetentionDays: integer('booking_retention_days').notNull().default(90),
	/** Days after closing before a question is deleted. */
	questionRetentionDays: integer('question_retention_days').notNull().default(180),
	turnstileEnabled: bool('turnstile_enabled').notNull().default(false),
	/**
	 * Days before an appointment that the parent is reminded (REMINDER_DAYS; 0: never). Checked by
	 * the validator of the organisation page: a CHECK here would make drizzle-kit rebuild the table.
	 */
	reminderDays: integer('reminder_days').notNull().default(2),
	createdAt: createdAt()
});

export const schools = sqliteTable(
	'schools',
	{
		id: id(),
		organisationId: belongsTo('organisation_id', () => organisations.id),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		address: text('address').notNull(),
		postcode: text('postcode').notNull(),
		town: text('town').notNull(),
		neighbourhood: text('neighbourhood'),
		/** Lower-case name, town and neighbourhood without accents: what the school search matches. */
		searchText: text('search_text').notNull(),
		defaultLanguage: text('default_language').notNull().default('nl'),
		/** JSON array of language codes the school offers, e.g. ["nl","ar","tr"]. */
		languages: text('languages', { mode: 'json' }).$type<Language[]>().notNull(),
		kioskIdleSeconds: integer('kiosk_idle_seconds').notNull().default(60),
		/**
		 * Bookings without a phone number or e-mail address one kiosk tablet may make in a day:
		 * nobody can be told about those, so a tablet must not fill the agenda with them.
		 */
		kioskDailyBookings: integer('kiosk_daily_bookings').notNull().default(KIOSK_DAILY_BOOKINGS),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('schools_slug_unique').on(t.slug),
		index('schools_organisation_idx').on(t.organisationId),
		// The search matches anywhere in search_text (LIKE '%…%'), which no index can seek; this one
		// covers the whole query in name order, so the search reads a small index, never the table,
		// and stops after the first 20 matches (npm run scale).
		index('schools_search_idx').on(t.name, t.searchText, t.slug, t.town),
		check(
			'schools_slug_format',
			sql`${t.slug} GLOB '[a-z0-9]*' AND ${t.slug} NOT GLOB '*[^a-z0-9-]*'`
		),
		check('schools_idle', sql`${t.kioskIdleSeconds} BETWEEN 15 AND 600`)
	]
);

export const locations = sqliteTable(
	'locations',
	{
		id: id(),
		organisationId: belongsTo('organisation_id', () => organisations.id),
		/** Set when the place is inside a school (a room); null for a community centre elsewhere. */
		schoolId: integer('school_id').references(() => schools.id),
		name: text('name').notNull(),
		address: text('address'),
		/** How to find it, per language: {"nl": "Naast de gymzaal", ...}. */
		directions: perLanguage('directions'),
		createdAt: createdAt()
	},
	(t) => [
		index('locations_organisation_idx').on(t.organisationId),
		index('locations_school_idx').on(t.schoolId)
	]
);

export const staff = sqliteTable(
	'staff',
	{
		id: id(),
		organisationId: belongsTo('organisation_id', () => organisations.id),
		name: text('name').notNull(),
		role: text('role').$type<StaffRole>().notNull(),
		photoUrl: text('photo_url'),
		/** Short introduction per language: {"nl": "...", "ar": "..."}. */
		intro: perLanguage('intro').notNull().default({}),
		/** Languages the professional speaks (ISO 639-1 codes, not only the app's languages). */
		languagesSpoken: text('languages_spoken', { mode: 'json' }).$type<string[]>().notNull(),
		publicPhone: text('public_phone'),
		publicEmail: text('public_email'),
		active: bool('active').notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		index('staff_organisation_idx').on(t.organisationId),
		check('staff_role', isOneOf(t.role, STAFF_ROLES))
	]
);

export const staffSchools = sqliteTable(
	'staff_schools',
	{
		staffId: belongsTo('staff_id', () => staff.id, cascade),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.staffId, t.schoolId] }),
		index('staff_schools_school_idx').on(t.schoolId)
	]
);

/** "Wie is wie": other professionals working at the school. */
export const partners = sqliteTable(
	'partners',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		name: text('name').notNull(),
		role: text('role').$type<StaffRole>().notNull(),
		/** The organisation the partner works for, e.g. "Sterk Huis". */
		organisationName: text('organisation_name'),
		description: perLanguage('description').notNull().default({}),
		phone: text('phone'),
		email: text('email'),
		website: text('website'),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [
		index('partners_school_idx').on(t.schoolId, t.sortOrder),
		check('partners_role', isOneOf(t.role, STAFF_ROLES))
	]
);

/** Weekly recurring spreekuur blocks with the booking rules that apply to their slots. */
export const availabilityBlocks = sqliteTable(
	'availability_blocks',
	{
		id: id(),
		staffId: belongsTo('staff_id', () => staff.id, cascade),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		locationId: belongsTo('location_id', () => locations.id),
		/** ISO weekday: 1 = Monday … 7 = Sunday. */
		weekday: integer('weekday').notNull(),
		startTime: text('start_time').notNull(),
		endTime: text('end_time').notNull(),
		slotMinutes: integer('slot_minutes').notNull().default(20),
		capacity: integer('capacity').notNull().default(1),
		bufferMinutes: integer('buffer_minutes').notNull().default(0),
		minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
		horizonDays: integer('horizon_days').notNull().default(28),
		maxPerContactPerWeek: integer('max_per_contact_per_week').notNull().default(2),
		bookable: bool('bookable').notNull().default(true),
		walkIn: bool('walk_in').notNull().default(false),
		validFrom: text('valid_from').notNull(),
		validUntil: text('valid_until'),
		createdAt: createdAt()
	},
	(t) => [
		index('availability_staff_idx').on(t.staffId),
		index('availability_school_idx').on(t.schoolId, t.weekday),
		check('availability_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
		check('availability_start', hhmm('start_time')),
		check('availability_end', hhmm('end_time')),
		check('availability_order', sql`${t.startTime} < ${t.endTime}`),
		check('availability_slot', sql`${t.slotMinutes} BETWEEN 5 AND 240`),
		check('availability_capacity', sql`${t.capacity} BETWEEN 1 AND 50`),
		check('availability_buffer', sql`${t.bufferMinutes} BETWEEN 0 AND 120`),
		check('availability_notice', sql`${t.minNoticeMinutes} >= 0`),
		check('availability_horizon', sql`${t.horizonDays} BETWEEN 1 AND 366`),
		check('availability_cap', sql`${t.maxPerContactPerWeek} >= 1`),
		check('availability_kind', sql`${t.bookable} = 1 OR ${t.walkIn} = 1`),
		check('availability_valid_from', ymd('valid_from')),
		check(
			'availability_valid_range',
			sql`${t.validUntil} IS NULL OR ${t.validUntil} >= ${t.validFrom}`
		)
	]
);

/**
 * One-off changes to a professional's hours on one date: 'off' removes blocks (all of that day,
 * or one block), 'changed' replaces one block's times, 'extra' adds a block of its own.
 */
export const availabilityExceptions = sqliteTable(
	'availability_exceptions',
	{
		id: id(),
		staffId: belongsTo('staff_id', () => staff.id, cascade),
		schoolId: integer('school_id').references(() => schools.id, cascade),
		blockId: integer('block_id').references(() => availabilityBlocks.id, cascade),
		date: text('date').notNull(),
		kind: text('kind').$type<ExceptionKind>().notNull(),
		locationId: integer('location_id').references(() => locations.id),
		startTime: text('start_time'),
		endTime: text('end_time'),
		slotMinutes: integer('slot_minutes'),
		capacity: integer('capacity'),
		bookable: bool('bookable'),
		walkIn: bool('walk_in'),
		note: text('note'),
		createdAt: createdAt()
	},
	(t) => [
		index('exceptions_staff_date_idx').on(t.staffId, t.date),
		check('exceptions_kind', isOneOf(t.kind, EXCEPTION_KINDS)),
		check('exceptions_date', ymd('date')),
		check(
			'exceptions_times',
			sql`${t.kind} = 'off' OR (${t.startTime} IS NOT NULL AND ${t.endTime} IS NOT NULL AND ${t.startTime} < ${t.endTime})`
		),
		check('exceptions_changed_block', sql`${t.kind} <> 'changed' OR ${t.blockId} IS NOT NULL`),
		check(
			'exceptions_extra_place',
			sql`${t.kind} <> 'extra' OR (${t.schoolId} IS NOT NULL AND ${t.locationId} IS NOT NULL)`
		)
	]
);

/** School holidays and other closed days, for a whole organisation or one school. */
export const closures = sqliteTable(
	'closures',
	{
		id: id(),
		organisationId: belongsTo('organisation_id', () => organisations.id, cascade),
		schoolId: integer('school_id').references(() => schools.id, cascade),
		name: text('name').notNull(),
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('closures_organisation_idx').on(t.organisationId, t.endDate),
		check('closures_start', ymd('start_date')),
		check('closures_end', ymd('end_date')),
		check('closures_order', sql`${t.startDate} <= ${t.endDate}`)
	]
);

export const bookings = sqliteTable(
	'bookings',
	{
		id: id(),
		/** Read-aloud reference: letters and digits without 0/O and 1/I. */
		reference: text('reference').notNull(),
		manageTokenHash: text('manage_token_hash').notNull(),
		/**
		 * Random per booking; with the server's LINK_SECRET it gives back the manage token, so a
		 * reminder can carry the manage link. Null for bookings made before reminders.
		 */
		linkKey: text('link_key'),
		/** When the reminder went (the cron sends one, never twice). */
		remindedAt: integer('reminded_at'),
		schoolId: belongsTo('school_id', () => schools.id),
		staffId: belongsTo('staff_id', () => staff.id),
		locationId: integer('location_id').references(() => locations.id),
		blockId: integer('block_id').references(() => availabilityBlocks.id, setNull),
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		firstName: text('first_name').notNull(),
		phone: text('phone'),
		email: text('email'),
		/** Normalised phone or e-mail: the per-contact weekly cap and the AVG look-up use it. */
		contactKey: text('contact_key'),
		topic: text('topic').$type<Topic>(),
		language: language(),
		interpreter: bool('interpreter').notNull().default(false),
		interpreterLanguage: text('interpreter_language'),
		remark: text('remark'),
		status: text('status').$type<BookingStatus>().notNull().default('booked'),
		madeBy: madeBy(),
		cancelReason: text('cancel_reason'),
		cancelledAt: integer('cancelled_at'),
		/** Who cancelled it; kept after anonymisation, for the figures. */
		cancelledBy: text('cancelled_by').$type<CancelledBy>(),
		anonymisedAt: integer('anonymised_at'),
		/** The kiosk tablet that made it (its daily cap counts by this); null elsewhere. */
		kioskDeviceId: integer('kiosk_device_id').references(() => kioskDevices.id, setNull),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('bookings_reference_unique').on(t.reference),
		index('bookings_kiosk_device_idx').on(t.kioskDeviceId, t.createdAt),
		uniqueIndex('bookings_manage_token_unique').on(t.manageTokenHash),
		index('bookings_staff_start_idx').on(t.staffId, t.startsAt),
		index('bookings_school_start_idx').on(t.schoolId, t.startsAt),
		index('bookings_contact_idx').on(t.contactKey, t.startsAt),
		// The reminder cron reads the bookings still to come in the next days that have none yet.
		index('bookings_reminder_idx')
			.on(t.startsAt)
			.where(sql`reminded_at IS NULL AND status = 'booked'`),
		check('bookings_status', isOneOf(t.status, BOOKING_STATUSES)),
		check('bookings_made_by', isOneOf(t.madeBy, BOOKING_MADE_BY)),
		check(
			'bookings_cancelled_by',
			sql`${t.cancelledBy} IS NULL OR ${t.cancelledBy} IN (${oneOf(CANCELLED_BY)})`
		),
		check('bookings_order', sql`${t.startsAt} < ${t.endsAt}`),
		check(
			'bookings_contact',
			sql`${t.madeBy} = 'kiosk' OR ${t.anonymisedAt} IS NOT NULL OR ${t.phone} IS NOT NULL OR ${t.email} IS NOT NULL`
		),
		check('bookings_first_name', sql`length(${t.firstName}) BETWEEN 1 AND 60`),
		check('bookings_remark', sql`${t.remark} IS NULL OR length(${t.remark}) <= 500`)
	]
);

/**
 * A parent waiting for a place at a school (with one professional or any), between two dates. A
 * freed place that fits is offered to the first one waiting and held for them until `holdUntil`:
 * the offer columns count as a taken place in every slot count and booking statement while held.
 */
export const waitlistEntries = sqliteTable(
	'waitlist_entries',
	{
		id: id(),
		reference: text('reference').notNull(),
		manageTokenHash: text('manage_token_hash').notNull(),
		/**
		 * With LINK_SECRET it makes the manage token again (HMAC), so that the offer message can
		 * carry the parent's link; only its hash is stored otherwise, as for questions.
		 */
		linkKey: text('link_key').notNull(),
		schoolId: belongsTo('school_id', () => schools.id),
		/** The professional the parent waits for; null: anyone at the school. */
		staffId: integer('staff_id').references(() => staff.id),
		fromDate: text('from_date').notNull(),
		toDate: text('to_date').notNull(),
		firstName: text('first_name').notNull(),
		phone: text('phone'),
		email: text('email'),
		contactKey: text('contact_key'),
		language: language(),
		status: text('status').$type<WaitlistStatus>().notNull().default('waiting'),
		offerStaffId: integer('offer_staff_id').references(() => staff.id),
		offerStartsAt: integer('offer_starts_at'),
		offerEndsAt: integer('offer_ends_at'),
		holdUntil: integer('hold_until'),
		/** The booking the offer became. */
		bookingId: integer('booking_id').references(() => bookings.id, setNull),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('waitlist_reference_unique').on(t.reference),
		uniqueIndex('waitlist_manage_token_unique').on(t.manageTokenHash),
		index('waitlist_school_status_idx').on(t.schoolId, t.status, t.createdAt),
		index('waitlist_offer_idx').on(t.offerStaffId, t.offerStartsAt, t.status),
		check('waitlist_status', isOneOf(t.status, WAITLIST_STATUSES)),
		check(
			'waitlist_dates',
			sql`${ymd('from_date')} AND ${ymd('to_date')} AND ${t.fromDate} <= ${t.toDate}`
		),
		check('waitlist_contact', sql`${t.phone} IS NOT NULL OR ${t.email} IS NOT NULL`),
		check('waitlist_first_name', sql`length(${t.firstName}) BETWEEN 1 AND 60`),
		check(
			'waitlist_offer',
			sql`${t.status} <> 'offered' OR (${t.offerStaffId} IS NOT NULL AND ${t.offerStartsAt} IS NOT NULL AND ${t.holdUntil} IS NOT NULL)`
		)
	]
);

export const questions = sqliteTable(
	'questions',
	{
		id: id(),
		reference: text('reference').notNull(),
		accessTokenHash: text('access_token_hash').notNull(),
		/**
		 * Random per question; with the server's LINK_SECRET it gives back the access token, so a
		 * later e-mail ("there is an answer") can carry the private link. Useless without the secret.
		 */
		linkKey: text('link_key'),
		schoolId: belongsTo('school_id', () => schools.id),
		category: text('category').$type<Topic>().notNull(),
		text: text('text').notNull(),
		ageGroup: text('age_group').$type<AgeGroup>(),
		answerBy: text('answer_by').$type<AnswerBy>().notNull(),
		firstName: text('first_name'),
		anonymous: bool('anonymous').notNull().default(false),
		phone: text('phone'),
		email: text('email'),
		contactKey: text('contact_key'),
		language: language(),
		madeBy: madeBy().default('parent'),
		status: text('status').$type<QuestionStatus>().notNull().default('new'),
		assignedStaffId: integer('assigned_staff_id').references(() => staff.id, setNull),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		closedAt: integer('closed_at'),
		/**
		 * When the wijkteam first answered: set by a trigger on question_messages (migration 0011),
		 * whoever writes the answer, so the figures need no look into the messages.
		 */
		firstAnswerAt: integer('first_answer_at')
	},
	(t) => [
		uniqueIndex('questions_reference_unique').on(t.reference),
		uniqueIndex('questions_access_token_unique').on(t.accessTokenHash),
		index('questions_school_status_idx').on(t.schoolId, t.status, t.createdAt),
		index('questions_contact_idx').on(t.contactKey),
		index('questions_closed_idx').on(t.closedAt),
		// The figures count a school's questions by the moment they were asked.
		index('questions_school_created_idx').on(t.schoolId, t.createdAt),
		check('questions_category', isOneOf(t.category, QUESTION_CATEGORIES)),
		check('questions_age', sql`${t.ageGroup} IS NULL OR ${t.ageGroup} IN (${oneOf(AGE_GROUPS)})`),
		check('questions_answer_by', isOneOf(t.answerBy, ANSWER_BY)),
		check('questions_status', isOneOf(t.status, QUESTION_STATUSES)),
		check('questions_text', sql`length(${t.text}) BETWEEN 1 AND 2000`),
		check('questions_call_needs_phone', sql`${t.answerBy} <> 'call' OR ${t.phone} IS NOT NULL`),
		check('questions_email_needs_email', sql`${t.answerBy} <> 'email' OR ${t.email} IS NOT NULL`)
	]
);

/** Answers by staff and replies by the parent, in order. */
export const questionMessages = sqliteTable(
	'question_messages',
	{
		id: id(),
		questionId: belongsTo('question_id', () => questions.id, cascade),
		author: text('author').$type<MessageAuthor>().notNull(),
		staffId: integer('staff_id').references(() => staff.id, setNull),
		body: text('body').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('question_messages_question_idx').on(t.questionId, t.createdAt),
		check('question_messages_author', isOneOf(t.author, MESSAGE_AUTHORS)),
		check('question_messages_body', sql`length(${t.body}) BETWEEN 1 AND 4000`)
	]
);

/** Replies a professional saved to reuse and adapt. */
export const savedReplies = sqliteTable(
	'saved_replies',
	{
		id: id(),
		staffId: belongsTo('staff_id', () => staff.id, cascade),
		title: text('title').notNull(),
		body: text('body').notNull(),
		language: text('language').$type<Language>().notNull().default('nl'),
		createdAt: createdAt()
	},
	(t) => [index('saved_replies_staff_idx').on(t.staffId)]
);

/** "I'm here" numbers during a running walk-in hour, per professional, school and day. */
export const walkInTickets = sqliteTable(
	'walk_in_tickets',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id),
		staffId: belongsTo('staff_id', () => staff.id),
		date: text('date').notNull(),
		number: integer('number').notNull(),
		/** Position in the queue: a booked parent's slot time, or the moment a walk-in arrived. */
		queueAt: integer('queue_at').notNull(),
		bookingId: integer('booking_id').references(() => bookings.id, setNull),
		firstName: text('first_name'),
		language: language(),
		interpreter: bool('interpreter').notNull().default(false),
		status: text('status').$type<TicketStatus>().notNull().default('waiting'),
		madeBy: madeBy(),
		calledAt: integer('called_at'),
		/** SHA-256 of the ticket's own link's secret (its page and push); null for old tickets. */
		tokenHash: text('token_hash'),
		/** Random per ticket; with LINK_SECRET it gives back the token (the same link on a re-check-in). */
		linkKey: text('link_key'),
		/** When the parent was told they are next but one (once). */
		nudgedAt: integer('nudged_at'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('walk_in_token_unique').on(t.tokenHash),
		uniqueIndex('walk_in_number_unique').on(t.schoolId, t.staffId, t.date, t.number),
		uniqueIndex('walk_in_booking_unique').on(t.bookingId),
		index('walk_in_queue_idx').on(t.schoolId, t.date, t.status, t.queueAt),
		check('walk_in_status', isOneOf(t.status, TICKET_STATUSES)),
		check('walk_in_date', ymd('date')),
		check('walk_in_number', sql`${t.number} >= 1`)
	]
);

/**
 * What the figures keep of a deleted question (retention, the parent's own delete, an erasure):
 * no text, no name, no contact, and the hour rather than the moment. Written by a trigger before
 * the question goes (migration 0011), so no way of deleting forgets it.
 */
export const questionRecords = sqliteTable(
	'question_records',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		/**
		 * The hour it was asked (an instant, rounded down to the whole hour): Amsterdam's days and
		 * months start on a whole UTC hour, so every period still counts it exactly.
		 */
		askedHour: integer('asked_hour').notNull(),
		category: text('category').$type<Topic>().notNull(),
		language: language(),
		madeBy: madeBy(),
		/** How long the first answer took (ms); null when it was never answered. */
		firstAnswerMs: integer('first_answer_ms')
	},
	(t) => [
		index('question_records_school_idx').on(t.schoolId, t.askedHour),
		check('question_records_hour', onTheHour(t.askedHour))
	]
);

/**
 * What the figures keep of a walk-in ticket once it is deleted (the day after its hour): no name,
 * only the day, how it ended and how long the parent waited. Written by a trigger (migration 0011).
 */
export const walkInRecords = sqliteTable(
	'walk_in_records',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		date: text('date').notNull(),
		status: text('status').$type<TicketStatus>().notNull(),
		madeBy: madeBy(),
		language: language(),
		interpreter: bool('interpreter').notNull(),
		/** A booked parent who checked in (their booking counts already). */
		fromBooking: bool('from_booking').notNull(),
		/** From their place in the queue to being called (ms); null when never called. */
		waitMs: integer('wait_ms')
	},
	(t) => [
		index('walk_in_records_school_idx').on(t.schoolId, t.date),
		check('walk_in_records_date', ymd('date'))
	]
);

/**
 * What the figures keep of a deleted booking (the parent's own delete, an AVG erasure): no name,
 * contact, remark or reason, no words a parent typed for the interpreter (a language code stays,
 * as retention's anonymising keeps it), and the hour rather than the minute. Written by a trigger
 * before the booking goes (migration 0015), so no way of deleting it forgets it.
 */
export const bookingRecords = sqliteTable(
	'booking_records',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		/** The hour the appointment started (rounded down: periods start on whole UTC hours). */
		startsHour: integer('starts_hour').notNull(),
		status: text('status').$type<BookingStatus>().notNull(),
		madeBy: madeBy(),
		cancelledBy: text('cancelled_by').$type<CancelledBy>(),
		topic: text('topic').$type<Topic>(),
		language: language(),
		interpreter: bool('interpreter').notNull(),
		/** A language code, or null (none asked, or words the parent typed). */
		interpreterLanguage: text('interpreter_language'),
		/** Whether its reminder went. */
		reminded: bool('reminded').notNull()
	},
	(t) => [
		index('booking_records_school_idx').on(t.schoolId, t.startsHour),
		check('booking_records_hour', onTheHour(t.startsHour))
	]
);

/**
 * What the figures keep of a waiting-list entry once retention deletes it: the school, the hour the
 * parent joined, how it ended and whether a place was offered. No name, contact or dates.
 * Written by a trigger (migration 0015).
 */
export const waitlistRecords = sqliteTable(
	'waitlist_records',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		joinedHour: integer('joined_hour').notNull(),
		status: text('status').$type<WaitlistStatus>().notNull(),
		offered: bool('offered').notNull()
	},
	(t) => [
		index('waitlist_records_school_idx').on(t.schoolId, t.joinedHour),
		check('waitlist_records_hour', onTheHour(t.joinedHour))
	]
);

export const kioskDevices = sqliteTable(
	'kiosk_devices',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		name: text('name').notNull(),
		pairingCodeHash: text('pairing_code_hash'),
		pairingExpiresAt: integer('pairing_expires_at'),
		tokenHash: text('token_hash'),
		pairedAt: integer('paired_at'),
		lastSeenAt: integer('last_seen_at'),
		revokedAt: integer('revoked_at'),
		createdByUserId: integer('created_by_user_id').references(() => users.id, setNull),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('kiosk_pairing_unique').on(t.pairingCodeHash),
		uniqueIndex('kiosk_token_unique').on(t.tokenHash),
		index('kiosk_school_idx').on(t.schoolId),
		check(
			'kiosk_pairing_expiry',
			sql`${t.pairingCodeHash} IS NULL OR ${t.pairingExpiresAt} IS NOT NULL`
		)
	]
);

export const users = sqliteTable(
	'users',
	{
		id: id(),
		email: text('email').notNull(),
		/** PBKDF2-SHA256: 'pbkdf2$<iterations>$<salt b64>$<hash b64>'; null until the invitation is used. */
		passwordHash: text('password_hash'),
		organisationId: belongsTo('organisation_id', () => organisations.id),
		staffId: integer('staff_id').references(() => staff.id, setNull),
		role: text('role').$type<UserRole>().notNull(),
		/** TOTP secret (base32); null until the second factor is enrolled. */
		totpSecret: text('totp_secret'),
		totpEnabledAt: integer('totp_enabled_at'),
		/** The last TOTP time step used: a code is never accepted twice. */
		totpLastStep: integer('totp_last_step'),
		/** SHA-256 of the secret in the person's private calendar feed URL; null when there is none. */
		calendarTokenHash: text('calendar_token_hash'),
		language: text('language').$type<(typeof STAFF_LANGUAGES)[number]>().notNull().default('nl'),
		failedAttempts: integer('failed_attempts').notNull().default(0),
		lockedUntil: integer('locked_until'),
		disabledAt: integer('disabled_at'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('users_email_unique').on(t.email),
		index('users_organisation_idx').on(t.organisationId),
		uniqueIndex('users_staff_unique').on(t.staffId),
		uniqueIndex('users_calendar_token_unique').on(t.calendarTokenHash),
		check('users_role', isOneOf(t.role, USER_ROLES)),
		check('users_language', isOneOf(t.language, STAFF_LANGUAGES)),
		check('users_email_lower', sql`${t.email} = lower(${t.email})`)
	]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the session cookie's value. */
		idHash: text('id_hash').primaryKey(),
		userId: belongsTo('user_id', () => users.id, cascade),
		/** Set once the second factor is passed; before that the session only reaches the 2FA step. */
		secondFactorAt: integer('second_factor_at'),
		/** When the person last confirmed with their password or a code before a sensitive change. */
		reauthenticatedAt: integer('reauthenticated_at'),
		createdAt: createdAt(),
		lastSeenAt: integer('last_seen_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		/** A coarse name of the device ('Firefox · Windows'), for the person's own list of sessions. */
		device: text('device')
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		id: id(),
		userId: belongsTo('user_id', () => users.id, cascade),
		codeHash: text('code_hash').notNull(),
		usedAt: integer('used_at')
	},
	(t) => [uniqueIndex('recovery_codes_unique').on(t.userId, t.codeHash)]
);

/**
 * The kinds of account link, each opened by its own page only: an invitation (`/staff/invite`), a
 * coordinator's reset that clears password and app (`/staff/setup`), and the person's own
 * "forgot password" (`/staff/reset`, which keeps the app and asks for its code).
 */
/** Invitation and reset links (hashed), one use each. */
export const accountTokens = sqliteTable(
	'account_tokens',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: belongsTo('user_id', () => users.id, cascade),
		purpose: text('purpose').$type<AccountLinkKind>().notNull(),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('account_tokens_user_idx').on(t.userId),
		check('account_tokens_purpose', isOneOf(t.purpose, ACCOUNT_LINK_KINDS))
	]
);

/** Who of the staff read or changed which personal record, and when (NEN 7513-style). */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: id(),
		at: integer('at').notNull(),
		userId: integer('user_id').references(() => users.id, setNull),
		/** Display name kept so the parent still sees who opened the record after an account is gone. */
		actorName: text('actor_name').notNull(),
		action: text('action').$type<AuditAction>().notNull(),
		entity: text('entity').$type<AuditEntity>().notNull(),
		entityId: integer('entity_id'),
		schoolId: integer('school_id').references(() => schools.id, setNull),
		detail: text('detail')
	},
	(t) => [
		index('audit_entity_idx').on(t.entity, t.entityId, t.at),
		index('audit_user_idx').on(t.userId, t.at),
		check('audit_action', isOneOf(t.action, AUDIT_ACTIONS)),
		check('audit_entity', isOneOf(t.entity, AUDIT_ENTITIES))
	]
);

/** Local stand-in for e-mail delivery, and the queue the production mailer works from. */
export const outbox = sqliteTable(
	'outbox',
	{
		id: id(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html'),
		language: text('language').notNull(),
		kind: text('kind').notNull(),
		/**
		 * The booking, question or waiting-list place a message to a parent is about: it goes when they are deleted
		 * (the right to erasure), and an AVG look-up finds it within the organisation.
		 */
		bookingId: integer('booking_id').references(() => bookings.id, cascade),
		questionId: integer('question_id').references(() => questions.id, cascade),
		signupId: integer('signup_id').references(() => meetingSignups.id, cascade),
		waitlistEntryId: integer('waitlist_entry_id').references(() => waitlistEntries.id, cascade),
		status: text('status').$type<OutboxStatus>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		sentAt: integer('sent_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('outbox_status_idx').on(t.status, t.createdAt),
		index('outbox_booking_idx').on(t.bookingId),
		index('outbox_question_idx').on(t.questionId),
		index('outbox_signup_idx').on(t.signupId),
		index('outbox_waitlist_idx').on(t.waitlistEntryId),
		check('outbox_status', isOneOf(t.status, OUTBOX_STATUSES))
	]
);

/**
 * A browser's push subscription for one record of a parent (no account): it goes when the record
 * goes (ON DELETE CASCADE) and when the push service says it is gone (404/410).
 */
export const pushSubscriptions = sqliteTable(
	'push_subscriptions',
	{
		id: id(),
		record: text('record').$type<PushRecord>().notNull(),
		// A waiting-list entry's also go when it is done (booked, expired, left): migration 0016.
		...parentRecord(),
		/** The push service URL the browser chose; only origins on PUSH_SERVICE_ORIGINS are kept. */
		endpoint: text('endpoint').notNull(),
		/** The browser's P-256 public key and auth secret (base64url), for RFC 8291 encryption. */
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('push_booking_unique').on(t.bookingId, t.endpoint),
		uniqueIndex('push_question_unique').on(t.questionId, t.endpoint),
		uniqueIndex('push_ticket_unique').on(t.ticketId, t.endpoint),
		uniqueIndex('push_waitlist_unique').on(t.waitlistEntryId, t.endpoint),
		uniqueIndex('push_signup_unique').on(t.signupId, t.endpoint),
		check('push_record', isOneOf(t.record, PUSH_RECORDS)),
		check(
			'push_one_record',
			sql`(${t.bookingId} IS NOT NULL) + (${t.questionId} IS NOT NULL) + (${t.ticketId} IS NOT NULL) + (${t.waitlistEntryId} IS NOT NULL) + (${t.signupId} IS NOT NULL) = 1`
		)
	]
);

/**
 * A professional's phone that takes the workspace's content-free notifications (#21). It hangs on
 * the session it was turned on in, so it goes when that session goes: signing out, the session's
 * end (the nightly purge; sends skip a session that is no longer live), ending it from another
 * device, a coordinator ending the person's sessions or disabling the account.
 */
export const staffPushSubscriptions = sqliteTable(
	'staff_push_subscriptions',
	{
		id: id(),
		sessionIdHash: text('session_id_hash')
			.notNull()
			.references(() => sessions.idHash, cascade),
		userId: belongsTo('user_id', () => users.id, cascade),
		/** As a parent's: only origins on PUSH_SERVICE_ORIGINS are kept and called. */
		endpoint: text('endpoint').notNull(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		// One device a session: a session is one browser.
		uniqueIndex('staff_push_session_unique').on(t.sessionIdHash),
		index('staff_push_user_idx').on(t.userId)
	]
);

/**
 * What the local stand-ins "sent" (text messages, push notifications), for the local mailbox and
 * the tests. Written only where the stand-ins are on (a loopback origin); goes with its record.
 */
export const localMessages = sqliteTable(
	'local_messages',
	{
		id: id(),
		channel: text('channel').$type<LocalChannel>().notNull(),
		/** A phone number, or the push service's origin. */
		toAddress: text('to_address').notNull(),
		text: text('text').notNull(),
		event: text('event').$type<NoticeEvent | StaffNoticeEvent>().notNull(),
		language: text('language').notNull(),
		...parentRecord(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('local_messages_created_idx').on(t.createdAt),
		check('local_messages_channel', isOneOf(t.channel, LOCAL_CHANNELS)),
		check('local_messages_event', isOneOf(t.event, [...NOTICE_EVENTS, ...STAFF_NOTICE_EVENTS]))
	]
);

/** Failed sign-ins per client (a hash of its address), for the temporary lock. */
export const signInThrottle = sqliteTable('sign_in_throttle', {
	clientHash: text('client_hash').primaryKey(),
	failures: integer('failures').notNull().default(0),
	windowStart: integer('window_start').notNull(),
	lockedUntil: integer('locked_until')
});

/**
 * Fixed-window counters of the D1 rate limiter (src/lib/server/ratelimit): one row per kind and
 * client or contact, which is stored only as a SHA-256 hash.
 */
export const rateLimits = sqliteTable(
	'rate_limits',
	{
		/** '<kind>:<sha-256 of the key>'. */
		key: text('key').primaryKey(),
		windowStart: integer('window_start').notNull(),
		hits: integer('hits').notNull(),
		/** End of the window: after it the row is of no use (the daily retention removes it). */
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [
		index('rate_limits_expires_idx').on(t.expiresAt),
		check('rate_limits_hits', sql`${t.hits} >= 1`)
	]
);

/**
 * Parent meetings (coffee mornings, theme meetings): one row per occurrence, so a sign-up belongs
 * to one date and capacity is counted per occurrence. A repeating meeting is its occurrences with
 * one `series_key`; `repeat` says how they were made (for the staff form).
 */
export const meetings = sqliteTable(
	'meetings',
	{
		id: id(),
		organisationId: belongsTo('organisation_id', () => organisations.id),
		/**
		 * Where it takes place (its address is in the parents' messages; the figures count it here).
		 * The schools whose parents it is for are in meeting_schools, this one among them.
		 */
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		/** The occurrences of one repeating meeting share it; null for a one-off meeting. */
		seriesKey: text('series_key'),
		repeat: text('repeat').$type<MeetingRepeat>().notNull().default('once'),
		/** Title and short text per language: {"nl": "Koffieochtend", "ar": "..."}; Dutch required. */
		title: perLanguage('title').notNull(),
		text: perLanguage('text').notNull().default({}),
		theme: text('theme').$type<Topic>(),
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		place: text('place').notNull(),
		capacity: integer('capacity').notNull(),
		/** Languages spoken at the meeting (ISO 639-1 codes). */
		languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
		interpreter: bool('interpreter').notNull().default(false),
		hostStaffId: integer('host_staff_id').references(() => staff.id, setNull),
		status: text('status').$type<MeetingStatus>().notNull().default('planned'),
		cancelledAt: integer('cancelled_at'),
		createdByUserId: integer('created_by_user_id').references(() => users.id, setNull),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('meetings_school_start_idx').on(t.schoolId, t.startsAt),
		uniqueIndex('meetings_series_start_unique').on(t.seriesKey, t.startsAt),
		check('meetings_repeat', isOneOf(t.repeat, MEETING_REPEATS)),
		check('meetings_status', isOneOf(t.status, MEETING_STATUSES)),
		check('meetings_theme', sql`${t.theme} IS NULL OR ${t.theme} IN (${oneOf(TOPICS)})`),
		check('meetings_order', sql`${t.startsAt} < ${t.endsAt}`),
		check('meetings_capacity', sql`${t.capacity} BETWEEN 1 AND 500`),
		check('meetings_dutch_title', sql`length(json_extract(${t.title}, '$.nl')) >= 1`)
	]
);

/**
 * The schools a meeting is for: it shows on each one's page, kiosk and API, and its capacity is
 * the meeting's, shared. Its own school (`meetings.school_id`, where it takes place) is one of them.
 */
export const meetingSchools = sqliteTable(
	'meeting_schools',
	{
		meetingId: belongsTo('meeting_id', () => meetings.id, cascade),
		schoolId: belongsTo('school_id', () => schools.id, cascade)
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.schoolId] }),
		// The school page and the kiosk read a school's meetings.
		index('meeting_schools_school_idx').on(t.schoolId, t.meetingId)
	]
);

/** A parent's sign-up for one meeting; `people` (1-4) count against its capacity. */
export const meetingSignups = sqliteTable(
	'meeting_signups',
	{
		id: id(),
		meetingId: belongsTo('meeting_id', () => meetings.id, cascade),
		reference: text('reference').notNull(),
		manageTokenHash: text('manage_token_hash').notNull(),
		firstName: text('first_name').notNull(),
		people: integer('people').notNull().default(1),
		phone: text('phone'),
		email: text('email'),
		language: language(),
		status: text('status').$type<SignupStatus>().notNull().default('signed_up'),
		madeBy: madeBy().default('parent'),
		/**
		 * Random key the manage token is made from again (HMAC with LINK_SECRET), so that a reminder
		 * can carry the manage link. Null for sign-ups made before reminders.
		 */
		linkKey: text('link_key'),
		/** When the reminder went (the cron sends one, never twice). */
		remindedAt: integer('reminded_at'),
		/**
		 * Set while the parent is on the full meeting's waiting list (status stays `signed_up`, but
		 * the sign-up holds no place); cleared when a place frees up and they are signed up in it.
		 */
		waitingSince: integer('waiting_since'),
		cancelledAt: integer('cancelled_at'),
		/** Set by retention after the meeting: the name and contact are gone, the counts stay. */
		anonymisedAt: integer('anonymised_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('meeting_signups_reference_unique').on(t.reference),
		uniqueIndex('meeting_signups_token_unique').on(t.manageTokenHash),
		index('meeting_signups_meeting_idx').on(t.meetingId, t.status),
		// The first waiting parents of a meeting, in order.
		index('meeting_signups_waiting_idx').on(t.meetingId, t.waitingSince),
		check('meeting_signups_status', isOneOf(t.status, SIGNUP_STATUSES)),
		check('meeting_signups_made_by', isOneOf(t.madeBy, BOOKING_MADE_BY)),
		check('meeting_signups_people', sql`${t.people} BETWEEN 1 AND 4`),
		check('meeting_signups_first_name', sql`length(${t.firstName}) BETWEEN 1 AND 60`)
	]
);

/**
 * What the figures keep of a sign-up that is deleted (an AVG erasure): its meeting, how it went, the
 * people it brought and the language; a trigger of migration 0018 writes it. Nothing the parent
 * gave to be reached.
 */
export const signupRecords = sqliteTable(
	'signup_records',
	{
		id: id(),
		meetingId: belongsTo('meeting_id', () => meetings.id, cascade),
		status: text('status').$type<SignupStatus>().notNull(),
		people: integer('people').notNull(),
		language: language(),
		/** Whether it was on the waiting list (held no place) when it went. */
		waiting: bool('waiting').notNull()
	},
	(t) => [index('signup_records_meeting_idx').on(t.meetingId)]
);

/** "Waar wilt u meer over weten?": an anonymous theme a parent suggests for a next meeting. */
export const meetingSuggestions = sqliteTable(
	'meeting_suggestions',
	{
		id: id(),
		schoolId: belongsTo('school_id', () => schools.id, cascade),
		theme: text('theme').$type<Topic>().notNull(),
		text: text('text'),
		language: language(),
		madeBy: madeBy().default('parent'),
		createdAt: createdAt()
	},
	(t) => [
		index('meeting_suggestions_school_idx').on(t.schoolId, t.theme, t.createdAt),
		check('meeting_suggestions_theme', isOneOf(t.theme, TOPICS)),
		check('meeting_suggestions_text', sql`${t.text} IS NULL OR length(${t.text}) <= 200`)
	]
);
