/**
 * Finalising a session (Perban BKN 4/2024 Pasal 14(1)l–m, 14(3)–(4); SE BKN 6/2026 §5.g.2): the
 * documents it leaves are generated from the record and stored first — the Daftar Hadir Asesi,
 * the list of asesi who followed the whole series (with those who did not and why), and the
 * Berita Acara Penyelenggaraan (Lampiran I.C.1) — and the session is finalised and frozen; when it
 * is the activity's last open session, the Berita Acara Serah Terima Laporan (Lampiran I.C.2) too,
 * counting the activity's sessions, asesi and berita acara. All in the one transaction that stores
 * the documents: nothing of it, or all of it.
 */
import { eq } from 'drizzle-orm';
import { activitySessions, getActivity } from '../../db/queries/activities.ts';
import { listDocuments } from '../../db/queries/documents.ts';
import { attendanceCounts } from '../../db/queries/attendance.ts';
import { users } from '../../db/schema.ts';
import type { DocumentRow, DocumentSigner } from '../../protocol/documents.ts';
import { NON_COMPLETION_WORDS } from '../../protocol/completion.ts';
import { msg } from '../../protocol/messages/index.ts';
import type { FinaliseInput, SessionSummary } from '../../protocol/index.ts';
import { checkTransition } from '../domain/session-lifecycle.ts';
import { baPenyelenggaraan } from '../documents/content/ba-penyelenggaraan.ts';
import { baSerahTerima } from '../documents/content/ba-serah-terima.ts';
import type { Person } from '../documents/content/common.ts';
import { daftarHadir, daftarSelesai } from '../documents/content/lists.ts';
import { issueDocuments, type IssueInput } from '../documents/document.service.ts';
import type { DocumentModel } from '../documents/model.ts';
import { agencyOf, incidentLines, placeOfVenue, rosterRows, sessionHeader, sessionRecord } from '../documents/session-facts.ts';
import { venueDate } from '../documents/content/common.ts';
import { completionList } from './completion.service.ts';
import { getChecklist } from '../../db/queries/checklists.ts';
import { lifecycleFacts, transition } from './lifecycle.service.ts';
import { loadSessionRef, refuse, type Act, type Result, type SessionDeps, type SessionRef } from './context.ts';

/** Sessions being finalised in this process: a second click waits for nothing and is refused. */
const inFlight = new Set<number>();

/** The signed-in proctor as the BKN side signs: name, NIP, position. */
function bknSigner(deps: SessionDeps, act: Act): Person & { jabatan: string } {
  const u = act.userId !== null ? deps.db.select({ name: users.name, nip: users.nip, jabatan: users.jabatan }).from(users).where(eq(users.id, act.userId)).get() : undefined;
  return { name: u?.name ?? '—', nip: u?.nip ?? null, jabatan: u?.jabatan ?? 'Tim Penyelenggara CACT BKN' };
}

const signerRows = (bkn: Person, instansi: Person): DocumentSigner[] => [
  { role: 'Tim Penyelenggara CACT BKN', name: bkn.name, nip: bkn.nip },
  { role: 'Instansi Pengguna', name: instansi.name, nip: instansi.nip }
];

/** The agency's co-signer as the daftar periksa names them (Lampiran I.B is signed by both parties). */
export function instansiFromChecklist(deps: SessionDeps, ref: SessionRef): FinaliseInput['instansi'] {
  const c = getChecklist(deps.db, ref.session.id);
  const signers = c ? (JSON.parse(c.signersJson) as { instansi?: { name?: string; nip?: string } }) : {};
  return { name: signers.instansi?.name?.trim() || '—', nip: signers.instansi?.nip ?? '', jabatan: 'Wakil Instansi Pengguna' };
}

/** The three documents of the session, from its record (nothing is issued yet). */
export function finalisationModels(deps: SessionDeps, ref: SessionRef, signers: { bkn: Person; instansi: Person }, now: number): DocumentModel[] {
  const { db } = deps;
  const s = sessionRecord(db, ref.session.id);
  const place = placeOfVenue(db, ref.venueId);
  const roster = rosterRows(db, s.id);
  const agency = agencyOf(db, s, roster);
  const header = sessionHeader(s, agency);
  const completion = completionList(deps, ref, now);
  const byId = new Map(roster.map((r) => [r.participantId, r]));
  const completed = completion.participants.filter((p) => p.completed);
  const notCompleted = completion.participants.filter((p) => !p.completed);
  const reasonText = (p: (typeof notCompleted)[number]) => {
    const r = p.recorded;
    if (!r) return '—';
    const words = NON_COMPLETION_WORDS[r.reason].id;
    return r.note ? `${words}: ${r.note}` : words;
  };
  const row = (p: (typeof completion.participants)[number]) => {
    const r = byId.get(p.participantId);
    return { name: p.name, nip: p.nip, instansi: r?.instansi ?? null, nomorPeserta: p.nomorPeserta, stationCode: r?.stationCode ?? null, finishedAt: null };
  };
  const total = roster.length;
  const present = roster.filter((r) => r.attendance === 'present').length;
  const absentN = total - present;
  const notes = [
    absentN ? `${absentN} asesi tidak hadir` : '',
    notCompleted.length - absentN > 0 ? `${notCompleted.length - absentN} asesi hadir tidak mengikuti seluruh rangkaian` : ''
  ].filter(Boolean).join('; ');
  return [
    daftarHadir({ number: '', issuedAt: now, place, header, rows: roster, signers }),
    daftarSelesai({ number: '', issuedAt: now, place, header, completed: completed.map(row), notCompleted: notCompleted.map((p) => ({ ...row(p), reason: reasonText(p) })), signers }),
    baPenyelenggaraan({
      number: '', issuedAt: now, place, agency, date: venueDate(s.startedAt ?? s.scheduledAt, place.zone),
      sessions: [{ name: s.name, code: s.code, startedAt: s.startedAt, finishedAt: s.finishedAt, total, present, absent: absentN, note: notes }],
      incidents: incidentLines(db, s.id, place.zone), signers
    })
  ];
}

