import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // The web app lives under web/ (fixed layout); express mounts build/handler.js.
    adapter: adapter({ out: 'build', precompress: false }),
    files: {
      src: 'web/src',
      lib: 'web/src/lib',
      routes: 'web/src/routes',
      appTemplate: 'web/src/app.html',
      assets: 'web/static',
      hooks: { client: 'web/src/hooks.client', server: 'web/src/hooks.server', universal: 'web/src/hooks' },
      params: 'web/src/params',
      serviceWorker: 'web/src/service-worker'
    },
    // Content-Security-Policy of every page (express leaves pages to SvelteKit; /api has its own).
    // Scripts only from this origin plus the nonce SvelteKit puts on its inline boot script;
    // inline styles are allowed because Svelte's style: directives and uPlot set element styles.
    // connect-src 'self' covers the same-origin socket.io websocket (CSP Level 3: ws/wss match 'self').
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'object-src': ['none']
      }
    },
    alias: {
      // The one typed event contract, shared with the server and the agent.
      $protocol: 'protocol'
    }
  }
};
