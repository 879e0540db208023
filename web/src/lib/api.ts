/**
 * The one fetch helper of the dashboard: JSON in and out, the session's CSRF token on every
 * state-changing request, error bodies turned into a typed ApiError, and a 401 (not signed in,
 * or the session ended) sent to the login page. Response shapes come from the shared contract.
 */
import type { AckError, ErrorCode, RoomListResponse } from '$protocol';
import { loginUrl } from './auth/redirect.ts';

export type Issue = { path: string; message: string };

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
  body?: unknown;
  /** a 401 throws instead of leaving for the login page (the login form itself, the logout) */
  allow401?: boolean;
  fetchFn?: typeof fetch;
  signal?: AbortSignal;
  /** the page asks by itself (a refresh every few seconds): not the user's activity, the session may still idle out */
  background?: boolean;
};

export async function api<T>(method: string, path: string, opts: ApiOptions = {}): Promise<T> {
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

export const get = <T>(path: string, opts?: ApiOptions) => api<T>('GET', path, opts);
export const post = <T>(path: string, body: unknown = {}, opts?: ApiOptions) => api<T>('POST', path, { ...opts, body });
export const patch = <T>(path: string, body: unknown, opts?: ApiOptions) => api<T>('PATCH', path, { ...opts, body });
export const put = <T>(path: string, body: unknown, opts?: ApiOptions) => api<T>('PUT', path, { ...opts, body });
/** Send a file as the raw request body (the participant import); its type decides how it is read. */
export const upload = <T>(path: string, file: Blob, opts?: ApiOptions) => api<T>('POST', path, { ...opts, body: file });

export function fetchRooms(fetchFn: typeof fetch = fetch, background = false): Promise<RoomListResponse> {
  return get<RoomListResponse>('/api/rooms', { fetchFn, background });
}
