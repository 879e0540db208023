/**
 * The Daftar Periksa as a document (Perban BKN 4/2024 Lampiran I.B; Pasal 12(2)c–d): issued from
 * the completed form when it is signed (completed), and again when a form is completed after a
 * resume — a new document each time; the earlier ones stay.
 */
import { getChecklist } from '../../db/queries/checklists.ts';
import type { DocumentRow } from '../../protocol/documents.ts';
import type { ChecklistConclusion } from '../../protocol/index.ts';
import { daftarPeriksa } from '../documents/content/daftar-periksa.ts';
import { issueDocument } from '../documents/document.service.ts';
import { agencyOf, placeOfVenue, rosterRows, sessionRecord } from '../documents/session-facts.ts';
import type { Act, Result, SessionDeps, SessionRef } from './context.ts';
import type { Db } from '../../db/client.ts';
import type { DocumentModel } from '../documents/model.ts';
import type { Person } from '../documents/content/common.ts';

/** The form as a document model, from the completed checklist (null: not completed). */
export function issueChecklistModel(db: Db, ref: SessionRef): { model: DocumentModel; bkn: Person; instansi: Person } | null {
  const c = getChecklist(db, ref.session.id);
  if (!c?.completedAt || !c.conclusion) return null;
  const s = sessionRecord(db, ref.session.id);
  const signers = JSON.parse(c.signersJson) as { bkn: { name: string; nip: string }; instansi: { name: string; nip: string } };
  const bkn = { name: signers.bkn.name, nip: signers.bkn.nip || null };
  const instansi = { name: signers.instansi.name, nip: signers.instansi.nip || null };
  const model = daftarPeriksa({
    number: '', issuedAt: c.completedAt, place: placeOfVenue(db, ref.venueId), agency: agencyOf(db, s, rosterRows(db, s.id)),
    sessionName: s.name, sessionCode: s.code, roomName: s.roomName,
    items: JSON.parse(c.itemsJson), counts: JSON.parse(c.countsJson), conclusion: c.conclusion as ChecklistConclusion,
    recommendation: c.recommendation, completedAt: c.completedAt, signers: { bkn, instansi }
  });
  return { model, bkn, instansi };
}

export async function issueChecklistDocument(deps: SessionDeps, act: Act, ref: SessionRef, opts: { baseUrl: string }, now = Date.now()): Promise<Result<{ document: DocumentRow }> | null> {
  const built = issueChecklistModel(deps.db, ref);
  if (!built) return null;
  const { model, bkn, instansi } = built;
  return issueDocument(deps.db, {
    model, venueId: ref.venueId, sessionId: ref.session.id, activityId: ref.session.activityId, issuedBy: act.userId!,
    signers: [{ role: 'Tim Penyelenggara CACT BKN', name: bkn.name, nip: bkn.nip }, { role: 'Instansi Pengguna', name: instansi.name, nip: instansi.nip }]
  }, { baseUrl: opts.baseUrl, actor: act.actor, now });
}
