CREATE TABLE `question_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`asked_hour` integer NOT NULL,
	`category` text NOT NULL,
	`language` text NOT NULL,
	`made_by` text NOT NULL,
	`first_answer_ms` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "question_records_hour" CHECK("question_records"."asked_hour" % 3600000 = 0)
);
--> statement-breakpoint
CREATE INDEX `question_records_school_idx` ON `question_records` (`school_id`,`asked_hour`);--> statement-breakpoint
CREATE TABLE `walk_in_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`date` text NOT NULL,
	`status` text NOT NULL,
	`made_by` text NOT NULL,
	`language` text NOT NULL,
	`interpreter` integer NOT NULL,
	`from_booking` integer NOT NULL,
	`wait_ms` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "walk_in_records_date" CHECK(date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `walk_in_records_school_idx` ON `walk_in_records` (`school_id`,`date`);--> statement-breakpoint
-- Written by hand where drizzle-kit would rebuild `bookings` for the new CHECK: in D1 foreign keys
-- stay on, so dropping the old table would delete every outbox row of a booking (ON DELETE
-- CASCADE). A column CHECK does the same as the schema's table CHECK.
ALTER TABLE `bookings` ADD `cancelled_by` text CONSTRAINT "bookings_cancelled_by" CHECK("cancelled_by" IS NULL OR "cancelled_by" IN ('parent', 'staff', 'hours'));--> statement-breakpoint
-- Before this column a staff cancellation always had a reason; a parent's never did.
UPDATE `bookings` SET `cancelled_by` = CASE WHEN `cancel_reason` IS NULL THEN 'parent' ELSE 'staff' END WHERE `status` = 'cancelled';--> statement-breakpoint
ALTER TABLE `questions` ADD `first_answer_at` integer;--> statement-breakpoint
CREATE INDEX `questions_school_created_idx` ON `questions` (`school_id`,`created_at`);--> statement-breakpoint
-- The first answer's moment, on the question itself, whoever writes it.
UPDATE `questions` SET `first_answer_at` = (SELECT min(`created_at`) FROM `question_messages` m WHERE m.`question_id` = `questions`.`id` AND m.`author` = 'staff');--> statement-breakpoint
CREATE TRIGGER `questions_first_answer` AFTER INSERT ON `question_messages`
WHEN NEW.`author` = 'staff'
BEGIN
	UPDATE `questions` SET `first_answer_at` = NEW.`created_at`
	WHERE `id` = NEW.`question_id` AND (`first_answer_at` IS NULL OR `first_answer_at` > NEW.`created_at`);
END;--> statement-breakpoint
-- What the figures keep of a question when it goes, however it goes (retention, the parent, an erasure).
CREATE TRIGGER `questions_kept` BEFORE DELETE ON `questions`
BEGIN
	INSERT INTO `question_records` (`school_id`, `asked_hour`, `category`, `language`, `made_by`, `first_answer_ms`)
	VALUES (OLD.`school_id`, OLD.`created_at` - OLD.`created_at` % 3600000, OLD.`category`, OLD.`language`, OLD.`made_by`,
		max(OLD.`first_answer_at` - OLD.`created_at`, 0));
END;--> statement-breakpoint
-- And of a walk-in ticket (deleted the day after its hour): no name, the day, how it ended, the wait.
CREATE TRIGGER `walk_in_tickets_kept` BEFORE DELETE ON `walk_in_tickets`
BEGIN
	INSERT INTO `walk_in_records` (`school_id`, `date`, `status`, `made_by`, `language`, `interpreter`, `from_booking`, `wait_ms`)
	VALUES (OLD.`school_id`, OLD.`date`, OLD.`status`, OLD.`made_by`, OLD.`language`, OLD.`interpreter`,
		OLD.`booking_id` IS NOT NULL, max(OLD.`called_at` - OLD.`queue_at`, 0));
END;
