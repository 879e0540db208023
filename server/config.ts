/** Server settings: defaults from the regulation, overridable per deployment. */
import { z } from 'zod';
import { LAMPIRAN_II, STATION_EVENT_BUDGET } from '../protocol/index.ts';

export const configSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  dbFile: z.string().default('data/cact.sqlite'),
  /** directory of the SvelteKit adapter-node build; the dashboard is not served when it is missing */
  webBuildDir: z.string().nullable().default('build'),
  heartbeatMs: z.number().int().min(200).max(60_000).default(2000),
  /** Offline after this many heartbeat intervals without a heartbeat. */
  offlineAfterBeats: z.number().int().min(2).max(20).default(3),
  /** Consecutive heartbeats over the latency limit before a station counts as degraded. */
  degradeAfter: z.number().int().min(1).max(20).default(2),
  maxLatencyMs: z.number().min(1).default(LAMPIRAN_II.maxLatencyMs),
  minBandwidthKbps: z.number().min(1).default(LAMPIRAN_II.minBandwidthKbps),
  /**
   * After a server restart, stations last known connected have this long to come back before they
   * count as offline: longer than the agents' longest reconnect delay (10 s) plus a hello, so a
   * restart is not reported as station failures.
   */
  restartGraceMs: z.number().int().min(0).max(600_000).default(20_000),
  /** what one station may store (STATION_EVENT_BUDGET explains the numbers); tests make it small */
  eventBudget: z.object({ perMinute: z.number().min(1), burst: z.number().int().min(1), perParticipantSession: z.number().int().min(1) })
    .default({ ...STATION_EVENT_BUDGET }),
  /** how often coalesced room deltas go out to dashboards */
  flushMs: z.number().int().min(20).max(5000).default(250),
  /** how often telemetry is written to the database */
  writeMs: z.number().int().min(100).max(60_000).default(1000),
  /** a logged-in participant with no progress for this long gets a "stalled" marker */
  stallMs: z.number().int().min(10_000).default(10 * 60_000),
  /** at most one session-PIN check per station in this time: a person types a PIN in seconds, a program hammering the agent's bridge is slowed down */
  pinCheckGapMs: z.number().int().min(0).max(60_000).default(1000),
  sampleRetentionMs: z.number().int().min(60_000).default(2 * 3600_000),
  minuteRetentionMs: z.number().int().min(3600_000).default(35 * 24 * 3600_000),
  /**
   * Demo mode: the demo accounts' NIPs and passwords, which the login page lists
   * (GET /api/auth/demo-accounts). Only the demo's wiring (demo/main.ts) sets them; empty, the
   * default and what production runs with, that route answers 404.
   */
  demoAccounts: z.array(z.object({ nip: z.string(), password: z.string() })).default([]),
  /** a signed-in session ends after this long without activity, and in any case after sessionMaxHours */
  sessionIdleMin: z.number().min(1).max(24 * 60).default(60),
  sessionMaxHours: z.number().min(1).max(72).default(12),
  /**
   * login attempts per client address per 10 minutes. A venue's staff often share one NAT
   * address, so this is sized for a shift starting at a large venue, not for one person.
   */
  loginPerAddress: z.number().int().min(5).max(100_000).default(100),
  /** failed passwords in a row before an account is locked, and for how long */
  lockoutAfter: z.number().int().min(3).max(50).default(10),
  lockoutMin: z.number().min(1).max(24 * 60).default(15),
  /** cookies with the Secure flag: 'auto' = when the request came over https (behind a proxy: set trustProxy) */
  secureCookies: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /** serve HTTPS directly with these PEM files (otherwise terminate TLS in a reverse proxy) */
  tlsCertFile: z.string().nullable().default(null),
  tlsKeyFile: z.string().nullable().default(null),
  /** express "trust proxy" setting, for the client address and protocol behind a reverse proxy */
  trustProxy: z.union([z.boolean(), z.number(), z.string()]).default(false),
  /** argon2id cost; tests lower it so a suite of logins stays fast */
  argon2: z.object({ memoryCost: z.number().int().min(1024), timeCost: z.number().int().min(1) }).default({ memoryCost: 19456, timeCost: 2 }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});
export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const loadConfig = (input: ConfigInput = {}): Config => configSchema.parse(input);
