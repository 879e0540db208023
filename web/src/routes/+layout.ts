// The dashboard is a live, client-rendered app: no SSR (nothing useful to render without the
// socket) and no prerendering (every page depends on the server's rooms).
import { session } from '$lib/auth/session.svelte.ts';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

// Every page but /login and the public verification of a document (/verify, /verify/<code>: open
// to whoever holds a printed copy) needs the signed-in user before it renders (menus,
// capabilities, CSRF). Loaded once; without a session the browser goes to /login (api.ts).
export const load: LayoutLoad = async ({ url }) => {
  if (url.pathname !== '/login' && !/^\/verify(\/|$)/.test(url.pathname)) await session.ensure();
  return {};
};
