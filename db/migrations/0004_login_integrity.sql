CREATE TABLE `login_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`decision` text NOT NULL,
	`login_at` integer NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	`by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `login_decisions_session` ON `login_decisions` (`session_id`,`at`);--> statement-breakpoint
ALTER TABLE `venues` ADD `unregistered_login` text DEFAULT 'refuse' NOT NULL;