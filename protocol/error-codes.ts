/**
 * The codes of every refusal (HTTP error bodies and socket error acks). A leaf of the contract:
 * the message catalog (protocol/messages/) words each one, so it must not import the catalog.
 */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNSUPPORTED_VERSION',
  'UNKNOWN_EVENT',
  'NOT_FOUND',
  'NOT_READY',
  'SEQ_GAP',
  'RATE_LIMITED',
  'INTERNAL',
  // accounts and access
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'LOCKED',
  'CSRF',
  'CONFLICT',
  'GONE',
  'PAYLOAD_TOO_LARGE',
  // session control
  'INVALID_STATE',
  // limits on what a station may send
  /** a station stored more participant events than a real exam produces (per minute, or per participant and session) */
  'QUOTA_EXCEEDED',
  /** a probe result for a probe the server did not ask this station for (or that expired) */
  'UNKNOWN_PROBE'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
