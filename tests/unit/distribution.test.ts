import { describe, expect, it } from 'vitest';
import { distribute, type SeatPool } from '../../server/domain/distribution.ts';

const pool = (sessionId: number, capacity: number | null, taken: string[] = [], open = true): SeatPool => ({ sessionId, capacity, taken: new Set(taken), open });

describe('spreading an activity\'s participants over its sessions', () => {
  it('fills the earliest session first, then the next', () => {
    const r = distribute(['a', 'b', 'c', 'd', 'e'], [pool(1, 2), pool(2, 2), pool(3, 5)]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.placement]).toEqual([['a', 1], ['b', 1], ['c', 2], ['d', 2], ['e', 3]]);
    expect([...r.added]).toEqual([[1, 2], [2, 2], [3, 1]]);
    expect(r.kept).toBe(0);
  });

  it('keeps someone where they already are, and counts the seats they hold', () => {
    const r = distribute(['x', 'y', 'z'], [pool(1, 2, ['a', 'y']), pool(2, 2, ['x'])]);
    expect(r.ok && [...r.placement]).toEqual([['x', 2], ['y', 1], ['z', 2]]);
    expect(r.ok && r.kept).toBe(2);
  });

  it('never puts a new person in a closed session, but leaves those already there in it', () => {
    const r = distribute(['old', 'new'], [pool(1, 10, ['old'], false), pool(2, 1)]);
    expect(r.ok && [...r.placement]).toEqual([['old', 1], ['new', 2]]);
  });

  it('refuses the whole file when the new people outnumber the free seats, saying by how many', () => {
    expect(distribute(['a', 'b', 'c'], [pool(1, 1), pool(2, 3, ['p', 'q'])])).toEqual({ ok: false, unplaced: 1, free: 2 });
    expect(distribute(['a'], [pool(1, 5, [], false)])).toEqual({ ok: false, unplaced: 1, free: 0 });
    expect(distribute(['a'], [])).toEqual({ ok: false, unplaced: 1, free: 0 });
  });

  it('takes a session over its capacity as full, and one without a recorded capacity as unlimited', () => {
    expect(distribute(['a'], [pool(1, 1, ['p', 'q']), pool(2, null)])).toMatchObject({ ok: true, placement: new Map([['a', 2]]) });
  });
});
