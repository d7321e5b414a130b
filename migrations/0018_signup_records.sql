CREATE TABLE `signup_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`status` text NOT NULL,
	`people` integer NOT NULL,
	`language` text NOT NULL,
	`waiting` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `signup_records_meeting_idx` ON `signup_records` (`meeting_id`);--> statement-breakpoint
-- Hand-written: what the figures keep of a sign-up when it goes (an AVG erasure), as retention's
-- anonymising keeps it. Not when its meeting goes with it (then there is nothing to count it by).
CREATE TRIGGER `meeting_signups_kept` BEFORE DELETE ON `meeting_signups`
WHEN EXISTS (SELECT 1 FROM `meetings` WHERE `id` = OLD.`meeting_id`)
BEGIN
	INSERT INTO `signup_records` (`meeting_id`, `status`, `people`, `language`, `waiting`)
	VALUES (OLD.`meeting_id`, OLD.`status`, OLD.`people`, OLD.`language`, OLD.`waiting_since` IS NOT NULL);
END;
