import { describe, expect, it } from 'vitest';
import { planBatch } from '../../server/domain/sequencing.ts';

const evs = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('exactly-once, in-order event application', () => {
  it('applies the next sequence numbers', () => {
    expect(planBatch({ stream: 's', lastSeq: 2 }, 's', evs(3, 4))).toEqual({ apply: evs(3, 4), skipped: 0, gapAt: null, newLast: 4 });
  });
  it('skips what was applied before (a replay after reconnect)', () => {
    expect(planBatch({ stream: 's', lastSeq: 4 }, 's', evs(3, 4, 5))).toEqual({ apply: evs(5), skipped: 2, gapAt: null, newLast: 5 });
  });
  it('stops at a gap and asks for the missing one', () => {
    expect(planBatch({ stream: 's', lastSeq: 1 }, 's', evs(2, 4, 5))).toEqual({ apply: evs(2), skipped: 0, gapAt: 3, newLast: 2 });
  });
  it('starts a new stream from 1', () => {
    expect(planBatch({ stream: 'old', lastSeq: 90 }, 'new', evs(1, 2))).toMatchObject({ apply: evs(1, 2), newLast: 2 });
    expect(planBatch({ stream: null, lastSeq: 0 }, 'new', evs(2))).toMatchObject({ apply: [], gapAt: 1 });
  });
});