/**
 * POST /api/sessions/:id/finalise: the guard first (nobody working, nobody inside, a reason for
 * everyone who did not complete, someone started); then the documents, each numbered and stored;
 * then the step itself, checked again. The instansi's signer is who co-signs for the agency.
 */
export async function finaliseSession(
  deps: SessionDeps, act: Act, ref: SessionRef, input: FinaliseInput, opts: { baseUrl: string }, now = Date.now()
): Promise<Result<{ session: SessionSummary; documents: DocumentRow[] }>> {
  const { db } = deps;
  const verdict = checkTransition(lifecycleFacts(deps, ref, now), { action: 'finalise', reason: input.note });
  if (!verdict.ok) return refuse(verdict.code, verdict.msg);
  if (inFlight.has(ref.session.id)) return refuse('CONFLICT', msg('finalise.inProgress'));
  inFlight.add(ref.session.id);
  try {
    const bkn = bknSigner(deps, act);
    const instansi: Person = { name: input.instansi.name, nip: input.instansi.nip || null, jabatan: input.instansi.jabatan };
    // the three documents, the step and — when this is the activity's last open session — the
    // Berita Acara Serah Terima commit together: the step is checked again against the record as
    // it is once they are rendered, and a refusal (or a crash) stores none of them
    const handover = handoverInput(deps, act, ref, { bkn, instansi }, now);
    const inputs: IssueInput[] = finalisationModels(deps, ref, { bkn, instansi }, now).map((model) => ({
      model, venueId: ref.venueId, sessionId: ref.session.id, activityId: ref.session.activityId, issuedBy: act.userId!, signers: signerRows(bkn, instansi)
    }));
    const issued = await issueDocuments(db, handover ? [...inputs, handover] : inputs, { baseUrl: opts.baseUrl, actor: act.actor, now }, (docs) => {
      // a session planned into the activity meanwhile: the handover would be early (rare; a retry leaves it out)
      if (handover && !lastOpenOf(deps, ref)) return refuse('CONFLICT', msg('finalise.activityChanged'));
      const fresh = loadSessionRef(db, ref.session.id)!;
      return transition(deps, act, fresh, { action: 'finalise', reason: input.note }, now, { documents: docs.slice(0, inputs.length).map((d) => d.number) });
    });
    if (!issued.ok) return issued;
    const documents = issued.documents;
    const done = issued.then!;
    return { ok: true, session: done.session, documents };
  } finally {
    inFlight.delete(ref.session.id);
  }
}

/** The activity of a session whose other sessions are all finalised or cancelled: this one is its last open one. */
function lastOpenOf(deps: SessionDeps, ref: SessionRef) {
  const activityId = ref.session.activityId;
  const activity = activityId !== null ? getActivity(deps.db, activityId) : undefined;
  if (!activity) return null;
  const list = activitySessions(deps.db, activity.id).map((x) => x.s);
  return list.every((s) => s.id === ref.session.id || s.state === 'finalised' || s.state === 'cancelled') ? { activity, list } : null;
}

/**
 * Lampiran I.C.2 when finalising this session leaves the activity no open session (every other one
 * finalised or cancelled): its sessions held (this one with them), asesi present and absent across
 * them, and the berita acara issued for it (this session's, issued with it, counted).
 */
function handoverInput(deps: SessionDeps, act: Act, ref: SessionRef, signers: { bkn: Person & { jabatan: string }; instansi: Person }, now: number): IssueInput | null {
  const { db } = deps;
  const last = lastOpenOf(deps, ref);
  if (!last) return null;
  const { activity, list } = last;
  const held = list.filter((s) => s.id === ref.session.id || s.state === 'finalised');
  let present = 0, absent = 0;
  for (const s of held) {
    const c = attendanceCounts(db, s.id);
    present += c.present;
    absent += c.total - c.present;
  }
  const issuedBefore = listDocuments(db, { activityId: activity.id }).filter((d) => (d.kind === 'ba_penyelenggaraan' || d.kind === 'ba_penundaan') && d.supersededBy === null).length;
  const place = placeOfVenue(db, activity.venueId);
  const model = baSerahTerima({
    number: '', issuedAt: now, place, agency: activity.agency,
    pihakKesatu: signers.bkn, pihakKedua: { name: signers.instansi.name, nip: signers.instansi.nip, jabatan: signers.instansi.jabatan ?? 'PPK atau pejabat lain yang ditunjuk' },
    // this session's Berita Acara Penyelenggaraan is issued in the same batch
    sessions: held.length, present, absent, beritaAcara: issuedBefore + 1
  });
  return {
    model, venueId: activity.venueId, sessionId: null, activityId: activity.id, issuedBy: act.userId!,
    signers: [{ role: 'PIHAK KESATU', name: signers.bkn.name, nip: signers.bkn.nip }, { role: 'PIHAK KEDUA', name: signers.instansi.name, nip: signers.instansi.nip }]
  };
}
