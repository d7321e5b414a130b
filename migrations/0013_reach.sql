CREATE TABLE `local_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`to_address` text NOT NULL,
	`text` text NOT NULL,
	`event` text NOT NULL,
	`language` text NOT NULL,
	`booking_id` integer,
	`question_id` integer,
	`ticket_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "local_messages_channel" CHECK("local_messages"."channel" IN ('sms', 'push')),
	CONSTRAINT "local_messages_event" CHECK("local_messages"."event" IN ('confirmed', 'reminder', 'cancelled', 'moved', 'answered', 'offer', 'next_but_one', 'called'))
);
--> statement-breakpoint
CREATE INDEX `local_messages_created_idx` ON `local_messages` (`created_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record` text NOT NULL,
	`booking_id` integer,
	`question_id` integer,
	`ticket_id` integer,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `walk_in_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "push_record" CHECK("push_subscriptions"."record" IN ('booking', 'question', 'ticket')),
	CONSTRAINT "push_one_record" CHECK(("push_subscriptions"."booking_id" IS NOT NULL) + ("push_subscriptions"."question_id" IS NOT NULL) + ("push_subscriptions"."ticket_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_booking_unique` ON `push_subscriptions` (`booking_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_question_unique` ON `push_subscriptions` (`question_id`,`endpoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `push_ticket_unique` ON `push_subscriptions` (`ticket_id`,`endpoint`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `link_key` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `reminded_at` integer;--> statement-breakpoint
CREATE INDEX `bookings_reminder_idx` ON `bookings` (`starts_at`) WHERE reminded_at IS NULL AND status = 'booked';--> statement-breakpoint
ALTER TABLE `organisations` ADD `reminder_days` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `walk_in_tickets` ADD `token_hash` text;--> statement-breakpoint
ALTER TABLE `walk_in_tickets` ADD `link_key` text;--> statement-breakpoint
ALTER TABLE `walk_in_tickets` ADD `nudged_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `walk_in_token_unique` ON `walk_in_tickets` (`token_hash`);