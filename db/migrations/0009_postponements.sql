CREATE TABLE `postponement_followups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`postponement_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`done_at` integer,
	`done_by` integer,
	FOREIGN KEY (`postponement_id`) REFERENCES `postponements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `postponement_followups_position` ON `postponement_followups` (`postponement_id`,`position`);--> statement-breakpoint
CREATE TABLE `postponement_sessions` (
	`postponement_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	PRIMARY KEY(`postponement_id`, `session_id`),
	FOREIGN KEY (`postponement_id`) REFERENCES `postponements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postponement_sessions_session` ON `postponement_sessions` (`session_id`);--> statement-breakpoint
CREATE TABLE `postponements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`activity_id` integer,
	`scope` text NOT NULL,
	`category` text NOT NULL,
	`reason` text NOT NULL,
	`coordination_json` text NOT NULL,
	`signers_json` text NOT NULL,
	`document_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`resumed_at` integer,
	`resumed_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resumed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postponements_session` ON `postponements` (`session_id`);--> statement-breakpoint
CREATE INDEX `postponements_activity` ON `postponements` (`activity_id`);