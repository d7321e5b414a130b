CREATE TABLE `meeting_schools` (
	`meeting_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `school_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_schools_school_idx` ON `meeting_schools` (`school_id`,`meeting_id`);--> statement-breakpoint
-- Hand-written: every meeting so far is for its own school.
INSERT INTO `meeting_schools` (`meeting_id`, `school_id`) SELECT `id`, `school_id` FROM `meetings`;
--> statement-breakpoint
-- Hand-written: a meeting is always for its own school, however it is written (the workspace,
-- the demo data, a test), so its own school's page never misses it.
CREATE TRIGGER `meetings_own_school` AFTER INSERT ON `meetings` BEGIN
	INSERT OR IGNORE INTO `meeting_schools` (`meeting_id`, `school_id`) VALUES (NEW.`id`, NEW.`school_id`);
END;
