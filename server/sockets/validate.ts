/**
 * The edge: every inbound socket payload passes through it before any state is touched. Handlers
 * are registered with `socketEdge(socket, SCHEMAS, …)` → `on(event, fn)`, which binds each one to
 * its event: the schema comes from the namespace's map (protocol/schemas/socket-maps.ts), `fn`
 * gets that event's parsed payload and must return that event's ack (protocol/events.ts), and an
 * event name the map does not know does not compile. What a client sends is then handled totally —
 * nothing can throw out of it:
 *  1. the payload must be a plain JSON value of sane size (`checkPlainJson`: no binary, no
 *     non-plain objects, bounded depth and width), else INVALID_PAYLOAD without schema parsing;
 *  2. a versioned payload's `v` is compared without coercion, else UNSUPPORTED_VERSION;
 *  3. zod parses it, else INVALID_PAYLOAD with at most 10 short issues (every error ack < 4 KB);
 *  4. the feature's function runs; a throw or a rejected promise answers INTERNAL.
 * Each refusal is counted and logged at most once a second per kind, with bounded fields, so a
 * misbehaving client can flood neither the log nor the wire. The process-wide handlers in
 * main.ts are only a last line of defence.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AckError, ErrorCode, EventAck, EventPayload } from '../../protocol/index.ts';
import type { SocketSchemaMap } from '../../protocol/schemas/index.ts';
import { SUPPORTED_VERSIONS } from '../../protocol/index.ts';
import { issueAt, msg, refusalWords, type Msg } from '../../protocol/messages/index.ts';
import type { Logger } from '../log.ts';
import { boundedIssues, checkPlainJson, kindOf } from './plain-json.ts';

export type EdgeStats = { invalid: number; unknownEvents: number; internal: number; lastLog: Map<string, number> };
export const newEdgeStats = (): EdgeStats => ({ invalid: 0, unknownEvents: 0, internal: 0, lastLog: new Map() });

/**
 * An error ack: the code, and the catalog's words for `m` (or for the code) in English and Bahasa
 * Indonesia with its `messageCode` and `params` (protocol/messages/).
 */
export const fail = (code: ErrorCode, m?: Msg | null, extra: Pick<AckError, 'issues' | 'retryAfterSec' | 'expected'> = {}): AckError => {
  const words = refusalWords(code, m);
  return { ok: false, code, ...words, message: words.message.slice(0, 300), pesan: words.pesan.slice(0, 300), ...extra };
};

export function logThrottled(stats: EdgeStats, log: Logger, key: string, obj: object, msg: string) {
  const now = Date.now();
  if ((stats.lastLog.get(key) ?? 0) > now - 1000) return;
  if (stats.lastLog.size > 1000) stats.lastLog.clear(); // keys are event names, but stay bounded whatever comes
  stats.lastLog.set(key, now);
  log.warn(obj, msg);
}

type AnyAck = (res: unknown) => void;

/** A printable, bounded name for anything a client sent as an event name. */
export const safeName = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 60) : `<${kindOf(v)}>`);

/** The payload's `v`, read without coercion; `undefined` when there is none. */
function versionOf(payload: unknown): unknown {
  if (kindOf(payload) !== 'object') return undefined;
  const d = Object.getOwnPropertyDescriptor(payload as object, 'v');
  return d && 'value' in d ? d.value : undefined;
}

const describeVersion = (v: unknown) => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? String(v).slice(0, 20) : kindOf(v));

/** What a handler of event `K` of the map `E` is: parsed payload in, that event's ack out. */
export type EventHandler<E, K extends keyof E> = (payload: EventPayload<E, K>) => EventAck<E, K> | Promise<EventAck<E, K>>;
/**
 * The handlers of every event of `E`. `On` takes `EventHandlers<E>[K]` rather than
 * `EventHandler<E, K>`: looked up in a concrete map, the ack type reaches the handler's body
 * while `K` is being inferred, so `{ ok: true, … }` keeps its literal `true` without `as const`.
 */
export type EventHandlers<E> = { [K in keyof E]: EventHandler<E, K> };

/** Registers the handler of one event of the socket's namespace; see `socketEdge`. */
export type On<E> = <K extends keyof E & string>(event: K, fn: EventHandlers<E>[K]) => void;

type EdgeOptions = { stats: EdgeStats; log: Logger; versioned?: boolean };

