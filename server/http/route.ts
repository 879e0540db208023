/**
 * Registering a route of the table (protocol/routes.ts): its method and path, the route's own
 * access checks (middleware, in order: capability, the session or room it names, …), then its
 * input parsed with the route's schemas (protocol/schemas/routes.ts) — each path parameter, the
 * query, the body; the first that fails answers 400 INVALID_PAYLOAD with its issues (bounded,
 * errors.ts) — and last the handler, whose value is the answer. It must be the route's answer
 * type (or a failure, or SENT for a route that writes a file itself): a wrong shape does not
 * compile. A failure is answered by sendError, with the status of its code.
 *
 *   route(r, ROUTES.visitorIn, withSession(deps, 'visitor.record'))(({ body }, _req, res) => visitorIn(deps, …, body));
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { API_BASE, type AnswerOf, type AnyRoute, type ErrorOf, type ParamsOf, type RawAnswer } from '../../protocol/routes.ts';
import { ROUTE_SCHEMAS, type RouteSchemas } from '../../protocol/schemas/index.ts';
import type { AckError, ErrorCode } from '../../protocol/index.ts';
import { parseOr400, sendError } from './errors.ts';
import type { Msg } from '../../protocol/messages/index.ts';

/** A handler that wrote its answer itself (a file, a byte stream) returns this. */
export const SENT: unique symbol = Symbol('sent');

type Schemas<R extends AnyRoute> = (typeof ROUTE_SCHEMAS)[R['key']];

/** The query after parsing (defaults applied, numbers coerced); undefined when the route reads none. */
export type ParsedQuery<R extends AnyRoute> = Schemas<R> extends { query: infer S extends z.ZodType } ? z.output<S> : undefined;
/** The body after parsing; a raw body (a file) as it came; undefined when the route reads none. */
export type ParsedBody<R extends AnyRoute> = Schemas<R> extends { body: infer S extends z.ZodType } ? z.output<S> : R extends { method: 'GET' } ? undefined : unknown;

export type RouteInput<R extends AnyRoute> = { params: ParamsOf<R>; query: ParsedQuery<R>; body: ParsedBody<R> };

/** A failure as a handler returns it: the route's error body, whose texts default to the code's (errors.ts). */
export type Failure<R extends AnyRoute> = ErrorOf<R> extends infer E ? (E extends { message: string } ? Omit<E, 'message'> & { message?: string } : E) : never;

export type Reply<R extends AnyRoute> = (AnswerOf<R> extends RawAnswer<string> ? typeof SENT : AnswerOf<R>) | Failure<R>;

export type RouteHandler<R extends AnyRoute> = (input: RouteInput<R>, req: Request, res: Response) => Reply<R> | Promise<Reply<R>>;

/**
 * A failure: the code, and in `detail` the catalog message that words it (`wireMsg(msg(…))`,
 * protocol/messages/) and the fields at fault. No texts: sendError words it from the catalog.
 */
export const reject = (code: ErrorCode, detail: Omit<Partial<AckError>, 'ok' | 'code' | 'message' | 'pesan'> = {}) => ({ ok: false as const, code, ...detail });

/**
 * `route(router, ROUTES.x, guards)(handler)`: two calls, so that the route is fixed before the
 * handler is checked against it (in one generic call TypeScript would widen the handler's
 * `ok: true` to boolean while it still infers the route).
 */
export const route = <R extends AnyRoute>(router: Router, def: R, guards: RequestHandler | RequestHandler[]) => (handler: RouteHandler<R>): void => {
  const schemas = ROUTE_SCHEMAS[def.key] as RouteSchemas<AnyRoute> & {
    params?: Record<string, z.ZodType>; query?: z.ZodType; body?: z.ZodType; bodyMayBeAbsent?: true; invalid?: Msg;
  };
  const path = def.path.slice(API_BASE.length);
  const method = def.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

  const parse = (res: Response, schema: z.ZodType, input: unknown): { ok: true; value: unknown } | null => {
    if (!schemas.invalid) {
      const v = parseOr400(res, schema, input);
      return v === null ? null : { ok: true, value: v };
    }
    const r = schema.safeParse(input);
    if (r.success) return { ok: true, value: r.data };
    sendError(res, 'INVALID_PAYLOAD', { msg: schemas.invalid });
    return null;
  };

  const run: RequestHandler = async (req, res) => {
    const params: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(schemas.params ?? {})) {
      const v = parse(res, schema, req.params[name]);
      if (!v) return;
      params[name] = v.value;
    }
    let query: unknown;
    if (schemas.query) {
      const v = parse(res, schemas.query, req.query);
      if (!v) return;
      query = v.value;
    }
    let body: unknown = req.body;
    if (schemas.body) {
      const v = parse(res, schemas.body, schemas.bodyMayBeAbsent ? (req.body ?? {}) : req.body);
      if (!v) return;
      body = v.value;
    }
    const out: unknown = await handler({ params, query, body } as RouteInput<R>, req, res);
    if (out === SENT) return;
    if ((out as { ok?: unknown }).ok === false) {
      const { ok: _ok, code, ...detail } = out as AckError;
      return sendError(res, code, detail);
    }
    res.status(def.status).json(out);
  };

  router[method](path, ...[guards].flat(), run);
};
