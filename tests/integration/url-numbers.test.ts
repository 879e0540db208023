/**
 * Numbers in URLs are plain decimal digits: "0x1", "1e3", " 1", "" and "Infinity" are refused with
 * a 400, never read as another record's id or another page size (z.coerce.number() read them as
 * 1, 1000, 1, 0 and Infinity).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let pengawas: Session;
let roomId: number;

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 50 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 2, session: 'scheduled', startsInMin: 90 }
  ]);
  roomId = srv.seeded[0].roomId;
  pengawas = await srv.login('pengawas');
});
afterAll(async () => srv?.close());

describe('numbers in URLs', () => {
  it('an id in a path is decimal digits only', async () => {
    expect((await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/sessions`)).status).toBe(200);
    for (const bad of ['0x1', '1e0', '%201', '1.0', 'Infinity', '-1', '0', '99999999999999999']) {
      const r = await api(srv.url, pengawas, 'GET', `/rooms/${bad}/sessions`);
      expect(r.status, bad).toBe(400);
      expect(r.body.code, bad).toBe('INVALID_PAYLOAD');
    }
  });

  it('a number in a query is decimal digits only', async () => {
    const ok = await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/sessions?limit=10&offset=0`);
    expect(ok.status).toBe(200);
    for (const bad of ['limit=1e1', 'limit=0x10', 'offset=', 'offset=%201', 'limit=Infinity', 'limit=2.5']) {
      const r = await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/sessions?${bad}`);
      expect(r.status, bad).toBe(400);
    }
  });
});
