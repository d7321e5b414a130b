CREATE TABLE `booking_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`starts_hour` integer NOT NULL,
	`status` text NOT NULL,
	`made_by` text NOT NULL,
	`cancelled_by` text,
	`topic` text,
	`language` text NOT NULL,
	`interpreter` integer NOT NULL,
	`interpreter_language` text,
	`reminded` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "booking_records_hour" CHECK("booking_records"."starts_hour" % 3600000 = 0)
);
--> statement-breakpoint
CREATE INDEX `booking_records_school_idx` ON `booking_records` (`school_id`,`starts_hour`);--> statement-breakpoint
CREATE TABLE `waitlist_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`joined_hour` integer NOT NULL,
	`status` text NOT NULL,
	`offered` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "waitlist_records_hour" CHECK("waitlist_records"."joined_hour" % 3600000 = 0)
);
--> statement-breakpoint
CREATE INDEX `waitlist_records_school_idx` ON `waitlist_records` (`school_id`,`joined_hour`);--> statement-breakpoint
-- What the figures keep of a booking when it goes, however it goes (the parent's own delete, an
-- AVG erasure): what retention's anonymising keeps, with the hour for the moment.
CREATE TRIGGER `bookings_kept` BEFORE DELETE ON `bookings`
BEGIN
	INSERT INTO `booking_records` (`school_id`, `starts_hour`, `status`, `made_by`, `cancelled_by`, `topic`, `language`,
		`interpreter`, `interpreter_language`, `reminded`)
	VALUES (OLD.`school_id`, CAST(OLD.`starts_at` AS INTEGER) - CAST(OLD.`starts_at` AS INTEGER) % 3600000, OLD.`status`,
		OLD.`made_by`, OLD.`cancelled_by`, OLD.`topic`, OLD.`language`, OLD.`interpreter`,
		CASE WHEN OLD.`interpreter_language` GLOB '[a-z][a-z]' OR OLD.`interpreter_language` GLOB '[a-z][a-z][a-z]'
			THEN OLD.`interpreter_language` END,
		OLD.`reminded_at` IS NOT NULL);
END;--> statement-breakpoint
-- And of a waiting-list entry (retention deletes it after its last date): the hour it was joined,
-- how it ended, whether a place was offered.
CREATE TRIGGER `waitlist_entries_kept` BEFORE DELETE ON `waitlist_entries`
BEGIN
	INSERT INTO `waitlist_records` (`school_id`, `joined_hour`, `status`, `offered`)
	VALUES (OLD.`school_id`, CAST(OLD.`created_at` AS INTEGER) - CAST(OLD.`created_at` AS INTEGER) % 3600000, OLD.`status`,
		OLD.`offer_starts_at` IS NOT NULL);
END;
