// The dashboard is a live, client-rendered app: no SSR (nothing useful to render without the
// socket) and no prerendering (every page depends on the server's rooms).
export const ssr = false;
export const prerender = false;
