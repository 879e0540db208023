/**
 * The one fetch helper of the dashboard: JSON in and out, the session's CSRF token on every
 * state-changing request, error bodies turned into a typed ApiError, and a 401 (not signed in,
 * or the session ended) sent to the login page. Which routes there are, what each takes and
 * answers: the route table (protocol/routes.ts); `api(ROUTES.x, …)` is typed by it.
 */
import type { AckError, ErrorCode, RoomListResponse } from '$protocol';
import {
  ROUTES, routePath, type AnswerOf, type AnyRoute, type BodyOf, type ParamsOf, type PathParamNames, type QueryOf, type RawAnswer, type RouteKey, type Routes
} from '$protocol/routes.ts';
import type { Issue } from '$protocol/messages/index.ts';
import { loginUrl } from './auth/redirect.ts';

/** A field at fault: path, English message, and the shared catalog's code and params (protocol/messages/). */
export type { Issue };

/** A failed API call: the server's code and texts, or NETWORK when no answer came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly pesan: string | null = null,
    readonly issues: Issue[] = [],
    readonly retryAfterSec: number | null = null,
    /** the whole error answer, for routes that say more (the import's errors by row and field) */
    readonly body: unknown = null
  ) {
    super(message);
  }

  /** The first issue whose path is `field` (or starts with `field.`), for showing next to it. */
  issueFor(field: string): Issue | undefined {
    return this.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`));
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;
let onAnswer: (() => void) | null = null;

/** The session store hands over its token here (api.ts must not import the store: it uses us). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** Called after every answer from the server (the session's idle clock moved). */
export function onServerAnswer(fn: (() => void) | null) {
  onAnswer = fn;
}

export type ApiOptions = {
  /** a 401 throws instead of leaving for the login page (the login form itself, the logout) */
  allow401?: boolean;
  fetchFn?: typeof fetch;
  signal?: AbortSignal;
  /** the page asks by itself (a refresh every few seconds): not the user's activity, the session may still idle out */
  background?: boolean;
};

/** A route that answers JSON (not a file). */
export type JsonRoute = { [K in RouteKey]: AnswerOf<Routes[K]> extends RawAnswer<string> ? never : Routes[K] }[RouteKey];

type ParamsPart<R extends AnyRoute> = [PathParamNames<R['path']>] extends [never] ? { params?: undefined } : { params: ParamsOf<R> };
type QueryPart<R extends AnyRoute> = QueryOf<R> extends undefined ? { query?: undefined } : {} extends QueryOf<R> ? { query?: QueryOf<R> } : { query: QueryOf<R> };
type BodyPart<R extends AnyRoute> = BodyOf<R> extends undefined ? { body?: undefined } : {} extends BodyOf<R> ? { body?: BodyOf<R> } : { body: BodyOf<R> };
/** What a call of `route` takes: its path parameters, query and body as the route table says, and the options. */
export type CallInput<R extends AnyRoute> = ParamsPart<R> & QueryPart<R> & BodyPart<R> & ApiOptions;

/**
 * Calls a route of the table (protocol/routes.ts) and resolves with its answer:
 * `api(ROUTES.checkIn, { params: { id, pid }, body })`. A failure throws an ApiError.
 * A query value left undefined is not sent; a POST without a body sends {}.
 */
export function api<R extends JsonRoute>(route: R, ...[input]: {} extends CallInput<R> ? [CallInput<R>?] : [CallInput<R>]): Promise<AnswerOf<R>> {
  const { params, query, body, ...opts } = (input ?? {}) as { params?: ParamsOf<R>; query?: Record<string, unknown>; body?: unknown } & ApiOptions;
  let path = routePath(route, (params ?? {}) as ParamsOf<R>);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
  if (q.size) path += `?${q}`;
  return request<AnswerOf<R>>(route.method, path, { ...opts, body: body === undefined && route.method === 'POST' ? {} : body });
}

async function request<T>(method: string, path: string, opts: ApiOptions & { body?: unknown }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = opts.body instanceof Blob;
  if (opts.body !== undefined) headers['content-type'] = raw ? (opts.body as Blob).type || 'application/octet-stream' : 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.background) headers['x-cact-background'] = '1';
  let res: Response;
  try {
    res = await (opts.fetchFn ?? fetch)(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : raw ? (opts.body as Blob) : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message ?? 'network error');
  }
  const body = (await res.json().catch(() => null)) as (AckError & Record<string, unknown>) | null;
  // a background refresh did not extend the session: the idle warning must not think so
  if (!opts.background) onAnswer?.();
  if (res.ok) return body as T;
  if (res.status === 401 && body?.code === 'UNAUTHORIZED' && !opts.allow401 && typeof location !== 'undefined') {
    location.assign(loginUrl(location.pathname + location.search));
    // the page is going away: never settle, so nothing renders an error meanwhile
    return new Promise<T>(() => {});
  }
  throw new ApiError(
    res.status,
    body?.code ?? 'INTERNAL',
    body?.message ?? `HTTP ${res.status}`,
    body?.pesan ?? null,
    body?.issues ?? [],
    body?.retryAfterSec ?? null,
    body
  );
}

/** The room list; `background`: a refresh the page makes by itself. */
export function fetchRooms(fetchFn: typeof fetch = fetch, background = false): Promise<RoomListResponse> {
  return api(ROUTES.rooms, { fetchFn, background });
}
