/**
 * Exactly-once, in-order application of a station's participant events.
 * Each agent install numbers its events 1, 2, 3 … within a `stream` (a random id kept with its
 * durable queue). The server remembers, per station, the stream and the highest sequence applied:
 *  - seq ≤ last applied → a replay of something already stored: skipped, acknowledged;
 *  - seq = last + 1     → applied;
 *  - seq > last + 1     → a gap (an event was lost in between): nothing after the gap is applied,
 *                         the agent is told which sequence to resend from.
 * A new stream (the agent's queue was wiped, or a new PC took the seat) starts again at 0.
 */
export type SeqPosition = { stream: string | null; lastSeq: number };
export type Plan<E> = { apply: E[]; skipped: number; gapAt: number | null; newLast: number };

export function planBatch<E extends { seq: number }>(pos: SeqPosition, stream: string, events: E[]): Plan<E> {
  let last = pos.stream === stream ? pos.lastSeq : 0;
  const apply: E[] = [];
  let skipped = 0;
  for (const ev of events) {
    if (ev.seq <= last) {
      skipped++;
      continue;
    }
    if (ev.seq !== last + 1) return { apply, skipped, gapAt: last + 1, newLast: last };
    apply.push(ev);
    last = ev.seq;
  }
  return { apply, skipped, gapAt: null, newLast: last };
}
