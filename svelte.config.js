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
    alias: {
      // The one typed event contract, shared with the server and the agent.
      $protocol: 'server/protocol'
    }
  }
};
