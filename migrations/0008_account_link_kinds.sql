-- An old 'reset' link of an account with an enrolled app came from "forgot password"; one without, from a coordinator.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_account_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "account_tokens_purpose" CHECK("__new_account_tokens"."purpose" IN ('invite', 'account_reset', 'password_reset'))
);
--> statement-breakpoint
INSERT INTO `__new_account_tokens`("token_hash", "user_id", "purpose", "expires_at", "used_at", "created_at") SELECT "token_hash", "user_id", CASE WHEN "purpose" <> 'reset' THEN "purpose" WHEN EXISTS (SELECT 1 FROM `users` WHERE `users`.`id` = `account_tokens`.`user_id` AND `users`.`totp_enabled_at` IS NOT NULL) THEN 'password_reset' ELSE 'account_reset' END, "expires_at", "used_at", "created_at" FROM `account_tokens`;--> statement-breakpoint
DROP TABLE `account_tokens`;--> statement-breakpoint
ALTER TABLE `__new_account_tokens` RENAME TO `account_tokens`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`);