/**
 * StationAgent: the small library an exam application (or our CLI, or the simulator) embeds on a
 * station PC. It keeps one socket.io connection to the server's /station namespace and
 *   - says hello with the PC's facts (Lampiran II check) and replays unacknowledged events,
 *   - heartbeats every heartbeatMs with the RTT and jitter it measured itself,
 *   - forces a reconnect when 3 heartbeats in a row go unanswered (a silently cut network never
 *     closes the TCP connection; the server marks the station offline after 3 missed intervals,
 *     and the agent must come back on its own when the network returns),
 *   - numbers, persists and sends participant events exactly once and in order,
 *   - answers bandwidth probes,
 *   - asks the server whether a session PIN a participant typed is right (Pasal 14(1)i); offline it
 *     answers NOT_READY at once, so the exam application says "wait", never "wrong PIN",
 *   - hands proctor commands (pause, resume, add time, end) to its onCommand handler once per id
 *     and acknowledges them; repeats re-sent by the server after a hello get the remembered answer,
 *     and unconfirmed acknowledgements go again after the next hello (command-inbox.ts).
 *
 * Cost per agent: one socket and at most one timer at a time (the heartbeat interval while
 * connected, a reconnect timeout while waiting to reconnect), so 2,500 agents fit in a process.
 * PIN checks and command acks use socket.io ack timeouts, which socket.io clears on disconnect.
 */
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type HelloAck, type Ack, type AckError, type ParticipantEvent, type ParticipantEventInput, type PinVerifyAck, type StationClientEvents, type StationCommand, type StationFacts, type StationServerEvents } from '../protocol/index.ts';
import { pinVerifySchema } from '../protocol/schemas/index.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { defaultClock, type AgentClock } from './clock.ts';
import { CommandInbox, type CommandHandler, type CommandResult } from './command-inbox.ts';
import { EventFlusher } from './event-flusher.ts';
import type { EventQueue } from './event-queue.ts';
import type { FactsProvider } from './facts.ts';
import { LinkMonitor } from './link-monitor.ts';
import { httpProbe, MAX_PROBE_BYTES, type ProbeFn, type ProbeResult } from './probe.ts';

export const DEFAULT_HEARTBEAT_MS = 2000;
const HELLO_TIMEOUT_MS = 10_000;
/** a participant is waiting at the screen: answer "wait" rather than leave them staring */
const PIN_TIMEOUT_MS = 8_000;
const COMMAND_ACK_TIMEOUT_MS = 10_000;
/**
 * Every reconnect waits min(10 s, 500 ms × 2^attempt), spread over [½, 1] of that (backoff.ts):
 * a single blip is back within 250–500 ms, a long outage never retries in lock-step.
 */
const RECONNECT: BackoffOptions = { minMs: 500, maxMs: 10_000, randomization: 0.5 };

export type StationAgentOptions = {
  /** e.g. http://10.0.0.5:3000 — the agent connects to `${serverUrl}/station` */
  serverUrl: string;
  token: string;
  agentVersion: string;
  queue: EventQueue;
  facts: FactsProvider;
  /** used until the server's hello ack (or station:config) says otherwise; default 2000 */
  heartbeatMs?: number;
  /** maps each measured RTT before it is reported; the simulator adds simulated network latency */
  rttAdjust?: (measuredMs: number) => number;
  /** replaces the HTTP bandwidth probe; the simulator returns synthetic results */
  probe?: ProbeFn;
  /** randomness for reconnect jitter; the simulator passes a seeded generator */
  random?: () => number;
  /** reconnect backoff bounds (default 500 ms … 10 s); tests shrink them */
  reconnect?: { minMs?: number; maxMs?: number };
  /**
   * The step-free clock for hello/heartbeat `t`, event `at` and `clk` (clock.ts). Default: one per
   * process; the simulator gives each simulated PC its own, tests a fake wall clock.
   */
  clock?: AgentClock;
  /**
   * Applies a proctor's command and says whether it did. Called once per command id; the answer
   * is acknowledged to the server. Refusing is the handler's call (e.g. `cmd.nip` is not the
   * participant logged in here). A throw or rejection leaves the command unanswered: the server
   * re-sends it after the next hello. Without a handler every command is refused.
   */
  onCommand?: CommandHandler;
};

export type { CommandHandler, CommandResult } from './command-inbox.ts';

/** What the server said in its hello ack. */
export type ConnectedInfo = Omit<Extract<HelloAck, { ok: true }>, 'ok'>;

export type AgentStatus = {
  connected: boolean;
  stationId: number | null;
  code: string | null;
  roomId: number | null;
  stream: string;
  heartbeatMs: number;
  lastRtt: number | null;
  jitter: number | null;
  lastKbps: number | null;
  pending: number;
  lastSeq: number;
  acked: number;
};

