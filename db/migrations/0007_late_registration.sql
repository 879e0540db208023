ALTER TABLE `sessions` ADD `late_registration_reason` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `late_registration_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sessions` ADD `late_registration_at` integer;