-- Hand-corrected after drizzle-kit: the copies of local_messages and push_subscriptions select NULL
-- for the new waitlist_entry_id (the generated SQL read it from the old tables, which have none).
CREATE TABLE `staff_push_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`session_id_hash`) REFERENCES `sessions`(`id_hash`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_push_session_unique` ON `staff_push_subscriptions` (`session_id_hash`);--> statement-breakpoint
CREATE INDEX `staff_push_user_idx` ON `staff_push_subscriptions` (`user_id`);--> statement-breakpoint
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
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`waitlist_entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "local_messages_channel" CHECK("__new_local_messages"."channel" IN ('sms', 'push')),
	CONSTRAINT "local_messages_event" CHECK("__new_local_messages"."event" IN ('confirmed', 'reminder', 'cancelled', 'moved', 'answered', 'offer', 'next_but_one', 'called', 'new_question', 'checked_in'))
);
--> statement-breakpoint
INSERT INTO `__new_local_messages`("id", "channel", "to_address", "text", "event", "language", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", "created_at") SELECT "id", "channel", "to_address", "text", "event", "language", "booking_id", "question_id", "ticket_id", NULL, "created_at" FROM `local_messages`;--> statement-breakpoint
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
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`waitlist_entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "push_record" CHECK("__new_push_subscriptions"."record" IN ('booking', 'question', 'ticket', 'waitlist')),
	CONSTRAINT "push_one_record" CHECK(("__new_push_subscriptions"."booking_id" IS NOT NULL) + ("__new_push_subscriptions"."question_id" IS NOT NULL) + ("__new_push_subscriptions"."ticket_id" IS NOT NULL) + ("__new_push_subscriptions"."waitlist_entry_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
INSERT INTO `__new_push_subscriptions`("id", "record", "booking_id", "question_id", "ticket_id", "waitlist_entry_id", "endpoint", "p256dh", "auth", "created_at") SELECT "id", "record", "booking_id", "question_id", "ticket_id", NULL, "endpoint", "p256dh", "auth", "created_at" FROM `push_subscriptions`;--> statement-breakpoint
DROP TABLE `push_subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_push_subscriptions` RENAME TO `push_subscriptions`;--> statement-breakpoint
CREATE UNIQUE INDEX `push_booking_unique` ON `push_subscriptions` (`booking_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_question_unique` ON `push_subscriptions` (`question_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_ticket_unique` ON `push_subscriptions` (`ticket_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_waitlist_unique` ON `push_subscriptions` (`waitlist_entry_id`,`endpoint`);--> statement-breakpoint
-- A waiting-list entry that is done (booked, expired, left) keeps no push subscriptions: whatever
-- ended it (the parent, the cron, a claim, a page that met a lapsed offer). Hand-written.
CREATE TRIGGER `push_waitlist_ended` AFTER UPDATE OF `status` ON `waitlist_entries`
WHEN NEW.`status` IN ('booked', 'expired', 'left')
BEGIN
	DELETE FROM `push_subscriptions` WHERE `waitlist_entry_id` = NEW.`id`;
END;