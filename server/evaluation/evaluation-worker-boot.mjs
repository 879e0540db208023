// Entry of the evaluation report thread. Node 20 runs no TypeScript by itself: register tsx's
// loader for this thread, then load the worker proper (as server/documents/render-worker-boot.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./evaluation-worker.ts');
