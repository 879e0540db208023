/**
 * The edge: every inbound socket payload passes through `handler()` before any state is touched.
 * A bad payload gets an error ack with the zod issues (or, without an ack callback, is dropped),
 * is counted, and is logged at most once a second per kind — a misbehaving client cannot flood
 * the log. A handler that throws answers INTERNAL; the process never crashes on input.
 */
import type { z } from 'zod';
import type { AckError, ErrorCode } from '../protocol/index.ts';
import { SUPPORTED_VERSIONS } from '../protocol/index.ts';
import type { Logger } from '../log.ts';

export type EdgeStats = { invalid: number; unknownEvents: number; internal: number; lastLog: Map<string, number> };
export const newEdgeStats = (): EdgeStats => ({ invalid: 0, unknownEvents: 0, internal: 0, lastLog: new Map() });

export const fail = (code: ErrorCode, message: string, extra: Partial<AckError> = {}): AckError => ({ ok: false, code, message, ...extra });

export function logThrottled(stats: EdgeStats, log: Logger, key: string, obj: object, msg: string) {
  const now = Date.now();
  if ((stats.lastLog.get(key) ?? 0) > now - 1000) return;
  stats.lastLog.set(key, now);
  log.warn(obj, msg);
}

type AnyAck = (res: unknown) => void;

/**
 * Wrap a handler: validates `payload` with `schema`, calls `fn`, sends its result as the ack.
 * `fn` returns the ack body ({ ok: true, ... } or fail(...)).
 */
export function handler<S extends z.ZodType, R>(
  ctx: { event: string; stats: EdgeStats; log: Logger; versioned?: boolean },
  schema: S,
  fn: (data: z.infer<S>) => R
) {
  return (payload: unknown, ack?: unknown) => {
    const reply: AnyAck = typeof ack === 'function' ? (ack as AnyAck) : () => {};
    if (ctx.versioned && payload && typeof payload === 'object' && 'v' in payload && !(SUPPORTED_VERSIONS as readonly unknown[]).includes((payload as { v: unknown }).v)) {
      ctx.stats.invalid++;
      reply(fail('UNSUPPORTED_VERSION', `protocol version ${String((payload as { v: unknown }).v)} is not supported; use ${SUPPORTED_VERSIONS.join(', ')}`));
      return;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      ctx.stats.invalid++;
      const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
      logThrottled(ctx.stats, ctx.log, `invalid:${ctx.event}`, { event: ctx.event, issues }, 'invalid payload rejected');
      reply(fail('INVALID_PAYLOAD', `invalid ${ctx.event} payload`, { issues }));
      return;
    }
    try {
      reply(fn(parsed.data));
    } catch (err) {
      ctx.stats.internal++;
      ctx.log.error({ err, event: ctx.event }, 'handler failed');
      reply(fail('INTERNAL', 'the server could not process this request; nothing was stored'));
    }
  };
}

/** Any event name not in `known` is counted and answered with UNKNOWN_EVENT when it has an ack. */
export function rejectUnknown(known: readonly string[], stats: EdgeStats, log: Logger) {
  const set = new Set(known);
  return (event: string, ...args: unknown[]) => {
    if (set.has(event)) return;
    stats.unknownEvents++;
    logThrottled(stats, log, 'unknown', { event: String(event).slice(0, 60) }, 'unknown event dropped');
    const ack = args[args.length - 1];
    if (typeof ack === 'function') ack(fail('UNKNOWN_EVENT', `unknown event "${String(event).slice(0, 60)}"`));
  };
}
