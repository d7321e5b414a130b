DROP INDEX `schools_search_idx`;--> statement-breakpoint
CREATE INDEX `schools_search_idx` ON `schools` (`name`,`search_text`,`slug`,`town`);