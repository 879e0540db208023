/**
 * The agent's clock: wall clock at start + monotonic time elapsed since, so it never steps.
 *
 * Why: the server moves a station's times onto its own clock with the offset it measures from
 * hello/heartbeat `t` (docs/protocol.md, "Clocks"). If NTP steps the PC's clock by an hour while
 * events wait in the queue (offline), those events were stamped on the old clock but would be
 * moved with the new offset — an hour off. On this clock every `t` and `at` of one process are on
 * one scale; `clk` names that scale (one epoch per process start), and the server keeps an offset
 * per epoch, so a queued event — even one from an earlier run, its `clk` stored with it — is moved
 * with the offset of the clock it was taken on.
 *
 * Limit: where the monotonic timer stands still while the PC sleeps, this clock falls behind by
 * the sleep and events queued before it are moved by that much. Exam PCs do not sleep in a session.
 */
import { randomBytes } from 'node:crypto';

export interface AgentClock {
  /** the epoch id sent as `clk` (contract: 1–16 url-safe characters) */
  readonly clk: string;
  /** epoch ms on this clock (integer) */
  now(): number;
  /** a time just read from this PC's wall clock (e.g. the exam application's `Date.now()`) moved onto this clock */
  fromWall(wallMs: number): number;
}

export type ClockSources = {
  /** the PC's wall clock (default Date.now) */
  wall?: () => number;
  /** a monotonic ms counter (default performance.now) */
  mono?: () => number;
  clk?: string;
};

/** 12 random url-safe characters. */
export function newClockEpoch(): string {
  return randomBytes(9).toString('base64url');
}

export function stepFreeClock(src: ClockSources = {}): AgentClock {
  // Read through the functions at call time: tests (and fake timers) replace Date.now.
  const wall = src.wall ?? (() => Date.now());
  const mono = src.mono ?? (() => performance.now());
  const wall0 = wall();
  const mono0 = mono();
  const clk = src.clk ?? newClockEpoch();
  const now = () => Math.floor(wall0 + (mono() - mono0));
  // now() − wall() is how far the wall clock has stepped since start (0 without steps).
  return { clk, now, fromWall: (wallMs) => Math.round(wallMs + (now() - wall())) };
}

let processClock: AgentClock | null = null;

/** One clock per process: agents re-created in the same process (new token) keep the epoch. */
export function defaultClock(): AgentClock {
  return (processClock ??= stepFreeClock());
}
