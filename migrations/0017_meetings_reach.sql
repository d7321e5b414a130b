-- Hand-written: the trigger of 0016 names push_subscriptions, which is rebuilt below; SQLite
-- refuses the rename while a trigger names a missing table, so it is made again after.
DROP TRIGGER `push_waitlist_ended`;--> statement-breakpoint
CREATE TABLE `meeting_schools` (
	`meeting_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `school_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_schools_school_idx` ON `meeting_schools` (`school_id`,`meeting_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_local_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`to_address` text NOT NULL,
	`text` text NOT NULL,
	`event` text NOT NULL,
	`language` text NOT NULL,
	`booking_id` integer,
	`question_id` integer,
	`ticket_id` integer,
	`waitlist_entry_id` integer,
	`signup_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`waitlist_entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`signup_id`) REFERENCES `meeting_signups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "local_messages_channel" CHECK("__new_local_messages"."channel" IN ('sms', 'push')),
	CONSTRAINT "local_messages_event" CHECK("__new_local_messages"."event" IN ('confirmed', 'reminder', 'cancelled', 'moved', 'answered', 'offer', 'next_but_one', 'called', 'meeting_confirmed', 'meeting_reminder', 'meeting_cancelled', 'signup_cancelled', 'meeting_waiting', 'meeting_promoted', 'new_question', 'checked_in'))
);
--> statement-breakpoint
INSERT INTO `__new_local_messages`("id", "channel", "to_address", "text", "event", "language", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", "signup_id", "created_at") SELECT "id", "channel", "to_address", "text", "event", "language", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", NULL, "created_at" FROM `local_messages`;--> statement-breakpoint
DROP TABLE `local_messages`;--> statement-breakpoint
ALTER TABLE `__new_local_messages` RENAME TO `local_messages`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `local_messages_created_idx` ON `local_messages` (`created_at`);--> statement-breakpoint
CREATE TABLE `__new_push_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record` text NOT NULL,
	`booking_id` integer,
	`question_id` integer,
	`ticket_id` integer,
	`waitlist_entry_id` integer,
	`signup_id` integer,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`waitlist_entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`signup_id`) REFERENCES `meeting_signups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "push_record" CHECK("__new_push_subscriptions"."record" IN ('booking', 'question', 'ticket', 'waitlist', 'signup')),
	CONSTRAINT "push_one_record" CHECK(("__new_push_subscriptions"."booking_id" IS NOT NULL) + ("__new_push_subscriptions"."question_id" IS NOT NULL) + ("__new_push_subscriptions"."ticket_id" IS NOT NULL) + ("__new_push_subscriptions"."waitlist_entry_id" IS NOT NULL) + ("__new_push_subscriptions"."signup_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
INSERT INTO `__new_push_subscriptions`("id", "record", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", "signup_id", "endpoint", "p256dh", "auth", "created_at") SELECT "id", "record", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", NULL, "endpoint", "p256dh", "auth", "created_at" FROM `push_subscriptions`;--> statement-breakpoint
DROP TABLE `push_subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_push_subscriptions` RENAME TO `push_subscriptions`;--> statement-breakpoint
-- Hand-written: 0016's trigger again (see the top).
CREATE TRIGGER `push_waitlist_ended` AFTER UPDATE OF `status` ON `waitlist_entries`
WHEN NEW.`status` IN ('booked', 'expired', 'left')
BEGIN
	DELETE FROM `push_subscriptions` WHERE `waitlist_entry_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE UNIQUE INDEX `push_booking_unique` ON `push_subscriptions` (`booking_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_question_unique` ON `push_subscriptions` (`question_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_ticket_unique` ON `push_subscriptions` (`ticket_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_waitlist_unique` ON `push_subscriptions` (`waitlist_entry_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_signup_unique` ON `push_subscriptions` (`signup_id`,`endpoint`);--> statement-breakpoint
ALTER TABLE `meeting_signups` ADD `link_key` text;--> statement-breakpoint
ALTER TABLE `meeting_signups` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_signups` ADD `waiting_since` integer;--> statement-breakpoint
CREATE INDEX `meeting_signups_waiting_idx` ON `meeting_signups` (`meeting_id`,`waiting_since`);--> statement-breakpoint
-- Hand-written: every meeting so far is for its own school.
INSERT INTO `meeting_schools` (`meeting_id`, `school_id`) SELECT `id`, `school_id` FROM `meetings`;--> statement-breakpoint
-- Hand-written: a meeting is always for its own school, however it is written (the workspace,
-- the demo data, a test), so its own school's page never misses it.
CREATE TRIGGER `meetings_own_school` AFTER INSERT ON `meetings` BEGIN
	INSERT OR IGNORE INTO `meeting_schools` (`meeting_id`, `school_id`) VALUES (NEW.`id`, NEW.`school_id`);
END;
