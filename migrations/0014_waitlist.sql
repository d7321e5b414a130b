CREATE TABLE `waitlist_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`link_key` text NOT NULL,
	`school_id` integer NOT NULL,
	`staff_id` integer,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`first_name` text NOT NULL,
	`phone` text,
	`email` text,
	`contact_key` text,
	`language` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`offer_staff_id` integer,
	`offer_starts_at` integer,
	`offer_ends_at` integer,
	`hold_until` integer,
	`booking_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "waitlist_status" CHECK("waitlist_entries"."status" IN ('waiting', 'offered', 'booked', 'expired', 'left')),
	CONSTRAINT "waitlist_dates" CHECK(from_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND to_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "waitlist_entries"."from_date" <= "waitlist_entries"."to_date"),
	CONSTRAINT "waitlist_contact" CHECK("waitlist_entries"."phone" IS NOT NULL OR "waitlist_entries"."email" IS NOT NULL),
	CONSTRAINT "waitlist_first_name" CHECK(length("waitlist_entries"."first_name") BETWEEN 1 AND 60),
	CONSTRAINT "waitlist_offer" CHECK("waitlist_entries"."status" <> 'offered' OR ("waitlist_entries"."offer_staff_id" IS NOT NULL AND "waitlist_entries"."offer_starts_at" IS NOT NULL AND "waitlist_entries"."hold_until" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_reference_unique` ON `waitlist_entries` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_manage_token_unique` ON `waitlist_entries` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `waitlist_school_status_idx` ON `waitlist_entries` (`school_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waitlist_offer_idx` ON `waitlist_entries` (`offer_staff_id`,`offer_starts_at`,`status`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `waitlist_entry_id` integer REFERENCES waitlist_entries(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `outbox_waitlist_idx` ON `outbox` (`waitlist_entry_id`);