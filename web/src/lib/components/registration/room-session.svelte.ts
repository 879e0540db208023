/**
 * The room's current session, for the checklist and registration pages. Fetched over HTTP first
 * (that is all an agency operator gets: no room.view, no socket) and, for users with room.view,
 * kept live through a RoomView: its `room:session` pushes carry the summary and which topics
 * changed, so a second proctor's work appears here without a reload.
 */
import type { SessionSummary, SessionTopic } from '$protocol';
import { get } from '$lib/api.ts';
import { session as auth } from '$lib/auth/session.svelte.ts';
import { RoomView } from '$lib/room/room-view.svelte.ts';

export class RoomSession {
  readonly roomId: number;
  /** the live room; null without room.view */
  view = $state<RoomView | null>(null);
  loaded = $state(false);
  error = $state<unknown>(null);
  #fetched = $state<SessionSummary | null>(null);

  constructor(roomId: number) {
    this.roomId = roomId;
  }

  /** The freshest summary: the socket's once it has joined, else the HTTP answer. */
  get session(): SessionSummary | null {
    return this.view?.room ? this.view.session : this.#fetched;
  }

  /** Fetch and (with room.view) go live; returns the clean-up for an $effect. */
  start(): () => void {
    if (auth.can('room.view')) {
      const v = new RoomView(this.roomId);
      v.connect();
      this.view = v;
    }
    void this.refresh();
    return () => this.view?.destroy();
  }

  async refresh() {
    try {
      const r = await get<{ ok: true; session: SessionSummary | null }>(`/api/rooms/${this.roomId}/session`);
      this.#fetched = r.session;
      this.error = null;
    } catch (err) {
      this.error = err;
    } finally {
      this.loaded = true;
    }
  }

  /** A counter that moves whenever `topic` changed in this room (stays 0 without the live room). */
  topic(topic: SessionTopic): number {
    return this.view?.topics[topic] ?? 0;
  }
}
