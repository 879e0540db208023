import type { ServerOptions } from 'socket.io';
import { PAYLOAD_LIMITS } from '../../protocol/index.ts';

/** socket.io/engine.io settings; the benchmark's bare relay uses the same ones. */
export const ENGINE_OPTIONS = {
  maxHttpBufferSize: PAYLOAD_LIMITS.maxPacketBytes,
  // Per-message deflate costs CPU on every frame of tiny JSON; off (issue: agents use websocket).
  perMessageDeflate: false,
  httpCompression: false,
  pingInterval: 10_000,
  pingTimeout: 8_000,
  serveClient: false,
  cors: { origin: false }
} satisfies Partial<ServerOptions>;
