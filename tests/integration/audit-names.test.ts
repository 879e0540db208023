/**
 * GET /api/audit names what each record is about (participant name and NIP, station code, room
 * name, session code, user name, incident, visitor, venue) and the ids inside before/after, with
 * one lookup per kind of thing per page (never one per row). The names are resolved when read:
 * the stored rows and their hash chain are what they were. And the audit page's formatter turns
 * every row the server wrote here into words in both languages: no JSON, no raw keys, no bare ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../db/queries/audit.ts';
import { demoNip } from '../../demo/seed.ts';
import { verifyChain } from '../../server/domain/audit-chain.ts';
import type { AuditPage, AuditRow } from '../../protocol/index.ts';
import { auditLines, targetText } from '../../web/src/lib/components/audit/audit-text.ts';
import { i18n } from '../../web/src/lib/i18n/i18n.svelte.ts';
import { api, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
const s = {} as Record<'admin' | 'pengawas' | 'petugas_ti', Session>;
let sessionId: number;
let page: AuditPage;
const ids = {} as { user: number; participant: number; participantName: string; participantNip: string; incident: number; visitor: number; spare: number; spareCode: string };

const rowOf = (action: string) => {
  const r = page.rows.find((x) => x.action === action);
  if (!r) throw new Error(`no ${action} row`);
  return r;
};

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000 });
  for (const r of ['admin', 'pengawas', 'petugas_ti'] as const) s[r] = await srv.login(r);
  const [t0, t1] = srv.seeded;
  const spare = srv.seeded.find((x) => !x.participant)!;
  sessionId = await roomSessionId(srv.url, s.pengawas, t0.roomId);
  const ok = (r: { status: number; body: unknown }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as any;
  };

  // user (with a venue scope: a venue id inside `after`)
  ids.user = ok(await api(srv.url, s.admin, 'POST', '/users', {
    nip: demoNip(30300), name: 'Rina Pengawas Baru', roles: ['pengawas'], scopes: [{ kind: 'venue', venueId: t0.venueId }], password: 'Rahasia-Sekali-88'
  }), 'create user').user.id;
  // station, then a room (enrollment codes), then the station enrolling itself (a station actor; codeCreatedBy)
  ok(await api(srv.url, s.petugas_ti, 'POST', `/stations/${t1.stationId}/revoke`), 'revoke');
  const code = ok(await api(srv.url, s.petugas_ti, 'POST', `/rooms/${t1.roomId}/enrollment-codes`, { stationIds: [t1.stationId] }), 'codes').codes[0].code;
  ok(await api(srv.url, null, 'POST', '/enroll', { code, hostname: 'pc-uji-02' }), 'enroll');
  // room (participant list), session (PIN)
  ok(await api(srv.url, s.pengawas, 'GET', `/rooms/${t0.roomId}/participants`), 'participants');
  ok(await api(srv.url, s.pengawas, 'POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 }), 'pin');
  // participant: moved to the spare PC (station ids inside before/after)
  const rows = ok(await api(srv.url, s.pengawas, 'GET', `/sessions/${sessionId}/attendance`), 'attendance').rows as any[];
  const p = rows.find((r) => r.stationId === t0.stationId)!;
  Object.assign(ids, { participant: p.participantId, participantName: p.name, participantNip: p.nip, spare: spare.stationId, spareCode: spare.code });
  ok(await api(srv.url, s.pengawas, 'POST', `/sessions/${sessionId}/participants/${p.participantId}/seat`, { stationId: spare.stationId, reason: 'PC rusak, pindah ke PC cadangan' }), 'move');
  // incident (a participant and a station inside `after`), visitor
  ids.incident = ok(await api(srv.url, s.pengawas, 'POST', `/sessions/${sessionId}/incidents`, {
    category: 'power_failure', participantId: p.participantId, stationId: spare.stationId, description: 'Listrik padam dua menit', actionTaken: 'UPS dinyalakan'
  }), 'incident').incident.id;
  ids.visitor = ok(await api(srv.url, s.pengawas, 'POST', `/sessions/${sessionId}/visitors`, { name: 'Drs. Bambang', affiliation: 'Inspektorat', purpose: 'Pemantauan pelaksanaan' }), 'visitor').visitor.id;

  page = ok(await api(srv.url, s.admin, 'GET', '/audit?limit=500'), 'audit');
});
afterAll(async () => {
  i18n.setLocale('id');
  await srv?.dispose();
});

describe('GET /api/audit names what the rows are about', () => {
  it('each kind of target by name, the raw id kept beside it', () => {
    const [t0, t1] = srv.seeded;
    expect(rowOf('user.created')).toMatchObject({ targetType: 'user', targetId: String(ids.user), target: { name: 'Rina Pengawas Baru', nip: demoNip(30300) } });
    expect(page.rows.find((r) => r.action === 'auth.login' && r.actorId === srv.accounts.pengawas.id)?.target).toMatchObject({ nip: srv.accounts.pengawas.nip });
    expect(rowOf('station.revoked')).toMatchObject({ targetType: 'station', targetId: String(t1.stationId), target: { name: t1.code, where: 'Ruang CAT 1' } });
    expect(rowOf('station.enrollment_codes_created')).toMatchObject({ targetType: 'room', targetId: String(t1.roomId), target: { name: 'Ruang CAT 1', where: 'Venue Uji' } });
    const lists = page.rows.filter((r) => r.action === 'participant.list_viewed');
    expect(lists.find((r) => r.targetType === 'room')).toMatchObject({ targetId: String(t0.roomId), target: { name: 'Ruang CAT 1' } });
    expect(lists.find((r) => r.targetType === 'session')).toMatchObject({ targetId: String(sessionId), target: { name: 'R1-S1' } });
    expect(rowOf('session.pin_issued')).toMatchObject({ targetType: 'session', targetId: String(sessionId), target: { name: 'R1-S1', where: 'Ruang CAT 1' } });
    expect(rowOf('participant.moved')).toMatchObject({
      targetType: 'participant', targetId: String(ids.participant), target: { name: ids.participantName, nip: ids.participantNip, where: 'R1-S1' }
    });
    expect(rowOf('incident.recorded')).toMatchObject({ targetType: 'incident', targetId: String(ids.incident), target: { name: 'power_failure', where: 'R1-S1' } });
    expect(rowOf('visitor.entered')).toMatchObject({ targetType: 'visitor', targetId: String(ids.visitor), target: { name: 'Drs. Bambang', where: 'Inspektorat' } });
    expect(t0.code).not.toBe(t1.code);
  });

  it('the ids inside before/after and the station acting on its own, in `refs`', () => {
    const [t0, t1] = srv.seeded;
    const moved = rowOf('participant.moved');
    expect(moved.before).toMatchObject({ stationId: t0.stationId });
    expect(moved.after).toMatchObject({ stationId: ids.spare });
    expect(page.refs.station?.[String(t0.stationId)]).toMatchObject({ name: t0.code });
    expect(page.refs.station?.[String(ids.spare)]).toMatchObject({ name: ids.spareCode });
    expect(page.refs.participant?.[String(ids.participant)]).toMatchObject({ name: ids.participantName });
    expect(page.refs.venue?.[String(t0.venueId)]).toMatchObject({ name: 'Venue Uji' });
    const enrolled = rowOf('station.enrolled');
    expect(enrolled).toMatchObject({ actorRole: 'station', actorName: `station:${t1.stationId}`, after: { codeCreatedBy: srv.accounts.petugas_ti.id } });
    expect(page.refs.station?.[String(t1.stationId)]).toMatchObject({ name: t1.code });
    expect(page.refs.user?.[String(srv.accounts.petugas_ti.id)]).toMatchObject({ nip: srv.accounts.petugas_ti.nip });
  });

  it('one lookup per kind of thing per page, however many rows; a scoped viewer gets names too', async () => {
    const client = srv.db.$client;
    const prepare = client.prepare;
    const lookups: string[] = [];
    client.prepare = function (this: typeof client, sql: string) {
      if (sql.includes('json_each')) lookups.push(sql);
      return prepare.call(this, sql);
    } as typeof prepare;
    try {
      for (const limit of [500, 3]) {
        lookups.length = 0;
        const r = await api(srv.url, s.admin, 'GET', `/audit?limit=${limit}`);
        expect(r.status).toBe(200);
        const kinds = Object.keys(r.body.refs);
        expect(lookups.length, `limit=${limit}`).toBe(kinds.length);
        expect(lookups.length).toBeLessThanOrEqual(8);
        if (limit === 500) expect(r.body.rows.length).toBeGreaterThan(lookups.length * 2);
      }
    } finally {
      client.prepare = prepare;
    }
    const mine = await api(srv.url, s.pengawas, 'GET', '/audit?action=participant.moved');
    expect(mine.body.rows[0].target).toMatchObject({ name: ids.participantName });
  });

  it('names are read, never stored: the rows keep ids and the chain verifies', () => {
    const stored = [...auditRows(srv.db)];
    expect(verifyChain(stored).ok).toBe(true);
    const moved = stored.find((r) => r.action === 'participant.moved')!;
    expect(moved.targetId).toBe(String(ids.participant));
    expect(`${moved.beforeJson}${moved.afterJson}`).not.toContain(ids.participantName);
  });
});

describe('the audit page words every row the server wrote', () => {
  for (const lang of ['id', 'en'] as const) {
    it(lang, () => {
      i18n.setLocale(lang);
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const row of page.rows as AuditRow[]) {
        seen.add(row.action);
        const tg = targetText(row);
        if (row.targetType && row.targetId && !tg?.name) problems.push(`${row.action}: target ${row.targetType} ${row.targetId} unnamed`);
        for (const l of auditLines(row, page.refs)) {
          const texts = [l.value, l.before, l.after].filter((x): x is string => x !== undefined);
          if (!l.label || l.label === l.key) problems.push(`${row.action}: field ${l.key} has no label`);
          for (const t of texts) {
            if (/[{}[\]"]|\[object/.test(t)) problems.push(`${row.action}: ${l.key} = ${t}`);
            if (/^[a-z]+_[a-z_]+$/.test(t)) problems.push(`${row.action}: ${l.key} shown as a code: ${t}`);
            if (/tidak ditemukan|no longer found/.test(t)) problems.push(`${row.action}: ${l.key} unresolved: ${t}`);
            if (/^(true|false)$/.test(t)) problems.push(`${row.action}: ${l.key} = ${t}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBeGreaterThanOrEqual(10);
      // a few spelled out
      const lines = (a: string) => auditLines(rowOf(a), page.refs);
      const moved = lines('participant.moved').find((l) => l.key === 'stationId')!;
      expect([moved.before, moved.after]).toEqual([srv.seeded[0].code, ids.spareCode]);
      const pin = lines('session.pin_issued').find((l) => l.key === 'expiresAt')!;
      expect(pin.value).toMatch(/\d{2}[.:]\d{2}/);
      expect(lines('user.created').find((l) => l.key === 'roles')!.value).toBe(lang === 'id' ? 'Pengawas' : 'Proctor');
      expect(lines('user.created').find((l) => l.key === 'scopes')!.value).toBe('Venue Uji');
      expect(lines('incident.recorded').find((l) => l.key === 'category')!.value).toBe(lang === 'id' ? 'Listrik padam' : 'Power failure');
    });
  }
});