export type StationAgentEvents = {
  connected: [info: ConnectedInfo];
  disconnected: [reason: string];
  /** 3 heartbeats went unanswered; a reconnect follows */
  watchdog: [missed: number];
  /** the next connection attempt is due in `delayMs` (attempt 0 = first after a success) */
  reconnecting: [delayMs: number, attempt: number];
  /** something worth a log line that the agent handles itself (never thrown) */
  warning: [message: string, detail?: unknown];
  /** a proctor's command was answered by onCommand (once per id; repeats are not reported) */
  command: [cmd: StationCommand, result: CommandResult];
};

type StationSocket = Socket<StationServerEvents, StationClientEvents>;

export class StationAgent extends EventEmitter<StationAgentEvents> {
  private socket: StationSocket | null = null;
  private facts: StationFacts | null = null;
  private ready = false;
  private stopped = true;
  /** bumped on every (dis)connection so late acks from an old connection are ignored */
  private connGen = 0;
  private hbMs: number;
  private hbTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private outageUntil = 0;
  private probeChain: Promise<unknown> = Promise.resolve();
  private readonly monitor = new LinkMonitor();
  private readonly flusher: EventFlusher;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  /** every time the agent sends or compares is on this clock: a stepped PC clock changes nothing */
  private readonly clock: AgentClock;
  private readonly inbox: CommandInbox;
  private info: ConnectedInfo | null = null;
  lastKbps: number | null = null;

  constructor(private readonly opts: StationAgentOptions) {
    super();
    this.hbMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.random = opts.random ?? Math.random;
    this.clock = opts.clock ?? defaultClock();
    this.backoff = new Backoff({ ...RECONNECT, ...opts.reconnect }, this.random);
    this.flusher = new EventFlusher(
      opts.queue,
      (batch, ack) => this.socket!.emit('station:events', batch, ack),
      () => this.canSend(),
      (m, d) => this.emit('warning', m, d),
      () => this.clock.now()
    );
    this.inbox = new CommandInbox({
      handler: opts.onCommand,
      sendAck: (p, done) => this.sendCommandAck(p, done),
      canSend: () => this.canSend(),
      warn: (m, d) => this.emit('warning', m, d),
      handled: (cmd, r) => this.emit('command', cmd, r)
    });
  }

  // ------------------------------------------------------------ public API

  get connected(): boolean {
    return this.ready;
  }
  get lastRtt(): number | null {
    return this.monitor.lastRtt;
  }
  get jitter(): number | null {
    return this.monitor.jitter;
  }
  get pendingCount(): number {
    return this.opts.queue.pendingCount;
  }
  get heartbeatMs(): number {
    return this.hbMs;
  }

  status(): AgentStatus {
    const q = this.opts.queue;
    return {
      connected: this.ready,
      stationId: this.info?.stationId ?? null,
      code: this.info?.code ?? null,
      roomId: this.info?.roomId ?? null,
      stream: q.stream,
      heartbeatMs: this.hbMs,
      lastRtt: this.monitor.lastRtt,
      jitter: this.monitor.jitter,
      lastKbps: this.lastKbps,
      pending: q.pendingCount,
      lastSeq: q.nextSeq - 1,
      acked: q.acked
    };
  }

  /** Reads the facts once, then connects. Resolves when connecting has begun (not when connected). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.facts = await this.opts.facts();
    if (this.stopped) return; // stop() raced the facts read
    const socket: StationSocket = io(this.opts.serverUrl.replace(/\/+$/, '') + '/station', {
      transports: ['websocket'],
      auth: { token: this.opts.token },
      // engine.io-client enables permessage-deflate by default; payloads are tiny, zlib contexts are not
      perMessageDeflate: false as unknown as { threshold: number },
      forceNew: true, // never share a manager: each simulated agent is its own PC with its own connection
      autoConnect: false,
      // socket.io's backoff caps after randomising, so long outages end in a herd (backoff.ts):
      // every reconnect is scheduled by scheduleReconnect() instead.
      reconnection: false,
      timeout: 10_000
    });
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err) => this.onConnectError(err));
    socket.on('station:config', (p) => this.setHeartbeat(p?.heartbeatMs));
    socket.on('station:probe', (p) => this.onProbeRequest(p));
    socket.on('station:command', (cmd) => {
      // During a simulated cable cut nothing reaches the PC; the server re-sends after the next hello.
      if (this.clock.now() < this.outageUntil) return;
      this.inbox.receive(cmd);
    });
    socket.connect();
  }

  /** Disconnects and clears every timer. The queue stays open: its owner closes it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.disconnect();
      socket.removeAllListeners();
    }
    this.ready = false;
  }

  /**
   * Numbers and persists an event from the exam application, then sends it if connected. Throws if
   * invalid. `at` defaults to now; one given is a time on this PC's wall clock (the exam
   * application's Date.now()) and is moved onto the agent's clock here, at receipt, so that it is
   * on the same clock as our `t`. The event keeps the `clk` of that clock, in the queue too.
   */
  report(event: ParticipantEventInput): ParticipantEvent {
    const { clock } = this;
    const at = event.at === undefined ? clock.now() : clock.fromWall(event.at);
    const ev = this.opts.queue.append({ ...event, at, clk: clock.clk });
    this.flusher.flush();
    return ev;
  }

