CREATE TABLE `meeting_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`reference` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`first_name` text NOT NULL,
	`people` integer DEFAULT 1 NOT NULL,
	`phone` text,
	`email` text,
	`language` text NOT NULL,
	`status` text DEFAULT 'signed_up' NOT NULL,
	`made_by` text DEFAULT 'parent' NOT NULL,
	`cancelled_at` integer,
	`anonymised_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "meeting_signups_status" CHECK("meeting_signups"."status" IN ('signed_up', 'cancelled', 'attended')),
	CONSTRAINT "meeting_signups_made_by" CHECK("meeting_signups"."made_by" IN ('parent', 'kiosk', 'staff')),
	CONSTRAINT "meeting_signups_people" CHECK("meeting_signups"."people" BETWEEN 1 AND 4),
	CONSTRAINT "meeting_signups_first_name" CHECK(length("meeting_signups"."first_name") BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_signups_reference_unique` ON `meeting_signups` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_signups_token_unique` ON `meeting_signups` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `meeting_signups_meeting_idx` ON `meeting_signups` (`meeting_id`,`status`);--> statement-breakpoint
CREATE TABLE `meeting_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`theme` text NOT NULL,
	`text` text,
	`language` text NOT NULL,
	`made_by` text DEFAULT 'parent' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "meeting_suggestions_theme" CHECK("meeting_suggestions"."theme" IN ('behaviour', 'emotions', 'sleep_eating', 'school', 'family_divorce', 'money_housing', 'development', 'other')),
	CONSTRAINT "meeting_suggestions_text" CHECK("meeting_suggestions"."text" IS NULL OR length("meeting_suggestions"."text") <= 200)
);
--> statement-breakpoint
CREATE INDEX `meeting_suggestions_school_idx` ON `meeting_suggestions` (`school_id`,`theme`,`created_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	`series_key` text,
	`repeat` text DEFAULT 'once' NOT NULL,
	`title` text NOT NULL,
	`text` text DEFAULT '{}' NOT NULL,
	`theme` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text NOT NULL,
	`capacity` integer NOT NULL,
	`languages` text NOT NULL,
	`interpreter` integer DEFAULT false NOT NULL,
	`host_staff_id` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`cancelled_at` integer,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meetings_repeat" CHECK("meetings"."repeat" IN ('once', 'weekly', 'monthly')),
	CONSTRAINT "meetings_status" CHECK("meetings"."status" IN ('planned', 'cancelled')),
	CONSTRAINT "meetings_theme" CHECK("meetings"."theme" IS NULL OR "meetings"."theme" IN ('behaviour', 'emotions', 'sleep_eating', 'school', 'family_divorce', 'money_housing', 'development', 'other')),
	CONSTRAINT "meetings_order" CHECK("meetings"."starts_at" < "meetings"."ends_at"),
	CONSTRAINT "meetings_capacity" CHECK("meetings"."capacity" BETWEEN 1 AND 500),
	CONSTRAINT "meetings_dutch_title" CHECK(length(json_extract("meetings"."title", '$.nl')) >= 1)
);
--> statement-breakpoint
CREATE INDEX `meetings_school_start_idx` ON `meetings` (`school_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_series_start_unique` ON `meetings` (`series_key`,`starts_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `signup_id` integer REFERENCES meeting_signups(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `outbox_signup_idx` ON `outbox` (`signup_id`);