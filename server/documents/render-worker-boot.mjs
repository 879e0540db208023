// Entry of the document render thread. Node 20 runs no TypeScript by itself: register tsx's
// loader for this thread, then load the worker proper (as server/live/store-worker-boot.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
