/**
 * The one typed dashboard socket (modelled on immich web/src/lib/stores/websocket.ts): created
 * lazily in the browser on first use, shared by every page, reconnecting on its own.
 */
import { io, type Socket } from 'socket.io-client';
import type { AckError, DashboardClientEvents, DashboardServerEvents, ErrorCode, SessionEndReason } from '$protocol';
import { loginUrl } from '$lib/auth/redirect.ts';
import { liveStatus } from './status.svelte.ts';

export type DashboardSocket = Socket<DashboardServerEvents, DashboardClientEvents>;

let socket: DashboardSocket | null = null;

export function getSocket(): DashboardSocket {
  if (typeof window === 'undefined') throw new Error('the dashboard socket exists only in the browser');
  if (socket) return socket;
  // Same origin: express serves the app, the API and socket.io on one port.
  socket = io('/dashboard', { transports: ['websocket'], reconnectionDelayMax: 5000 });
  socket.on('connect', () => {
    liveStatus.connected = true;
    liveStatus.settled = true;
    liveStatus.since = Date.now();
  });
  socket.on('disconnect', () => {
    liveStatus.connected = false;
  });
  socket.on('connect_error', (err) => {
    liveStatus.connected = false;
    liveStatus.settled = true;
    // the handshake checks the session cookie: without a live session, sign in again
    if (err.message === 'UNAUTHORIZED') sessionEnded(null);
  });
  socket.on('session:ended', ({ reason }) => sessionEnded(reason));
  return socket;
}

/**
 * The server ended this browser's session (or changed what it may see). 'changed': roles or
 * scope changed, so the page loads again under the new ones; anything else: back to /login,
 * which says why, and returns here afterwards.
 */
function sessionEnded(reason: SessionEndReason | null) {
  socket?.disconnect();
  if (reason === 'changed') return location.reload();
  location.assign(loginUrl(location.pathname + location.search, reason ?? undefined));
}

/** Close the socket on purpose (signing out): no reconnect until `connect()` is called again. */
export function closeSocket() {
  socket?.disconnect();
}

/** The client-side failures a request can end in, on top of the server's ErrorCode. */
export type RequestErrorCode = ErrorCode | 'TIMEOUT' | 'DISCONNECTED';

export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    /** the server's error ack, whose `messageCode` and `params` the dashboard words (errors.ts) */
    readonly detail: AckError | null = null
  ) {
    super(message);
  }
}

type EventName = keyof DashboardClientEvents;
type PayloadOf<E extends EventName> = Parameters<DashboardClientEvents[E]>[0];
type AckOf<E extends EventName> = Parameters<Parameters<DashboardClientEvents[E]>[1]>[0];
/** The ok branch of the ack, i.e. what `request` resolves with. */
export type OkOf<E extends EventName> = Extract<AckOf<E>, { ok: true }>;

/**
 * Emit `event` and resolve with the ack when it is ok; reject with a RequestError carrying the
 * server's code otherwise, or TIMEOUT when nothing came back in time.
 */
export function request<E extends EventName>(event: E, payload: PayloadOf<E>, timeoutMs = 8000): Promise<OkOf<E>> {
  const s = getSocket();
  if (!s.connected) return Promise.reject(new RequestError('DISCONNECTED', 'socket not connected'));
  return new Promise((resolve, reject) => {
    // socket.io's timeout() passes (err, ack) to the callback; the typed emit does not model
    // that variadic form generically, hence the loose cast confined to this line.
    const timed = s.timeout(timeoutMs);
    const emit = timed.emit as unknown as (ev: E, p: PayloadOf<E>, cb: (err: Error | null, res: AckOf<E>) => void) => void;
    emit.call(timed, event, payload, (err, res) => {
      if (err) return reject(new RequestError('TIMEOUT', err.message));
      if (res && res.ok) resolve(res as OkOf<E>);
      else reject(new RequestError(res?.code ?? 'INTERNAL', res?.message ?? 'no answer', res ?? null));
    });
  });
}
