/**
 * A loopback TCP proxy that can cut the network the way a pulled cable does: while cut, bytes are
 * silently dropped and new connections hang — no FIN, no RST — so both ends must notice by
 * timeouts, exactly as in a test room. `restore()` lets traffic flow again (stale connections are
 * then reset, as a real NAT/switch would have forgotten them).
 */
import net from 'node:net';

export type CuttableProxy = { port: number; cut(): void; restore(): void; close(): Promise<void> };

export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
  let isCut = false;
  const pairs = new Set<{ a: net.Socket; b: net.Socket; stale: boolean }>();
  const server = net.createServer((a) => {
    const b = net.connect(targetPort, targetHost);
    const pair = { a, b, stale: isCut };
    pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (buf) => {
        if (!isCut && !pair.stale) to.write(buf);
      });
    forward(a, b);
    forward(b, a);
    const end = () => {
      pairs.delete(pair);
      a.destroy();
      b.destroy();
    };
    a.on('error', end).on('close', end);
    b.on('error', end).on('close', end);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      isCut = true;
      for (const p of pairs) p.stale = true;
    },
    restore() {
      isCut = false;
      for (const p of pairs) if (p.stale) { p.a.resetAndDestroy(); p.b.resetAndDestroy(); }
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const p of pairs) { p.a.destroy(); p.b.destroy(); }
        server.close(() => ok());
      })
  };
}
