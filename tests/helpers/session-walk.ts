/**
 * A session walked over the real HTTP API from scheduled to finalised, leaving a record in every
 * place a berita acara reads from: a completed daftar periksa, attendance (present and absent),
 * an incident and a visitor, the first one present logging in at a PC and completing the whole
 * series, and a reason for everyone else. For tests of what stays reachable (and read-only) afterwards.
 */
import { INSTRUMENTS, type CompletionRow } from '../../protocol/index.ts';
import { api, call, helloStation, openSession, type Session } from './server.ts';

export type WalkedSession = {
  sessionId: number;
  present: { participantId: number; nip: string; name: string }[];
  absent: { participantId: number; nip: string; name: string }[];
  incidentId: number;
  visitorId: number;
};

/**
 * prepare → checklist (layak) → open → `presentCount` checked in (the rest marked absent at the
 * start) → PIN → start → the first one present logs in at `station` (a PC of the room) and
 * completes every instrument and the questionnaire → an incident and a visitor (in and out) →
 * finish → a reason for each one who did not complete (the suggested one, else a technical
 * problem: SE BKN 6/2026 §5.g.2) → finalise (or stop at `until`; at 'finished' the reasons are
 * recorded). `session` must be a proctor (session.control, checklist.edit, registration.manage,
 * incident.record, visitor.record) of the session's venue. Without `station` nobody starts, and a
 * session nobody started is not finalised.
 */
export async function walkSession(
  url: string, session: Session, sessionId: number,
  opts: { presentCount?: number; until?: 'running' | 'finished' | 'finalised'; incident?: string; visitor?: string; station?: { token: string } } = {}
): Promise<WalkedSession> {
  const step = async (method: string, path: string, body?: unknown) => {
    const r = await api(url, session, method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await openSession(url, session, sessionId);
  const rows = (await step('GET', `/sessions/${sessionId}/attendance`)).rows as { participantId: number; nip: string; name: string }[];
  const n = Math.min(opts.presentCount ?? 1, rows.length);
  const present = rows.slice(0, n).map(({ participantId, nip, name }) => ({ participantId, nip, name }));
  const absent = rows.slice(n).map(({ participantId, nip, name }) => ({ participantId, nip, name }));
  for (const p of present) {
    await step('POST', `/sessions/${sessionId}/participants/${p.participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true });
  }
  await step('POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 });
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'start', markAbsent: absent.length > 0 });
  if (opts.station && present.length > 0) await completeSeries(url, opts.station.token, present[0].nip);
  const incident = await step('POST', `/sessions/${sessionId}/incidents`, {
    category: 'power_failure', description: opts.incident ?? 'Listrik padam 3 menit; UPS menyala.', actionTaken: 'Tes dilanjutkan setelah listrik pulih.'
  });
  const visitor = await step('POST', `/sessions/${sessionId}/visitors`, { name: opts.visitor ?? 'Tamu Monitoring', affiliation: 'BKN Pusat', purpose: 'monitoring pelaksanaan' });
  await step('POST', `/sessions/${sessionId}/visitors/${visitor.visitor.id}/out`, {});
  const out = { sessionId, present, absent, incidentId: incident.incident.id as number, visitorId: visitor.visitor.id as number };
  if (opts.until === 'running') return out;
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'finish', reason: 'semua peserta selesai' });
  await giveReasons(url, session, sessionId);
  if (opts.until === 'finished') return out;
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'finalise' });
  return out;
}

/** A participant logs in at the station and completes every instrument and the questionnaire. */
export async function completeSeries(url: string, token: string, nip: string) {
  const stream = `walk-${nip}-${Date.now()}`;
  const { st } = await helloStation(url, token, stream);
  try {
    const at = Date.now();
    const events = [
      { type: 'login', nip },
      ...INSTRUMENTS.map((instrument) => ({ type: 'progress', instrument, percent: 100 })),
      { type: 'finished' },
      { type: 'questionnaire' }
    ].map((e, i) => ({ ...e, seq: i + 1, at: at + i }));
    const r = await call(st, 'station:events', { v: 1, stream, events });
    if (!r?.ok) throw new Error(`events at the station: ${JSON.stringify(r)}`);
  } finally {
    st.close();
  }
}

/** A finished session: a reason for each one who did not complete — the suggested one, else a technical problem. */
export async function giveReasons(url: string, session: Session, sessionId: number) {
  const list = await api(url, session, 'GET', `/sessions/${sessionId}/completion`);
  if (list.status !== 200) throw new Error(`completion list: ${list.status} ${JSON.stringify(list.body)}`);
  for (const p of list.body.participants as CompletionRow[]) {
    if (p.completed || p.recorded) continue;
    const r = await api(url, session, 'POST', `/sessions/${sessionId}/participants/${p.participantId}/completion`, { reason: p.suggestion ?? 'technical' });
    if (r.status !== 200) throw new Error(`completion of ${p.name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}
