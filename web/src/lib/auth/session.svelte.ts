/**
 * Who is signed in, for every page: the user (Me), the CSRF token for state-changing requests,
 * and the idle clock. Loaded once from /api/auth/me (or taken from the login answer).
 *
 * The server ends a session after `idleTimeoutMs` without activity. HTTP requests count as
 * activity; watching a live room does not, so user input (pointer, keys) is reported over the
 * socket as 'session:activity', at most once a minute. Tabs share their idle clocks, since they
 * share one session.
 */
import type { Capability, LoginResponse } from '$protocol';
import { ApiError, api, onServerAnswer, setCsrfToken } from '$lib/api.ts';
import { ROUTES } from '$protocol/routes.ts';
import { closeSocket, getSocket, request } from '$lib/realtime/socket.ts';
import { liveStatus } from '$lib/realtime/status.svelte.ts';
import { clock } from '$lib/room/clock.svelte.ts';

/** At most one activity report per this interval. */
export const PING_EVERY_MS = 60_000;
/** The server writes lastSeenAt at most every 30 s: an answer moved the idle clock by at least now − 30 s. */
const TOUCH_SLACK_MS = 30_000;

class Session {
  me = $state<LoginResponse['user'] | null>(null);
  csrfToken = $state<string | null>(null);
  idleTimeoutMs = $state(0);
  expiresAt = $state(0);
  /** server time at which the session idles out, as far as this tab knows */
  idleExpiresAt = $state<number | null>(null);

  #loading: Promise<void> | null = null;
  #lastPing = 0;
  #channel: BroadcastChannel | null = null;

  get signedIn(): boolean {
    return this.me !== null;
  }

  /** Cosmetic: hides what the server would refuse anyway. */
  can(cap: Capability): boolean {
    return this.me?.capabilities.includes(cap) ?? false;
  }

  /** Load the signed-in user once; a 401 sends the browser to /login (api.ts). */
  ensure(): Promise<void> {
    if (this.me) return Promise.resolve();
    this.#loading ??= api(ROUTES.me).then(
      (r) => this.set(r),
      (err) => {
        this.#loading = null;
        throw err;
      }
    );
    return this.#loading;
  }

  /** Take the answer of /api/auth/login or /api/auth/me. */
  set(r: LoginResponse) {
    this.me = r.user;
    this.csrfToken = r.csrfToken;
    this.idleTimeoutMs = r.idleTimeoutMs;
    this.expiresAt = r.expiresAt;
    setCsrfToken(r.csrfToken);
    this.#noteAnswer();
    onServerAnswer(() => this.#noteAnswer());
  }

  #noteAnswer() {
    if (!this.idleTimeoutMs) return;
    this.#setIdle(clock.now - TOUCH_SLACK_MS + this.idleTimeoutMs, false);
  }

  #setIdle(at: number, exact: boolean, broadcast = true) {
    if (!exact && this.idleExpiresAt !== null && at <= this.idleExpiresAt) return;
    this.idleExpiresAt = at;
    if (broadcast) this.#channel?.postMessage({ idleExpiresAt: at });
  }

  /** Report activity: over the socket when it is up, otherwise any API request does it. */
  async ping(force = false) {
    const now = Date.now();
    if (!this.me || (!force && now - this.#lastPing < PING_EVERY_MS)) return;
    this.#lastPing = now;
    try {
      if (liveStatus.connected) {
        const r = await request('session:activity', {});
        this.#setIdle(r.idleExpiresAt, true);
      } else {
        this.set(await api(ROUTES.me));
      }
    } catch {
      // a dead session is handled by 'session:ended' (socket) or the 401 redirect (api.ts)
    }
  }

  /**
   * Watch for user input while signed in; returns the clean-up. Each (re)connect of the socket
   * asks once for the exact idle deadline (a page load or a room re-join is activity anyway).
   */
  trackActivity(): () => void {
    const onInput = () => void this.ping();
    const onConnect = () => void this.ping(true);
    const opts = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', onInput, opts);
    window.addEventListener('keydown', onInput, opts);
    const socket = getSocket();
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel('cact-session');
      this.#channel.onmessage = (e: MessageEvent<{ idleExpiresAt?: number }>) => {
        if (typeof e.data?.idleExpiresAt === 'number') this.#setIdle(e.data.idleExpiresAt, false, false);
      };
    }
    return () => {
      socket.off('connect', onConnect);
      window.removeEventListener('pointerdown', onInput, opts);
      window.removeEventListener('keydown', onInput, opts);
      this.#channel?.close();
      this.#channel = null;
    };
  }

  /** Sign out this browser. Throws (and stays signed in) when the server could not be reached. */
  logout(): Promise<void> {
    return this.#end(ROUTES.logout);
  }

  /** Sign out every browser of this user, this one included. */
  logoutAll(): Promise<void> {
    return this.#end(ROUTES.logoutAll);
  }

  async #end(route: typeof ROUTES.logout | typeof ROUTES.logoutAll) {
    // closed first, so the server's 'session:ended' does not race the page change
    closeSocket();
    try {
      await api(route, { allow401: true });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) {
        getSocket().connect();
        throw err;
      }
    }
    this.me = null;
    setCsrfToken(null);
    // a full load: the rooms and every cached answer go with the page
    location.assign('/login');
  }
}

export const session = new Session();
