CREATE TABLE `participant_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` integer NOT NULL,
	`stream` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`agent_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`session_id` integer,
	`participant_id` integer,
	`type` text NOT NULL,
	`data_json` text NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_station_stream_seq` ON `participant_events` (`station_id`,`stream`,`seq`);--> statement-breakpoint
CREATE INDEX `events_session` ON `participant_events` (`session_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`nip` text NOT NULL,
	`name` text NOT NULL,
	`jabatan` text,
	`instansi` text,
	`nomor_peserta` text,
	`station_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_session_nip` ON `participants` (`session_id`,`nip`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`venue_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`rows` integer NOT NULL,
	`cols` integer NOT NULL,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_venue_code` ON `rooms` (`venue_id`,`code`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`state` text DEFAULT 'scheduled' NOT NULL,
	`scheduled_at` integer NOT NULL,
	`started_at` integer,
	`duration_min` integer DEFAULT 180 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_room` ON `sessions` (`room_id`);--> statement-breakpoint
CREATE TABLE `station_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` integer NOT NULL,
	`kind` text NOT NULL,
	`raised_at` integer NOT NULL,
	`acked_at` integer,
	`acked_by` text,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alerts_open` ON `station_alerts` (`station_id`) WHERE acked_at is null;--> statement-breakpoint
CREATE TABLE `station_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` integer NOT NULL,
	`at` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`reason` text NOT NULL,
	`value` real,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transitions_station_at` ON `station_transitions` (`station_id`,`at`);--> statement-breakpoint
CREATE TABLE `stations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`code` text NOT NULL,
	`row` integer NOT NULL,
	`col` integer NOT NULL,
	`spare` integer DEFAULT false NOT NULL,
	`token_hash` text,
	`facts_json` text,
	`facts_at` integer,
	`agent_version` text,
	`stream` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_kbps` real,
	`last_kbps_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stations_token_hash_unique` ON `stations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `stations_room_code` ON `stations` (`room_id`,`code`);--> statement-breakpoint
CREATE TABLE `telemetry_minutes` (
	`station_id` integer NOT NULL,
	`minute` integer NOT NULL,
	`n` integer NOT NULL,
	`rtt_avg` real,
	`rtt_max` real,
	`over_limit` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_station_minute` ON `telemetry_minutes` (`station_id`,`minute`);--> statement-breakpoint
CREATE INDEX `minutes_minute` ON `telemetry_minutes` (`minute`);--> statement-breakpoint
CREATE TABLE `telemetry_samples` (
	`station_id` integer NOT NULL,
	`at` integer NOT NULL,
	`rtt_ms` real,
	`jitter_ms` real
);
--> statement-breakpoint
CREATE INDEX `samples_station_at` ON `telemetry_samples` (`station_id`,`at`);--> statement-breakpoint
CREATE INDEX `samples_at` ON `telemetry_samples` (`at`);--> statement-breakpoint
CREATE TABLE `venues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'lainnya' NOT NULL,
	`address` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `venues_code_unique` ON `venues` (`code`);