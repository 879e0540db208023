CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`seq` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`supersedes_id` integer,
	`correction_reason` text,
	`venue_id` integer NOT NULL,
	`session_id` integer,
	`activity_id` integer,
	`issued_at` integer NOT NULL,
	`issued_by` integer NOT NULL,
	`signers_json` text NOT NULL,
	`content_hash` text NOT NULL,
	`sha256` text NOT NULL,
	`code` text NOT NULL,
	`pdf` blob NOT NULL,
	`html` text NOT NULL,
	`model_json` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`supersedes_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_code_unique` ON `documents` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number_version` ON `documents` (`venue_id`,`year`,`kind`,`seq`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_supersedes` ON `documents` (`supersedes_id`);--> statement-breakpoint
CREATE INDEX `documents_session` ON `documents` (`session_id`);--> statement-breakpoint
CREATE INDEX `documents_activity` ON `documents` (`activity_id`);--> statement-breakpoint
-- An issued document never changes (a correction is a new row). Someone with the file can drop
-- these triggers; the stored hashes (npm run documents:verify) show what was changed then.
CREATE TRIGGER `documents_no_update` BEFORE UPDATE ON `documents` BEGIN SELECT RAISE(ABORT, 'documents is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `documents_no_delete` BEFORE DELETE ON `documents` BEGIN SELECT RAISE(ABORT, 'documents is append-only'); END;
