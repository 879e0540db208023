CREATE TABLE `attendance` (
	`participant_id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`status` text NOT NULL,
	`arrived_at` integer,
	`id_card` integer DEFAULT false NOT NULL,
	`participant_card` integer DEFAULT false NOT NULL,
	`face_match` integer DEFAULT false NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`note` text,
	`recorded_at` integer NOT NULL,
	`recorded_by` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_session` ON `attendance` (`session_id`);--> statement-breakpoint
CREATE TABLE `incident_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`version` integer NOT NULL,
	`at` integer NOT NULL,
	`by` integer,
	`reason` text,
	`data_json` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_revisions_version` ON `incident_revisions` (`incident_id`,`version`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`category` text NOT NULL,
	`participant_id` integer,
	`station_id` integer,
	`occurred_at` integer NOT NULL,
	`description` text NOT NULL,
	`action_taken` text NOT NULL,
	`reporter_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_session` ON `incidents` (`session_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `participant_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`station_id` integer,
	`kind` text NOT NULL,
	`minutes` integer,
	`reason` text,
	`requested_at` integer NOT NULL,
	`requested_by` integer,
	`acked_at` integer,
	`result` text,
	`message` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_actions_session` ON `participant_actions` (`session_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `participant_actions_pending` ON `participant_actions` (`station_id`) WHERE acked_at is null;--> statement-breakpoint
CREATE TABLE `pin_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`pin_id` integer,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`nip` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pin_attempts_session` ON `pin_attempts` (`session_id`,`at`);--> statement-breakpoint
CREATE INDEX `pin_attempts_station` ON `pin_attempts` (`station_id`,`at`);--> statement-breakpoint
CREATE TABLE `pin_locks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`locked_at` integer NOT NULL,
	`until` integer NOT NULL,
	`unlocked_at` integer,
	`unlocked_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unlocked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pin_locks_station` ON `pin_locks` (`station_id`,`locked_at`);--> statement-breakpoint
CREATE TABLE `room_visitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`name` text NOT NULL,
	`affiliation` text NOT NULL,
	`purpose` text NOT NULL,
	`in_at` integer NOT NULL,
	`out_at` integer,
	`recorded_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `room_visitors_session` ON `room_visitors` (`session_id`);--> statement-breakpoint
CREATE TABLE `seat_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`from_station_id` integer,
	`to_station_id` integer NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	`by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `seat_moves_session` ON `seat_moves` (`session_id`,`at`);--> statement-breakpoint
CREATE TABLE `session_checklists` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`items_json` text NOT NULL,
	`counts_json` text NOT NULL,
	`conclusion` text,
	`recommendation` text DEFAULT '' NOT NULL,
	`signers_json` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`completed_at` integer,
	`completed_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `session_pins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`pin` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`lifetime_min` integer NOT NULL,
	`rotate_min` integer,
	`generation` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	`issued_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_pins_session` ON `session_pins` (`session_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `session_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`reason` text,
	`actor_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_transitions_session` ON `session_transitions` (`session_id`,`at`);--> statement-breakpoint
ALTER TABLE `participants` ADD `jenjang` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `unit_kerja` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `state_changed_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `finished_at` integer;