  /**
   * Asks the server whether `pin` is the session PIN (Pasal 14(1)i); `nip` is who is logging in.
   * Never throws. `{ ok: true, valid, outcome, attemptsLeft, lockedUntil }` is the server's verdict;
   * NOT_READY means the station is offline or the server did not answer in time: tell the
   * participant to wait and try again, the PIN was not judged wrong. INVALID_PAYLOAD (empty or
   * longer than 32 characters, bad NIP) is decided here without asking the server.
   */
  async verifyPin(pin: string, nip?: string | null): Promise<PinVerifyAck> {
    const parsed = pinVerifySchema.safeParse({ v: PROTOCOL_VERSION, pin, ...(nip ? { nip } : {}) });
    if (!parsed.success) {
      return {
        ok: false,
        code: 'INVALID_PAYLOAD',
        message: 'the PIN or the NIP is not valid',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      };
    }
    const socket = this.socket;
    if (!socket || !this.canSend()) return notReady('the station is not connected to the server; wait and try again');
    const gen = this.connGen;
    return new Promise<PinVerifyAck>((resolve) => {
      socket.timeout(PIN_TIMEOUT_MS).emit('station:pin-verify', parsed.data, (err: Error | null, res: PinVerifyAck) => {
        if (err || gen !== this.connGen || !res) return resolve(notReady('the server did not answer; wait and try again'));
        resolve(res);
      });
    });
  }

  /** Ids of command acknowledgements the server has not confirmed yet (sent again after the next hello). */
  get unconfirmedCommandAcks(): number[] {
    return this.inbox.unconfirmedIds;
  }

  /** Measures download bandwidth now (does not report it; server-requested probes are reported). */
  probeBandwidth(bytes = 1_000_000): Promise<ProbeResult> {
    const run = () =>
      this.opts.probe
        ? this.opts.probe({ id: 'local', bytes })
        : httpProbe(this.opts.serverUrl, this.opts.token, bytes);
    const p = this.probeChain.then(run, run); // one probe at a time: parallel probes halve each other's result
    this.probeChain = p.catch(() => undefined);
    return p.then((r) => ((this.lastKbps = r.kbps), r));
  }

  /**
   * Simulator hook: behave as if the PC's network cable were pulled for `ms`. Nothing leaves the
   * PC, so the watchdog trips after 3 heartbeats and reconnecting is held off until the outage
   * ends, exactly the real path. Participant events keep being queued meanwhile.
   */
  simulateOutage(ms: number): void {
    this.outageUntil = this.clock.now() + ms;
  }

  // ------------------------------------------------------------ connection lifecycle

  private canSend(): boolean {
    return this.ready && !!this.socket && this.clock.now() >= this.outageUntil;
  }

  private onConnect(): void {
    const socket = this.socket;
    if (!socket) return;
    const gen = ++this.connGen;
    const { clk } = this.clock;
    const payload = { v: PROTOCOL_VERSION, t: this.clock.now(), clk, agentVersion: this.opts.agentVersion, stream: this.opts.queue.stream, facts: this.facts! };
    socket.timeout(HELLO_TIMEOUT_MS).emit('station:hello', payload, (err: Error | null, res: HelloAck) => {
      if (gen !== this.connGen || this.stopped) return;
      if (err) return this.forceReconnect('hello not acknowledged');
      if (!res.ok) {
        this.emit('warning', `hello rejected: ${res.code} ${res.message}`, res);
        return this.forceReconnect('hello rejected');
      }
      this.info = {
        stationId: res.stationId,
        code: res.code,
        roomId: res.roomId,
        heartbeatMs: res.heartbeatMs,
        lastApplied: res.lastApplied,
        serverTime: res.serverTime
      };
      // Drop what the server already applied; renumber if the two histories diverged.
      if (this.opts.queue.sync(res.lastApplied)) {
        this.emit('warning', 'server sequence differs from the local queue; pending events renumbered', res);
      }
      this.ready = true;
      this.backoff.reset();
      this.monitor.resetWatchdog();
      this.flusher.reset();
      this.setHeartbeat(res.heartbeatMs, true);
      this.emit('connected', { ...this.info, heartbeatMs: this.hbMs });
      this.flusher.flush(); // replay everything with seq > lastApplied
      this.inbox.resendUnconfirmed(); // command answers lost with the last connection
    });
  }