/**
 * The inbound edge of one socket: every event not in `schemas` is counted and answered with
 * UNKNOWN_EVENT (when it has an ack); the returned `on` registers the handler of a known event.
 * `versioned`: the namespace's payloads carry `v` (the station namespace). Only the socket's
 * inbound events matter here, not what it emits or keeps in `socket.data`.
 */
export function socketEdge<E extends { [K in keyof E]: (payload: never, ack: never) => void }>(
  socket: Socket<E, any, any, any>,
  schemas: SocketSchemaMap<E>,
  opts: EdgeOptions
): On<E> {
  // socket.io's own `on` is typed per event; the listener below takes anything a client sends
  const raw = socket as unknown as { on(event: string, listener: (payload: unknown, ack?: unknown) => void): void; onAny(listener: (event: unknown, ...args: unknown[]) => void): void };
  raw.onAny(rejectUnknown(knownEvents(schemas), opts.stats, opts.log));
  return (event, fn) => {
    const schema: z.ZodType = schemas[event];
    raw.on(event, guarded({ ...opts, event }, schema, fn as (data: unknown) => unknown));
  };
}

/**
 * Wraps a handler: validates `payload` with `schema`, calls `fn`, sends its result (or the result
 * of the promise it returns) as the ack. `fn` returns the ack body ({ ok: true, ... } or fail(...)).
 */
function guarded(
  ctx: EdgeOptions & { event: string },
  schema: z.ZodType,
  fn: (data: unknown) => unknown
) {
  return (payload: unknown, ack?: unknown) => {
    const reply: AnyAck = (res) => {
      if (typeof ack !== 'function') return;
      try { (ack as AnyAck)(res); } catch (err) { ctx.log.error({ err, event: ctx.event }, 'ack failed'); }
    };
    const internal = (err: unknown) => {
      ctx.stats.internal++;
      logThrottled(ctx.stats, ctx.log, `internal:${ctx.event}`, { err, event: ctx.event }, 'handler failed');
      reply(fail('INTERNAL'));
    };
    try {
      const plain = checkPlainJson(payload);
      if (!plain.ok) {
        ctx.stats.invalid++;
        const issues = [issueAt(plain.path.slice(0, 100), msg('payload.notPlain', { reason: plain.reason }))];
        logThrottled(ctx.stats, ctx.log, `invalid:${ctx.event}`, { event: ctx.event, issues }, 'invalid payload rejected');
        reply(fail('INVALID_PAYLOAD', msg('payload.invalid', { event: ctx.event }), { issues }));
        return;
      }
      if (ctx.versioned) {
        const v = versionOf(payload);
        if (v !== undefined && !(SUPPORTED_VERSIONS as readonly unknown[]).includes(v)) {
          ctx.stats.invalid++;
          reply(fail('UNSUPPORTED_VERSION', msg('version.unsupported', { version: describeVersion(v), supported: SUPPORTED_VERSIONS })));
          return;
        }
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        ctx.stats.invalid++;
        const issues = boundedIssues(parsed.error.issues);
        logThrottled(ctx.stats, ctx.log, `invalid:${ctx.event}`, { event: ctx.event, issues }, 'invalid payload rejected');
        reply(fail('INVALID_PAYLOAD', msg('payload.invalid', { event: ctx.event }), { issues }));
        return;
      }
      const out = fn(parsed.data);
      if (out instanceof Promise) out.then(reply, internal);
      else reply(out);
    } catch (err) {
      internal(err);
    }
  };
}

/** The event names of a namespace's map, read once per map (not per connecting socket). */
const knownByMap = new WeakMap<object, ReadonlySet<unknown>>();
function knownEvents(schemas: object): ReadonlySet<unknown> {
  let set = knownByMap.get(schemas);
  if (!set) knownByMap.set(schemas, (set = new Set<unknown>(Object.keys(schemas))));
  return set;
}

/** Any event name not in `known` is counted and answered with UNKNOWN_EVENT when it has an ack. */
function rejectUnknown(set: ReadonlySet<unknown>, stats: EdgeStats, log: Logger) {
  return (event: unknown, ...args: unknown[]) => {
    try {
      if (set.has(event)) return;
      stats.unknownEvents++;
      const name = safeName(event);
      logThrottled(stats, log, 'unknown', { event: name }, 'unknown event dropped');
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(fail('UNKNOWN_EVENT', msg('event.unknown', { name })));
    } catch (err) {
      logThrottled(stats, log, 'unknown-failed', { err }, 'unknown event handling failed');
    }
  };
}
