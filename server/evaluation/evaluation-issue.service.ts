/**
 * Issuing the monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)): the report of
 * the query is computed again from the records with the caller's own scope (what is printed is what
 * was recorded, never what a page sent), the team's recommendations and its ketua and anggota
 * (Pasal 16(2)) are added, and it is issued as one document — numbered LAP-MONEV/BKN/<year>/<seq>,
 * a PDF and an XLSX under the same code, both hashed, with its audit row (document.service.ts).
 * Who may read it afterwards: document.service.ts seesDocument (the venues it covers).
 */
import type { Db } from '../../db/client.ts';
import { documentsOfKind, placeOf } from '../../db/queries/documents.ts';
import type { DocumentRow, DocumentSigner } from '../../protocol/documents.ts';
import { RECOMMENDATIONS_MIN, type EvaluationIssueInput } from '../../protocol/evaluation.ts';
import { msg } from '../../protocol/messages/index.ts';
import { can, type Principal } from '../auth/principal.ts';
import { laporanMonev, reachWords, type LaporanMonevFacts } from '../documents/content/laporan-monev.ts';
import { issueDocument, seesDocument, type DocumentReach } from '../documents/document.service.ts';
import { refuse, type Act, type Result } from '../session/context.ts';
import { evaluationReportOffThread } from './evaluation-pool.ts';
import { evaluationXlsx } from './evaluation-xlsx.ts';

/** The roles the signers are recorded under (documents.signers_json). */
export const MONEV_SIGNER_ROLES = { ketua: 'ketua_tim_monev', anggota: 'anggota_tim_monev' } as const;

export async function issueEvaluation(
  db: Db, p: Principal, act: Act, input: EvaluationIssueInput, opts: { baseUrl: string }, now = Date.now()
): Promise<Result<{ document: DocumentRow }>> {
  if (!can(p, 'evaluation.issue')) return refuse('FORBIDDEN');
  // the schema says so too; said again here for a caller that is not the route
  const recommendations = input.recommendations.trim();
  if (recommendations.length < RECOMMENDATIONS_MIN) return refuse('INVALID_PAYLOAD', msg('evaluation.recommendationsShort', { min: RECOMMENDATIONS_MIN }));
  // off the event loop, as GET /api/evaluation: a national year of records takes seconds
  const computed = await evaluationReportOffThread(db, p, input.query, now);
  if (!computed.ok) return computed;
  const { ok: _ok, ...report } = computed;
  const venueName = report.scope.venueId !== null ? (placeOf(db, report.scope.venueId, null).venue?.name ?? null) : null;
  const facts: LaporanMonevFacts = {
    number: '', issuedAt: now, report, venueName, recommendations, ketua: input.ketua, anggota: input.anggota, issuedBy: p.user.name
  };
  const signers: DocumentSigner[] = [
    { role: MONEV_SIGNER_ROLES.ketua, name: input.ketua.name, nip: input.ketua.nip, jabatan: input.ketua.jabatan ?? null },
    ...input.anggota.map((m) => ({ role: MONEV_SIGNER_ROLES.anggota, name: m.name, nip: m.nip, jabatan: m.jabatan ?? null }))
  ];
  const reach: DocumentReach = { venueIds: report.scope.venueIds, words: reachWords(report, venueName), scope: report.scope, period: report.period };
  return issueDocument(db, {
    model: laporanMonev(facts), venueId: null, reach, issuedBy: p.user.id, signers,
    xlsx: (model, seal) => evaluationXlsx({ ...facts, number: model.number }, seal)
  }, { baseUrl: opts.baseUrl, actor: act.actor, now });
}

/** The reports issued that the caller may read, newest first. */
export function evaluationDocuments(db: Db, p: Principal): DocumentRow[] {
  return documentsOfKind(db, 'laporan_monev').filter((d) => seesDocument(db, p, d));
}