  private onDisconnect(reason: string): void {
    this.connGen++;
    const wasReady = this.ready;
    this.ready = false;
    this.stopHeartbeat();
    this.flusher.reset();
    if (wasReady) this.emit('disconnected', reason);
    // socket.io's reconnection is off: whatever the reason (transport close, ping timeout, a
    // server-side kick, our own forceReconnect), the next attempt is ours to schedule.
    if (!this.stopped) this.scheduleReconnect();
  }

  private onConnectError(err: Error): void {
    if (!this.socket || this.stopped) return;
    // socket.active is false when the server's middleware refused us (bad token); otherwise the
    // server was unreachable. Either way we keep trying, so a fixed token or a restarted server
    // is picked up without a restart.
    if (!this.socket.active) this.emit('warning', `connection refused: ${err.message}`);
    this.scheduleReconnect();
  }

  private forceReconnect(why: string): void {
    if (!this.socket || this.stopped) return;
    this.emit('warning', `reconnecting: ${why}`);
    this.socket.disconnect(); // fires onDisconnect('io client disconnect')
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopped) return;
    const attempt = this.backoff.attempts;
    const delay = Math.max(this.backoff.next(), this.outageUntil - this.clock.now());
    this.emit('reconnecting', delay, attempt);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped && this.socket && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  // ------------------------------------------------------------ heartbeat

  private setHeartbeat(ms: unknown, restart = false): void {
    const valid = typeof ms === 'number' && Number.isFinite(ms) && ms >= 100 && ms <= 600_000;
    if (valid && ms !== this.hbMs) {
      this.hbMs = ms;
      restart = true;
    }
    if (restart && this.ready) {
      this.stopHeartbeat();
      this.hbTimer = setInterval(() => this.tick(), this.hbMs);
      this.tick(); // first heartbeat now: the dashboard gets an RTT right after (re)connecting
    }
  }

  private stopHeartbeat(): void {
    if (this.hbTimer) clearInterval(this.hbTimer);
    this.hbTimer = null;
  }

  private clearTimers(): void {
    this.stopHeartbeat();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** The agent's only periodic work: heartbeat, watchdog, and retrying a stuck or rejected batch. */
  private tick(): void {
    const socket = this.socket;
    if (!this.ready || !socket) return;
    if (this.monitor.watchdogTripped) {
      this.emit('watchdog', this.monitor.unacked);
      return this.forceReconnect(`${this.monitor.unacked} heartbeats unanswered`);
    }
    const now = this.clock.now();
    this.monitor.sent();
    if (now < this.outageUntil) return; // simulated cut: the heartbeat never arrives
    this.flusher.flush(now);
    const gen = this.connGen;
    const sentAt = performance.now();
    socket.emit('station:heartbeat', this.monitor.payload(now, this.clock.clk), (res) => {
      if (gen !== this.connGen) return;
      const measured = performance.now() - sentAt;
      this.monitor.acked(this.opts.rttAdjust ? this.opts.rttAdjust(measured) : measured);
      if (!res.ok) this.emit('warning', `heartbeat rejected: ${res.code}`, res);
    });
  }

  // ------------------------------------------------------------ commands

  private sendCommandAck(p: Parameters<StationClientEvents['station:command-ack']>[0], done: (res: Ack | null) => void): void {
    const socket = this.socket;
    if (!socket) return done(null);
    const gen = this.connGen;
    socket.timeout(COMMAND_ACK_TIMEOUT_MS).emit('station:command-ack', p, (err: Error | null, res: Ack) => {
      done(err || gen !== this.connGen || !res ? null : res);
    });
  }

  // ------------------------------------------------------------ probe

  private onProbeRequest(p: { id: string; bytes: number }): void {
    if (!p || typeof p.id !== 'string') return;
    const bytes = Math.max(1, Math.min(MAX_PROBE_BYTES, Math.floor(Number(p.bytes) || 1_000_000)));
    const run = () =>
      this.opts.probe ? this.opts.probe({ id: p.id, bytes }) : httpProbe(this.opts.serverUrl, this.opts.token, bytes);
    const job = this.probeChain.then(run, run).then(
      (r) => {
        this.lastKbps = r.kbps;
        if (!this.canSend()) return;
        this.socket!.emit('station:probe-result', { v: PROTOCOL_VERSION, id: p.id, ...r }, (res) => {
          if (!res.ok) this.emit('warning', `probe result rejected: ${res.code}`, res);
        });
      },
      (err: unknown) => this.emit('warning', `probe ${p.id} failed: ${(err as Error)?.message ?? err}`)
    );
    this.probeChain = job;
  }
}

function notReady(message: string): AckError {
  return { ok: false, code: 'NOT_READY', message };
}
