/**
 * Payload schemas for everything a client sends. The server parses every inbound payload with
 * these before it touches any state (see server/sockets/validate.ts); agents and the web app use
 * the inferred types so that the three sides never re-declare a payload.
 *
 * Versioning: every station payload carries `v`. A server accepts the versions listed in
 * SUPPORTED_VERSIONS and answers anything else with UNSUPPORTED_VERSION.
 */
import { z } from 'zod';
import { INSTRUMENTS, PAYLOAD_LIMITS, PROTOCOL_VERSION } from '../limits.ts';


const version = z.literal(PROTOCOL_VERSION);
const shortText = z.string().trim().min(1).max(PAYLOAD_LIMITS.maxShortText);
const nullableNum = (min: number, max: number) => z.number().finite().min(min).max(max).nullable();
/** Epoch milliseconds. Bounded so a garbage clock cannot produce an absurd date. */
const epochMs = z.number().int().min(946684800000).max(4102444800000);
/** An 18-digit NIP (Nomor Induk Pegawai): digits only here; plausibility checks come with registration. */
export const nipSchema = z.string().regex(/^\d{18}$/, 'NIP must be 18 digits');
export const idSchema = z.number().int().positive().max(2 ** 31);

// ---------------------------------------------------------------- station → server

/** What the agent could read of the PC; null means "could not be read", never a guess. */
export const stationFactsSchema = z.strictObject({
  cpuModel: z.string().max(PAYLOAD_LIMITS.maxShortText).nullable(),
  cpuGhz: nullableNum(0, 20),
  cpuCores: z.number().int().min(1).max(1024).nullable(),
  memoryGb: nullableNum(0, 4096),
  diskGb: nullableNum(0, 1_000_000),
  screenWidth: z.number().int().min(1).max(20000).nullable(),
  screenHeight: z.number().int().min(1).max(20000).nullable(),
  webcam: z.boolean().nullable(),
  browserName: z.string().max(40).nullable(),
  browserVersion: z.string().max(40).nullable(),
  os: z.string().max(PAYLOAD_LIMITS.maxShortText).nullable(),
  networkType: z.enum(['wired', 'wireless']).nullable(),
  networkMbps: nullableNum(0, 1_000_000)
});
export type StationFacts = z.infer<typeof stationFactsSchema>;

/** A per-install stream id: a new agent install (empty queue) starts a new sequence. */
export const streamIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'stream must be 8–64 url-safe characters');

/**
 * A clock epoch: names one stretch of the agent's clock without steps (our agent: one per process
 * start, its clock derived from a monotonic timer). `t` and `at` carrying the same `clk` are on
 * the same clock, so the server moves an event onto its own clock with the offset it measured for
 * the event's epoch — not with the offset of the connection that happens to deliver it (a queued
 * event taken before the PC's clock was stepped keeps its true time). Optional: without it the
 * station's current offset applies.
 */
export const clockEpochSchema = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'clk must be 1–16 url-safe characters');

export const helloSchema = z.strictObject({
  v: version,
  /** agent clock at emit: the server estimates the station's clock offset from it */
  t: epochMs,
  /** the clock epoch `t` is on */
  clk: clockEpochSchema.optional(),
  agentVersion: z.string().max(40),
  stream: streamIdSchema,
  facts: stationFactsSchema
});
export type HelloPayload = z.infer<typeof helloSchema>;

export const heartbeatSchema = z.strictObject({
  v: version,
  /** agent clock when it emitted this heartbeat */
  t: epochMs,
  /** the clock epoch `t` is on */
  clk: clockEpochSchema.optional(),
  /** round-trip time of the previous acknowledged heartbeat, measured by the agent */
  rttMs: nullableNum(0, 600_000),
  /** mean absolute difference of consecutive round-trip times */
  jitterMs: nullableNum(0, 600_000)
});
export type HeartbeatPayload = z.infer<typeof heartbeatSchema>;

export const probeResultSchema = z.strictObject({
  v: version,
  id: z.string().max(40),
  kbps: z.number().finite().min(0).max(100_000_000),
  bytes: z.number().int().min(0).max(64 * 1024 * 1024),
  ms: z.number().finite().min(0).max(600_000)
});
export type ProbeResultPayload = z.infer<typeof probeResultSchema>;

const eventBase = { seq: z.number().int().min(1).max(2 ** 48), at: epochMs, clk: clockEpochSchema.optional() };

/** What the exam application tells the agent about its participant (issue: ProASN progress). */
export const participantEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...eventBase, type: z.literal('login'), nip: nipSchema, name: shortText.nullable().optional() }),
  z.strictObject({ ...eventBase, type: z.literal('instrument'), instrument: z.enum(INSTRUMENTS) }),
  z.strictObject({
    ...eventBase,
    type: z.literal('progress'),
    instrument: z.enum(INSTRUMENTS),
    /** percent of the current instrument done */
    percent: z.number().min(0).max(100)
  }),
  z.strictObject({ ...eventBase, type: z.literal('finished') }),
  z.strictObject({ ...eventBase, type: z.literal('questionnaire') }),
  z.strictObject({ ...eventBase, type: z.literal('logout') })
]);
export type ParticipantEvent = z.infer<typeof participantEventSchema>;
/** An event as the exam application hands it to the agent, before the agent numbers it. */
export type ParticipantEventInput = ParticipantEvent extends infer E
  ? E extends ParticipantEvent
    ? Omit<E, 'seq' | 'at'> & { at?: number }
    : never
  : never;

export const eventBatchSchema = z.strictObject({
  v: version,
  stream: streamIdSchema,
  events: z.array(participantEventSchema).min(1).max(PAYLOAD_LIMITS.maxEventsPerBatch)
});
export type EventBatchPayload = z.infer<typeof eventBatchSchema>;

/** The exam application relays the PIN a participant typed; `nip` is who is logging in, when known. */
export const pinVerifySchema = z.strictObject({
  v: version,
  // compared case-insensitively; anything longer than a PIN is simply wrong, but bounded
  pin: z.string().trim().min(1).max(32),
  nip: nipSchema.nullable().optional()
});
export type PinVerifyPayload = z.infer<typeof pinVerifySchema>;

export const commandAckSchema = z.strictObject({
  v: version,
  id: z.number().int().positive().max(2 ** 48),
  result: z.enum(['applied', 'refused']),
  /** why it was refused (e.g. another participant is logged in), for the proctor */
  message: z.string().max(PAYLOAD_LIMITS.maxShortText).optional()
});
export type CommandAckPayload = z.infer<typeof commandAckSchema>;

// ---------------------------------------------------------------- dashboard → server

export const roomRefSchema = z.strictObject({ roomId: idSchema });
export const stationRefSchema = z.strictObject({ stationId: idSchema });
