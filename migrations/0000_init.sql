CREATE TABLE `account_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "account_tokens_purpose" CHECK("account_tokens"."purpose" IN ('invite', 'reset'))
);
--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`school_id` integer,
	`detail` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "audit_action" CHECK("audit_log"."action" IN ('read', 'create', 'update', 'delete', 'export')),
	CONSTRAINT "audit_entity" CHECK("audit_log"."entity" IN ('booking', 'question', 'ticket', 'contact'))
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_user_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `availability_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`slot_minutes` integer DEFAULT 20 NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`buffer_minutes` integer DEFAULT 0 NOT NULL,
	`min_notice_minutes` integer DEFAULT 120 NOT NULL,
	`horizon_days` integer DEFAULT 28 NOT NULL,
	`max_per_contact_per_week` integer DEFAULT 2 NOT NULL,
	`bookable` integer DEFAULT true NOT NULL,
	`walk_in` integer DEFAULT false NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "availability_weekday" CHECK("availability_blocks"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "availability_start" CHECK(start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time <= '24:00'),
	CONSTRAINT "availability_end" CHECK(end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time <= '24:00'),
	CONSTRAINT "availability_order" CHECK("availability_blocks"."start_time" < "availability_blocks"."end_time"),
	CONSTRAINT "availability_slot" CHECK("availability_blocks"."slot_minutes" BETWEEN 5 AND 240),
	CONSTRAINT "availability_capacity" CHECK("availability_blocks"."capacity" BETWEEN 1 AND 50),
	CONSTRAINT "availability_buffer" CHECK("availability_blocks"."buffer_minutes" BETWEEN 0 AND 120),
	CONSTRAINT "availability_notice" CHECK("availability_blocks"."min_notice_minutes" >= 0),
	CONSTRAINT "availability_horizon" CHECK("availability_blocks"."horizon_days" BETWEEN 1 AND 366),
	CONSTRAINT "availability_cap" CHECK("availability_blocks"."max_per_contact_per_week" >= 1),
	CONSTRAINT "availability_kind" CHECK("availability_blocks"."bookable" = 1 OR "availability_blocks"."walk_in" = 1),
	CONSTRAINT "availability_valid_from" CHECK(valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "availability_valid_range" CHECK("availability_blocks"."valid_until" IS NULL OR "availability_blocks"."valid_until" >= "availability_blocks"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `availability_staff_idx` ON `availability_blocks` (`staff_id`);--> statement-breakpoint
CREATE INDEX `availability_school_idx` ON `availability_blocks` (`school_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `availability_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`school_id` integer,
	`block_id` integer,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`location_id` integer,
	`start_time` text,
	`end_time` text,
	`slot_minutes` integer,
	`capacity` integer,
	`bookable` integer,
	`walk_in` integer,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`block_id`) REFERENCES `availability_blocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exceptions_kind" CHECK("availability_exceptions"."kind" IN ('off', 'extra', 'changed')),
	CONSTRAINT "exceptions_date" CHECK(date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "exceptions_times" CHECK("availability_exceptions"."kind" = 'off' OR ("availability_exceptions"."start_time" IS NOT NULL AND "availability_exceptions"."end_time" IS NOT NULL AND "availability_exceptions"."start_time" < "availability_exceptions"."end_time")),
	CONSTRAINT "exceptions_changed_block" CHECK("availability_exceptions"."kind" <> 'changed' OR "availability_exceptions"."block_id" IS NOT NULL),
	CONSTRAINT "exceptions_extra_place" CHECK("availability_exceptions"."kind" <> 'extra' OR ("availability_exceptions"."school_id" IS NOT NULL AND "availability_exceptions"."location_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `exceptions_staff_date_idx` ON `availability_exceptions` (`staff_id`,`date`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`school_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`location_id` integer,
	`block_id` integer,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`first_name` text NOT NULL,
	`phone` text,
	`email` text,
	`contact_key` text,
	`topic` text,
	`language` text NOT NULL,
	`interpreter` integer DEFAULT false NOT NULL,
	`interpreter_language` text,
	`remark` text,
	`status` text DEFAULT 'booked' NOT NULL,
	`made_by` text NOT NULL,
	`cancel_reason` text,
	`cancelled_at` integer,
	`anonymised_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`block_id`) REFERENCES `availability_blocks`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "bookings_status" CHECK("bookings"."status" IN ('booked', 'cancelled', 'attended', 'no_show')),
	CONSTRAINT "bookings_made_by" CHECK("bookings"."made_by" IN ('parent', 'kiosk', 'staff')),
	CONSTRAINT "bookings_order" CHECK("bookings"."starts_at" < "bookings"."ends_at"),
	CONSTRAINT "bookings_contact" CHECK("bookings"."made_by" = 'kiosk' OR "bookings"."anonymised_at" IS NOT NULL OR "bookings"."phone" IS NOT NULL OR "bookings"."email" IS NOT NULL),
	CONSTRAINT "bookings_first_name" CHECK(length("bookings"."first_name") BETWEEN 1 AND 60),
	CONSTRAINT "bookings_remark" CHECK("bookings"."remark" IS NULL OR length("bookings"."remark") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_reference_unique` ON `bookings` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_manage_token_unique` ON `bookings` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `bookings_staff_start_idx` ON `bookings` (`staff_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_school_start_idx` ON `bookings` (`school_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_contact_idx` ON `bookings` (`contact_key`,`starts_at`);--> statement-breakpoint
CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`school_id` integer,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "closures_start" CHECK(start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "closures_end" CHECK(end_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "closures_order" CHECK("closures"."start_date" <= "closures"."end_date")
);
--> statement-breakpoint
CREATE INDEX `closures_organisation_idx` ON `closures` (`organisation_id`,`end_date`);--> statement-breakpoint
CREATE TABLE `kiosk_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`name` text NOT NULL,
	`pairing_code_hash` text,
	`pairing_expires_at` integer,
	`token_hash` text,
	`paired_at` integer,
	`last_seen_at` integer,
	`revoked_at` integer,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "kiosk_pairing_expiry" CHECK("kiosk_devices"."pairing_code_hash" IS NULL OR "kiosk_devices"."pairing_expires_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_pairing_unique` ON `kiosk_devices` (`pairing_code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_token_unique` ON `kiosk_devices` (`token_hash`);--> statement-breakpoint
CREATE INDEX `kiosk_school_idx` ON `kiosk_devices` (`school_id`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`school_id` integer,
	`name` text NOT NULL,
	`address` text,
	`directions` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `locations_organisation_idx` ON `locations` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `locations_school_idx` ON `locations` (`school_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`website` text,
	`privacy_email` text,
	`booking_retention_days` integer DEFAULT 90 NOT NULL,
	`question_retention_days` integer DEFAULT 180 NOT NULL,
	`turnstile_enabled` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`language` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "outbox_status" CHECK("outbox"."status" IN ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`organisation_name` text,
	`description` text DEFAULT '{}' NOT NULL,
	`phone` text,
	`email` text,
	`website` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "partners_role" CHECK("partners"."role" IN ('wijkteammedewerker', 'schoolmaatschappelijk_werker', 'gedragscoach', 'jgz_verpleegkundige', 'orthopedagoog', 'wijkagent', 'jeugdconsulent', 'buurtwerker'))
);
--> statement-breakpoint
CREATE INDEX `partners_school_idx` ON `partners` (`school_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `question_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`author` text NOT NULL,
	`staff_id` integer,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "question_messages_author" CHECK("question_messages"."author" IN ('staff', 'parent')),
	CONSTRAINT "question_messages_body" CHECK(length("question_messages"."body") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
CREATE INDEX `question_messages_question_idx` ON `question_messages` (`question_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`access_token_hash` text NOT NULL,
	`school_id` integer NOT NULL,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`age_group` text,
	`answer_by` text NOT NULL,
	`first_name` text,
	`anonymous` integer DEFAULT false NOT NULL,
	`phone` text,
	`email` text,
	`contact_key` text,
	`language` text NOT NULL,
	`made_by` text DEFAULT 'parent' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`assigned_staff_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "questions_category" CHECK("questions"."category" IN ('behaviour', 'emotions', 'sleep_eating', 'school', 'family_divorce', 'money_housing', 'development', 'other')),
	CONSTRAINT "questions_age" CHECK("questions"."age_group" IS NULL OR "questions"."age_group" IN ('0_3', '4_7', '8_12', '12_plus')),
	CONSTRAINT "questions_answer_by" CHECK("questions"."answer_by" IN ('page', 'call', 'email', 'spreekuur')),
	CONSTRAINT "questions_status" CHECK("questions"."status" IN ('new', 'in_progress', 'answered', 'closed')),
	CONSTRAINT "questions_text" CHECK(length("questions"."text") BETWEEN 1 AND 2000),
	CONSTRAINT "questions_call_needs_phone" CHECK("questions"."answer_by" <> 'call' OR "questions"."phone" IS NOT NULL),
	CONSTRAINT "questions_email_needs_email" CHECK("questions"."answer_by" <> 'email' OR "questions"."email" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_reference_unique` ON `questions` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `questions_access_token_unique` ON `questions` (`access_token_hash`);--> statement-breakpoint
CREATE INDEX `questions_school_status_idx` ON `questions` (`school_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_contact_idx` ON `questions` (`contact_key`);--> statement-breakpoint
CREATE INDEX `questions_closed_idx` ON `questions` (`closed_at`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_unique` ON `recovery_codes` (`user_id`,`code_hash`);--> statement-breakpoint
CREATE TABLE `saved_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_replies_staff_idx` ON `saved_replies` (`staff_id`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`postcode` text NOT NULL,
	`town` text NOT NULL,
	`neighbourhood` text,
	`search_text` text NOT NULL,
	`default_language` text DEFAULT 'nl' NOT NULL,
	`languages` text NOT NULL,
	`kiosk_idle_seconds` integer DEFAULT 60 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "schools_slug_format" CHECK("schools"."slug" GLOB '[a-z0-9]*' AND "schools"."slug" NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "schools_idle" CHECK("schools"."kiosk_idle_seconds" BETWEEN 15 AND 600)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schools_slug_unique` ON `schools` (`slug`);--> statement-breakpoint
CREATE INDEX `schools_organisation_idx` ON `schools` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `schools_search_idx` ON `schools` (`search_text`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`second_factor_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`photo_url` text,
	`intro` text DEFAULT '{}' NOT NULL,
	`languages_spoken` text NOT NULL,
	`public_phone` text,
	`public_email` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_role" CHECK("staff"."role" IN ('wijkteammedewerker', 'schoolmaatschappelijk_werker', 'gedragscoach', 'jgz_verpleegkundige', 'orthopedagoog', 'wijkagent', 'jeugdconsulent', 'buurtwerker'))
);
--> statement-breakpoint
CREATE INDEX `staff_organisation_idx` ON `staff` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `staff_schools` (
	`staff_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`staff_id`, `school_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_schools_school_idx` ON `staff_schools` (`school_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`organisation_id` integer NOT NULL,
	`staff_id` integer,
	`role` text NOT NULL,
	`totp_secret` text,
	`totp_enabled_at` integer,
	`language` text DEFAULT 'nl' NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "users_role" CHECK("users"."role" IN ('staff', 'admin')),
	CONSTRAINT "users_language" CHECK("users"."language" IN ('nl', 'en')),
	CONSTRAINT "users_email_lower" CHECK("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_organisation_idx` ON `users` (`organisation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_staff_unique` ON `users` (`staff_id`);--> statement-breakpoint
CREATE TABLE `walk_in_tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`date` text NOT NULL,
	`number` integer NOT NULL,
	`queue_at` integer NOT NULL,
	`booking_id` integer,
	`first_name` text,
	`language` text NOT NULL,
	`interpreter` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`made_by` text NOT NULL,
	`called_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "walk_in_status" CHECK("walk_in_tickets"."status" IN ('waiting', 'called', 'done', 'no_show', 'cancelled')),
	CONSTRAINT "walk_in_date" CHECK(date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "walk_in_number" CHECK("walk_in_tickets"."number" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `walk_in_number_unique` ON `walk_in_tickets` (`school_id`,`staff_id`,`date`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `walk_in_booking_unique` ON `walk_in_tickets` (`booking_id`);--> statement-breakpoint
CREATE INDEX `walk_in_queue_idx` ON `walk_in_tickets` (`school_id`,`date`,`status`,`queue_at`);