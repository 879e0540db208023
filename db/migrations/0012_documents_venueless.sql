-- documents.venue_id becomes nullable (the monitoring and evaluation report covers many venues,
-- Perban BKN 4/2024 Pasal 16(4)–(5)); new columns scope_json (that report's scope and period),
-- xlsx and xlsx_sha256 (the spreadsheet issued with it). SQLite cannot drop a NOT NULL, so the
-- table is rebuilt with every row, its bytes and its ids as they are.
-- The migrator runs in one transaction with foreign keys on, where PRAGMA foreign_keys=OFF does
-- nothing; dropping the table would then break postponements.document_id and documents'
-- own supersedes_id. So the checks are deferred to the commit, the rows are kept aside in a plain
-- copy, the table is dropped and created again, and the rows are put back in id order: each row
-- put back satisfies again the references to it, and the commit checks that none is left broken.
PRAGMA defer_foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__old_documents` AS SELECT * FROM `documents`;--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`seq` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`supersedes_id` integer,
	`correction_reason` text,
	`venue_id` integer,
	`session_id` integer,
	`activity_id` integer,
	`scope_json` text,
	`issued_at` integer NOT NULL,
	`issued_by` integer NOT NULL,
	`signers_json` text NOT NULL,
	`content_hash` text NOT NULL,
	`sha256` text NOT NULL,
	`code` text NOT NULL,
	`pdf` blob NOT NULL,
	`html` text NOT NULL,
	`model_json` text NOT NULL,
	`xlsx` blob,
	`xlsx_sha256` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`supersedes_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `documents` (`id`, `kind`, `number`, `seq`, `year`, `version`, `supersedes_id`, `correction_reason`, `venue_id`, `session_id`, `activity_id`, `issued_at`, `issued_by`, `signers_json`, `content_hash`, `sha256`, `code`, `pdf`, `html`, `model_json`, `created_at`) SELECT `id`, `kind`, `number`, `seq`, `year`, `version`, `supersedes_id`, `correction_reason`, `venue_id`, `session_id`, `activity_id`, `issued_at`, `issued_by`, `signers_json`, `content_hash`, `sha256`, `code`, `pdf`, `html`, `model_json`, `created_at` FROM `__old_documents` ORDER BY `id`;--> statement-breakpoint
DROP TABLE `__old_documents`;--> statement-breakpoint
CREATE UNIQUE INDEX `documents_code_unique` ON `documents` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number_version` ON `documents` (`venue_id`,`year`,`kind`,`seq`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number_version_national` ON `documents` (`year`,`kind`,`seq`,`version`) WHERE "documents"."venue_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `documents_supersedes` ON `documents` (`supersedes_id`);--> statement-breakpoint
CREATE INDEX `documents_session` ON `documents` (`session_id`);--> statement-breakpoint
CREATE INDEX `documents_activity` ON `documents` (`activity_id`);--> statement-breakpoint
-- The drop took the append-only triggers of migration 0008 with it: the same again.
CREATE TRIGGER `documents_no_update` BEFORE UPDATE ON `documents` BEGIN SELECT RAISE(ABORT, 'documents is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `documents_no_delete` BEFORE DELETE ON `documents` BEGIN SELECT RAISE(ABORT, 'documents is append-only'); END;
