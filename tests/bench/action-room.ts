/**
 * The measured room of the action benchmark, inside the driver process so that every timestamp
 * (POST sent, command received at a station, patch received at the dashboard) comes from one
 * clock (performance.now()):
 *   - real StationAgent instances, one per station of the room, whose onCommand applies a command
 *     at once when it names the participant logged in there (as the exam application would);
 *   - a proctor (pengawas) signed in over HTTP, and a dashboard socket in the room that keeps every
 *     `room:changes` patch carrying a station's `pending` list.
 */
import { io, type Socket } from 'socket.io-client';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { simulatedFacts } from '../../agent/sim/profiles.ts';
import { stationRng } from '../../agent/sim/rng.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import type { SeededStation } from '../../demo/seed.ts';
import type { RoomSnapshot, StationPatch } from '../../protocol/index.ts';

export type Proctor = { cookie: string; csrf: string };

/** Signs in like the web app does: session cookie + the CSRF token every state-changing request echoes. */
export async function signIn(url: string, user: { nip: string; password: string }): Promise<Proctor> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (!res.ok) throw new Error(`login ${user.nip}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
}

export async function api<T>(url: string, who: Proctor, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000)
  });
  const json = (await res.json()) as T & { ok: boolean; message?: string };
  if (!res.ok || !json.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${json.message ?? ''}`);
  return json;
}

/** One dashboard patch that carried a station's pending list: when it arrived, its flush time, the ids in it. */
export type PendingSeen = { t: number; at: number; ids: number[] };

export class DashboardWatch {
  /** station id → every patch with a `pending` field, in arrival order */
  readonly pending = new Map<number, PendingSeen[]>();
  readonly loggedIn = new Set<number>();
  snapshot: RoomSnapshot | null = null;
  private constructor(private readonly socket: Socket) {}

  static async join(url: string, who: Proctor, roomId: number): Promise<DashboardWatch> {
    const socket = io(`${url}/dashboard`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000, extraHeaders: { cookie: who.cookie } });
    await new Promise<void>((ok, ko) => {
      socket.once('connect', () => ok());
      socket.once('connect_error', (e) => ko(e));
    });
    const w = new DashboardWatch(socket);
    socket.on('room:changes', (m: { roomId: number; at: number; patches: StationPatch[] }) => {
      if (m.roomId !== roomId) return;
      const t = performance.now();
      for (const p of m.patches) {
        if (p.participant !== undefined) {
          if (p.participant?.loggedIn) w.loggedIn.add(p.id);
          else w.loggedIn.delete(p.id);
        }
        if (!p.pending) continue;
        const list = w.pending.get(p.id) ?? [];
        list.push({ t, at: m.at, ids: p.pending.map((x) => x.id) });
        w.pending.set(p.id, list);
      }
    });
    const res = (await socket.timeout(30_000).emitWithAck('room:join', { roomId })) as { ok: boolean; snapshot?: RoomSnapshot; message?: string };
    if (!res.ok || !res.snapshot) throw new Error(`room:join ${roomId}: ${res.message}`);
    w.snapshot = res.snapshot;
    for (const st of res.snapshot.stations) if (st.participant?.loggedIn) w.loggedIn.add(st.id);
    return w;
  }

  /**
   * When the dashboard first showed action `id` acknowledged on `stationId`: the first patch, flushed
   * at or after the server's ackedAt, whose pending list no longer holds it. (A patch flushed
   * before the action was stored also lacks it; the flush time rules those out, whatever order
   * the sockets were read in.)
   */
  shownAcked(stationId: number, id: number, ackedAt: number): number | null {
    for (const p of this.pending.get(stationId) ?? []) if (p.at >= ackedAt && !p.ids.includes(id)) return p.t;
    return null;
  }

  close() {
    this.socket.close();
  }
}

export type RoomAgents = {
  agents: StationAgent[];
  /** action id → performance.now() when the station's onCommand got it */
  commandAt: Map<number, number>;
  refused: number;
  connected(): number;
  /** each seated participant logs in at their PC (a `login` participant event) */
  logInAll(): void;
  stop(): Promise<void>;
};

export function startRoomAgents(url: string, stations: SeededStation[], heartbeatMs: number): RoomAgents {
  const commandAt = new Map<number, number>();
  const timers: NodeJS.Timeout[] = [];
  const out: RoomAgents = {
    agents: [],
    commandAt,
    refused: 0,
    connected: () => out.agents.reduce((n, a) => n + (a.connected ? 1 : 0), 0),
    logInAll: () => {
      stations.forEach((s, i) => {
        if (s.participant) out.agents[i].report({ type: 'login', nip: s.participant.nip, name: s.participant.name, at: Date.now() });
      });
    },
    stop: async () => {
      timers.forEach(clearTimeout);
      await Promise.all(out.agents.map((a) => a.stop()));
    }
  };
  out.agents = stations.map((s, i) => {
    const facts = simulatedFacts(stationRng(7, i), false);
    return new StationAgent({
      serverUrl: url, token: s.token, agentVersion: 'action-bench', queue: new MemoryQueue(), facts: async () => facts, heartbeatMs,
      onCommand: (cmd) => {
        if (!commandAt.has(cmd.id)) commandAt.set(cmd.id, performance.now());
        if (cmd.nip !== s.participant?.nip) {
          out.refused++;
          return { result: 'refused', message: 'not the participant logged in here' };
        }
        return { result: 'applied' };
      }
    });
  });
  // spread the starts over one interval, as the load generators do
  out.agents.forEach((a, i) => timers.push(setTimeout(() => void a.start(), Math.floor((i * heartbeatMs) / out.agents.length))));
  return out;
}
