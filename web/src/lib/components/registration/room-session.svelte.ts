/**
 * The room's current session, for the checklist, registration and incidents pages. Fetched over
 * HTTP first (that is all an agency operator gets: no room.view, no socket) and, for users with
 * room.view, kept live through a RoomView: its `room:session` pushes carry the summary and which
 * topics changed, so a second proctor's work appears here without a reload.
 *
 * A page opened with `?session=ID` shows that session of the room instead (its history): live while it is the room's current one, else as the history lists it. Without a
 * current session the page still knows the room's latest sessions, to point at their records.
 */
import { untrack } from 'svelte';
import { page } from '$app/state';
import type { SessionHistoryEntry, SessionSummary, SessionTopic } from '$protocol';
import { isReadOnlyState } from '$protocol/session-history.ts';
import { api } from '$lib/api.ts';
import { ROUTES } from '$protocol/routes.ts';
import { session as auth } from '$lib/auth/session.svelte.ts';
import { RoomView } from '$lib/room/room-view.svelte.ts';
import { chosenSessionId, fetchHistory } from '$lib/components/history/session-choice.ts';

/** What the session pages read of a session, from the live summary or from the history. */
export type SessionHeader = SessionSummary | SessionHistoryEntry;

/** how many of the latest sessions a page without a current session offers */
const LATEST = 5;

export class RoomSession {
  readonly roomId: number;
  /** the session asked for with ?session=ID; null: the room's current one */
  readonly chosenId: number | null;
  /** the live room; null without room.view */
  view = $state<RoomView | null>(null);
  loaded = $state(false);
  error = $state<unknown>(null);
  /** the chosen session as the history has it, or (nothing chosen) the latest sessions; null until fetched */
  history = $state<SessionHistoryEntry[] | null>(null);
  /** how many sessions the room has had */
  historyTotal = $state(0);
  #fetched = $state<SessionSummary | null>(null);

  constructor(roomId: number, chosenId: number | null = null) {
    this.roomId = roomId;
    this.chosenId = chosenId;
  }

  /** The room's current session: the socket's once it has joined, else the HTTP answer. */
  get current(): SessionSummary | null {
    return this.view?.room ? this.view.session : this.#fetched;
  }

  /** The session the page shows: the chosen one (live while it is current), else the current one. */
  get session(): SessionHeader | null {
    const cur = this.current;
    if (this.chosenId === null || cur?.id === this.chosenId) return cur;
    return this.history?.find((s) => s.id === this.chosenId) ?? null;
  }

  /** a chosen session that is not one of this room's */
  get missing(): boolean {
    return this.chosenId !== null && this.loaded && this.history !== null && this.session === null;
  }

  /** finalised: a closed record, shown without edit controls */
  get readOnly(): boolean {
    return isReadOnlyState(this.session?.state);
  }

  /** the page shows a session other than the room's current one */
  get fromHistory(): boolean {
    const s = this.session;
    return s !== null && s.id !== this.current?.id;
  }

  /** the room's latest sessions other than the current one (known when nothing was chosen) */
  get others(): SessionHistoryEntry[] {
    const cur = this.current?.id;
    return (this.history ?? []).filter((s) => s.id !== cur);
  }

  /** Fetch and (with room.view) go live; returns the clean-up for an $effect. */
  start(): () => void {
    if (auth.can('room.view')) {
      const v = new RoomView(this.roomId);
      v.connect();
      this.view = v;
    }
    void this.refresh();
    // when the room's current session changes (finalised, the next one prepared), what the
    // history says about the sessions changed with it
    let seen: number | null | undefined;
    $effect(() => {
      const id = this.loaded ? (this.current?.id ?? null) : undefined;
      if (id === undefined) return;
      if (seen !== undefined && seen !== id) untrack(() => void this.refreshHistory());
      seen = id;
    });
    return () => this.view?.destroy();
  }

  async refresh() {
    try {
      const [r] = await Promise.all([
        api(ROUTES.roomSession, { params: { id: this.roomId } }),
        this.refreshHistory(true)
      ]);
      this.#fetched = r.session;
      this.error = null;
    } catch (err) {
      this.error = err;
    } finally {
      this.loaded = true;
    }
  }

  async refreshHistory(rethrow = false) {
    try {
      const h = await fetchHistory(this.roomId, this.chosenId === null ? { limit: LATEST } : { session: this.chosenId });
      this.history = h.sessions;
      this.historyTotal = h.total;
    } catch (err) {
      if (rethrow) throw err;
    }
  }

  /** A counter that moves whenever `topic` changed in this room (stays 0 without the live room). */
  topic(topic: SessionTopic): number {
    return this.view?.topics[topic] ?? 0;
  }
}

/**
 * The RoomSession of a session page, for the room and the session (?session=ID) in the page's
 * address: made anew when either changes — `onswitch` then drops what the page showed of the
 * previous one — and ended with the page. Call while the page's component is being set up.
 */
export function pageRoomSession(onswitch: () => void = () => {}): { readonly live: RoomSession | null } {
  const roomId = $derived(Number(page.params.id));
  const chosen = $derived(chosenSessionId(page.url));
  let live = $state<RoomSession | null>(null);
  $effect(() => {
    const id = roomId;
    const sid = chosen;
    if (!Number.isInteger(id) || id <= 0) return;
    const rs = new RoomSession(id, sid);
    live = rs;
    untrack(onswitch);
    return rs.start();
  });
  return {
    get live() {
      return live;
    }
  };
}
