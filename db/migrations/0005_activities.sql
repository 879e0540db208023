CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purpose` text NOT NULL,
	`agency` text NOT NULL,
	`venue_id` integer NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	`method` text DEFAULT 'CACT' NOT NULL,
	`planned_participants` integer DEFAULT 0 NOT NULL,
	`job_levels_json` text DEFAULT '[]' NOT NULL,
	`units` text,
	`facilities` text,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_venue_dates` ON `activities` (`venue_id`,`date_from`);--> statement-breakpoint
CREATE INDEX `activities_agency` ON `activities` (`agency`);--> statement-breakpoint
CREATE TABLE `activity_assignments` (
	`activity_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`team_role` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`assigned_by` integer,
	PRIMARY KEY(`activity_id`, `user_id`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_assignments_user` ON `activity_assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `days_off` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`venue_id` integer,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `days_off_date` ON `days_off` (`date`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `activity_id` integer REFERENCES activities(id);--> statement-breakpoint
CREATE INDEX `sessions_activity` ON `sessions` (`activity_id`);--> statement-breakpoint
ALTER TABLE `venues` ADD `time_zone` text DEFAULT 'Asia/Jakarta' NOT NULL;