/**
 * A list a room's sub-page fetches for its session (its documents, its incidents): the rows, whether
 * they have come, and why the last fetch failed (the rows shown stay). Called from an `$effect` that
 * tracks what the list depends on (the session, a filter, a live counter) and returns `fetch`'s
 * cleanup, so an answer to a session or a filter no longer asked for is dropped.
 */
import { errorText } from '$lib/errors.ts';

export class SessionRows<T> {
  rows = $state<T[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  /** Another session: nothing of the last one is shown while the next loads. */
  clear() {
    this.rows = [];
    this.loaded = false;
  }

  fetch(request: () => Promise<T[]>): () => void {
    let stale = false;
    request().then(
      (rows) => {
        if (stale) return;
        this.rows = rows;
        this.loaded = true;
        this.error = null;
      },
      (err) => {
        if (!stale) this.error = errorText(err);
      }
    );
    return () => (stale = true);
  }
}
