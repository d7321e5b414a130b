-- drizzle-kit leaves ON DELETE out of ALTER TABLE ADD; the schema (and this file) want cascade.
ALTER TABLE `outbox` ADD `booking_id` integer REFERENCES bookings(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `outbox` ADD `question_id` integer REFERENCES questions(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `outbox_booking_idx` ON `outbox` (`booking_id`);--> statement-breakpoint
CREATE INDEX `outbox_question_idx` ON `outbox` (`question_id`);