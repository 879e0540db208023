/**
 * Participants imported once for a whole activity and spread over its sessions (Perban BKN 4/2024
 * Pasal 8(3): the activity plans its participants; Pasal 9: each is scheduled into a session).
 * Nobody is in two sessions of the same activity: someone already in one of them stays there (their
 * row is updated), and a new person goes to the earliest session with a free seat. Pure: the
 * sessions, their capacities and who is already where come in as data.
 */

export type SeatPool = {
  sessionId: number;
  /** seats the session plans for; null: no limit recorded */
  capacity: number | null;
  /** NIPs already in this session */
  taken: ReadonlySet<string>;
  /** false: the session takes no new people now (started, cancelled, or inside the lead time) */
  open: boolean;
};

export type Distribution =
  | { ok: true; placement: Map<string, number>; added: Map<number, number>; kept: number }
  /** more new people than free seats in the sessions open to them */
  | { ok: false; unplaced: number; free: number };

/** Place each NIP: where they already are, else the first open session (in the given order) with a free seat. */
export function distribute(nips: readonly string[], pools: readonly SeatPool[]): Distribution {
  const placement = new Map<string, number>();
  const added = new Map<number, number>();
  const free = new Map(pools.map((p) => [p.sessionId, p.capacity === null ? Infinity : Math.max(0, p.capacity - p.taken.size)]));
  let kept = 0;
  const fresh: string[] = [];
  for (const nip of nips) {
    const home = pools.find((p) => p.taken.has(nip));
    if (home) {
      placement.set(nip, home.sessionId);
      kept++;
    } else fresh.push(nip);
  }
  const openPools = pools.filter((p) => p.open);
  const totalFree = openPools.reduce((n, p) => n + free.get(p.sessionId)!, 0);
  if (fresh.length > totalFree) return { ok: false, unplaced: fresh.length - totalFree, free: totalFree };
  let i = 0;
  for (const nip of fresh) {
    while (free.get(openPools[i].sessionId)! <= 0) i++;
    const id = openPools[i].sessionId;
    placement.set(nip, id);
    free.set(id, free.get(id)! - 1);
    added.set(id, (added.get(id) ?? 0) + 1);
  }
  return { ok: true, placement, added, kept };
}
