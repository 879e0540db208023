/**
 * Station requirements from Perban BKN 4/2024 Lampiran II (Spesifikasi teknis komputer klien
 * dan jaringan). The numbers are the regulation's; the server may be configured to stricter ones.
 */
export const LAMPIRAN_II = {
  /** "Reply latency ke server ujian ≤ 300 ms dan stabil" */
  maxLatencyMs: 300,
  /** "Bandwidth minimal 500 Kbps per PC klien" */
  minBandwidthKbps: 500,
  minCpuGhz: 1.6,
  minMemoryGb: 4,
  minDiskGb: 120,
  minScreenWidth: 1920,
  minScreenHeight: 1080,
  /** Browsers accepted by Lampiran II: latest Chrome, Firefox, Edge, or the browser BKN provides. */
  browsers: ['chrome', 'chromium', 'firefox', 'edge', 'bkn'] as const
} as const;

/** ProASN: one measurement of at most 180 minutes (SE BKN 6/2026 §5.g). */
export const PROASN_DURATION_MIN = 180;

/**
 * The ProASN instruments, in the order a participant takes them (SE BKN 6/2026 §5.g.1):
 * (a) kompetensi manajerial & sosial kultural, (b) potensi, (c) literasi digital,
 * (d) preferensi karier: Tripatha Karier and Talent DNA. They form one inseparable unit.
 */
export const INSTRUMENTS = [
  'manajerial_sosiokultural',
  'potensi',
  'literasi_digital',
  'tripatha_karier',
  'talent_dna'
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Size limits for anything a client sends; enforced by the zod schemas and by socket.io's maxHttpBufferSize. */
export const PAYLOAD_LIMITS = {
  /** socket.io maxHttpBufferSize for a single packet */
  maxPacketBytes: 64 * 1024,
  maxEventsPerBatch: 100,
  maxShortText: 120
} as const;

/**
 * What one station may store (without a limit, one fuzzing station stored 48,000 well-formed events in five minutes).
 * A ProASN participant answers a few hundred items in 180 minutes (SE BKN 6/2026 §5.g): with a
 * progress event per answer and the instrument, login and finish events, a whole session is well
 * under 2,000 events. The budget leaves room to spare:
 *  - `perMinute` events a minute sustained (one every 0.2 s), with a `burst` of stored-up events
 *    (an agent that was offline for hours sends its queue at once);
 *  - `perParticipantSession` events for one participant in one session (before a login: for the
 *    station in that session).
 * Beyond it a batch is refused whole with QUOTA_EXCEEDED and `retryAfterSec`; nothing of it is
 * stored, the agent keeps it, and the proctor sees a "flood" marker on the tile.
 */
export const STATION_EVENT_BUDGET = { perMinute: 300, burst: 1200, perParticipantSession: 5000 } as const;

/** Account passwords (docs/security.md): long enough to resist guessing, short enough to type. */
export const PASSWORD_LIMITS = { min: 10, max: 200 } as const;

/** Station protocol version: every station payload carries `v`; the server accepts SUPPORTED_VERSIONS. */
export const PROTOCOL_VERSION = 1 as const;
export const SUPPORTED_VERSIONS = [1] as const;

export const PASSWORD_MIN = PASSWORD_LIMITS.min;
export const PASSWORD_MAX = PASSWORD_LIMITS.max;

/** Enrollment code lifetime: long enough to walk a room, short enough not to linger. */
export const ENROLLMENT_TTL_MIN = { default: 24 * 60, max: 7 * 24 * 60 };

/** Codes are 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
