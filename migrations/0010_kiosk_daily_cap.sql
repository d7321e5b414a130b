ALTER TABLE `bookings` ADD `kiosk_device_id` integer REFERENCES kiosk_devices(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `bookings_kiosk_device_idx` ON `bookings` (`kiosk_device_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `schools` ADD `kiosk_daily_bookings` integer DEFAULT 20 NOT NULL;