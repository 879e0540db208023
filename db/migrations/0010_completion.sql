ALTER TABLE `participants` ADD `non_completion_reason` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `non_completion_note` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `non_completion_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `participants` ADD `non_completion_at` integer;