/**
 * Exponential backoff with the jitter applied AFTER the cap ("equal jitter" by default):
 *   base  = min(maxMs, minMs × factor^attempt)
 *   delay = uniform over base × [1 − r, 1]
 * so even at the cap every retry waits a different time (default r = 0.5: 5–10 s at a 10 s cap).
 *
 * Why not socket.io's own backoff: it randomises base × factor^attempt first and caps afterwards,
 * so once the uncapped value passes the cap every retry is exactly maxMs (our previous version,
 * clamping after spreading, put half of them there). Stations that an outage knocked into step
 * then stay in step for as long as it lasts, and all hit the server in the same instant when it
 * returns (an outside test: 43 of 60 stations within 0.3 s). The agent therefore turns
 * socket.io's reconnection off and schedules every reconnect with this (station-agent.ts).
 */
export type BackoffOptions = {
  minMs: number;
  maxMs: number;
  /** growth per attempt; default 2 */
  factor?: number;
  /** 0..1: the delay is spread uniformly over base × [1 − r, 1]; default 0.5 (1 = "full jitter") */
  randomization?: number;
};

/** Past this the base is at the cap for any sane options; also keeps factor^attempt finite. */
const MAX_EXPONENT = 64;

/** Delay for the given attempt (0-based). `rand` returns [0, 1); injectable for tests and the seeded simulator. */
export function backoffDelay(attempt: number, opts: BackoffOptions, rand: () => number = Math.random): number {
  const factor = opts.factor ?? 2;
  const r = Math.min(1, Math.max(0, opts.randomization ?? 0.5));
  const exp = Math.min(MAX_EXPONENT, Math.max(0, attempt));
  const base = Math.max(0, Math.min(opts.maxMs, opts.minMs * Math.pow(factor, exp)));
  // Spread after capping: the cap can no longer collapse the spread into one value.
  return Math.round(base * (1 - r * rand()));
}

/** Stateful wrapper: next() grows the delay, reset() after a successful connection. */
export class Backoff {
  attempts = 0;
  constructor(
    private readonly opts: BackoffOptions,
    private readonly rand: () => number = Math.random
  ) {}
  next(): number {
    return backoffDelay(this.attempts++, this.opts, this.rand);
  }
  reset(): void {
    this.attempts = 0;
  }
}
