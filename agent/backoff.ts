/**
 * Exponential backoff with randomisation, the same shape socket.io's Manager uses
 * (delay × factor^attempt, spread by ±randomizationFactor, capped). We need our own for the
 * reconnects socket.io does not schedule itself: after the heartbeat watchdog forces a
 * disconnect, and after a connect_error raised by the server's auth middleware.
 * The jitter matters: a room of 40 PCs behind one switch that comes back at once must not
 * reconnect in lock-step.
 */
export type BackoffOptions = {
  minMs: number;
  maxMs: number;
  /** growth per attempt; socket.io uses 2 */
  factor?: number;
  /** 0..1: the delay is spread uniformly over base × [1 − r, 1 + r] */
  randomization?: number;
};

/** Delay for the given attempt (0-based). `rand` returns [0, 1); injectable for tests and the seeded simulator. */
export function backoffDelay(attempt: number, opts: BackoffOptions, rand: () => number = Math.random): number {
  const factor = opts.factor ?? 2;
  const r = Math.min(1, Math.max(0, opts.randomization ?? 0.5));
  const base = Math.min(opts.maxMs, opts.minMs * Math.pow(factor, Math.max(0, attempt)));
  const spread = base * (1 - r + 2 * r * rand());
  return Math.round(Math.min(opts.maxMs, Math.max(0, spread)));
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
