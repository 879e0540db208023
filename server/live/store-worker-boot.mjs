// Entry of the store worker thread. Node 20 runs no TypeScript by itself: register tsx's loader
// for this thread, then load the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./store-worker.ts');
