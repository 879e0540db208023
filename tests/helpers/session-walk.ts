/**
 * A session walked over the real HTTP API from scheduled to finalised, leaving a record in every
 * place a berita acara reads from: a completed daftar periksa, attendance (present and absent),
 * an incident and a visitor. For tests of what stays reachable (and read-only) afterwards.
 */
import { api, openSession, type Session } from './server.ts';

export type WalkedSession = {
  sessionId: number;
  present: { participantId: number; nip: string; name: string }[];
  absent: { participantId: number; nip: string; name: string }[];
  incidentId: number;
  visitorId: number;
};

/**
 * prepare → checklist (layak) → open → `presentCount` checked in (the rest marked absent at the
 * start) → PIN → start → an incident and a visitor (in and out) → finish → finalise (or stop at
 * `until`). `session` must be a proctor (session.control, checklist.edit, registration.manage,
 * incident.record, visitor.record) of the session's venue.
 */
export async function walkSession(
  url: string, session: Session, sessionId: number,
  opts: { presentCount?: number; until?: 'running' | 'finished' | 'finalised'; incident?: string; visitor?: string } = {}
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
  const incident = await step('POST', `/sessions/${sessionId}/incidents`, {
    category: 'power_failure', description: opts.incident ?? 'Listrik padam 3 menit; UPS menyala.', actionTaken: 'Tes dilanjutkan setelah listrik pulih.'
  });
  const visitor = await step('POST', `/sessions/${sessionId}/visitors`, { name: opts.visitor ?? 'Tamu Monitoring', affiliation: 'BKN Pusat', purpose: 'monitoring pelaksanaan' });
  await step('POST', `/sessions/${sessionId}/visitors/${visitor.visitor.id}/out`, {});
  const out = { sessionId, present, absent, incidentId: incident.incident.id as number, visitorId: visitor.visitor.id as number };
  if (opts.until === 'running') return out;
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'finish', reason: 'semua peserta selesai' });
  if (opts.until === 'finished') return out;
  await step('POST', `/sessions/${sessionId}/transition`, { action: 'finalise' });
  return out;
}
