/**
 * The edge: every inbound socket payload passes through `handler()` before any state is touched.
 * The handler is total — nothing a client sends can throw out of it:
 *  1. the payload must be a plain JSON value of sane size (`checkPlainJson`: no binary, no
 *     non-plain objects, bounded depth and width), else INVALID_PAYLOAD without schema parsing;
 *  2. a versioned payload's `v` is compared without coercion, else UNSUPPORTED_VERSION;
 *  3. zod parses it, else INVALID_PAYLOAD with at most 10 short issues (every error ack < 4 KB);
 *  4. the feature's function runs; a throw or a rejected promise answers INTERNAL.
 * Each refusal is counted and logged at most once a second per kind, with bounded fields, so a
 * misbehaving client can flood neither the log nor the wire. The process-wide handlers in
 * main.ts are only a last line of defence.
 */
import type { z } from 'zod';
import type { AckError, ErrorCode } from '../../protocol/index.ts';
import { SUPPORTED_VERSIONS } from '../../protocol/index.ts';
import type { Logger } from '../log.ts';
import { boundedIssues, checkPlainJson, kindOf } from './plain-json.ts';

export type EdgeStats = { invalid: number; unknownEvents: number; internal: number; lastLog: Map<string, number> };
export const newEdgeStats = (): EdgeStats => ({ invalid: 0, unknownEvents: 0, internal: 0, lastLog: new Map() });

export const fail = (code: ErrorCode, message: string, extra: Partial<AckError> = {}): AckError => ({ ok: false, code, message: message.slice(0, 300), ...extra });

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

/**
 * Wrap a handler: validates `payload` with `schema`, calls `fn`, sends its result (or the result
 * of the promise it returns) as the ack. `fn` returns the ack body ({ ok: true, ... } or fail(...)).
 */
export function handler<S extends z.ZodType, R>(
  ctx: { event: string; stats: EdgeStats; log: Logger; versioned?: boolean },
  schema: S,
  fn: (data: z.infer<S>) => R | Promise<R>
) {
  return (payload: unknown, ack?: unknown) => {
    const reply: AnyAck = (res) => {
      if (typeof ack !== 'function') return;
      try { (ack as AnyAck)(res); } catch (err) { ctx.log.error({ err, event: ctx.event }, 'ack failed'); }
    };
    const internal = (err: unknown) => {
      ctx.stats.internal++;
      logThrottled(ctx.stats, ctx.log, `internal:${ctx.event}`, { err, event: ctx.event }, 'handler failed');
      reply(fail('INTERNAL', 'the server could not process this request; nothing was stored'));
    };
    try {
      const plain = checkPlainJson(payload);
      if (!plain.ok) {
        ctx.stats.invalid++;
        const issues = [{ path: plain.path.slice(0, 100), message: `not accepted: ${plain.reason}` }];
        logThrottled(ctx.stats, ctx.log, `invalid:${ctx.event}`, { event: ctx.event, issues }, 'invalid payload rejected');
        reply(fail('INVALID_PAYLOAD', `invalid ${ctx.event} payload`, { issues }));
        return;
      }
      if (ctx.versioned) {
        const v = versionOf(payload);
        if (v !== undefined && !(SUPPORTED_VERSIONS as readonly unknown[]).includes(v)) {
          ctx.stats.invalid++;
          reply(fail('UNSUPPORTED_VERSION', `protocol version ${describeVersion(v)} is not supported; use ${SUPPORTED_VERSIONS.join(', ')}`));
          return;
        }
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        ctx.stats.invalid++;
        const issues = boundedIssues(parsed.error.issues);
        logThrottled(ctx.stats, ctx.log, `invalid:${ctx.event}`, { event: ctx.event, issues }, 'invalid payload rejected');
        reply(fail('INVALID_PAYLOAD', `invalid ${ctx.event} payload`, { issues }));
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

/** Any event name not in `known` is counted and answered with UNKNOWN_EVENT when it has an ack. */
export function rejectUnknown(known: readonly string[], stats: EdgeStats, log: Logger) {
  const set = new Set<unknown>(known);
  return (event: unknown, ...args: unknown[]) => {
    try {
      if (set.has(event)) return;
      stats.unknownEvents++;
      const name = safeName(event);
      logThrottled(stats, log, 'unknown', { event: name }, 'unknown event dropped');
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(fail('UNKNOWN_EVENT', `unknown event "${name}"`));
    } catch (err) {
      logThrottled(stats, log, 'unknown-failed', { err }, 'unknown event handling failed');
    }
  };
}
