/** A small hand-made document for the tests that store, list and verify documents. */
import type { Db } from '../../db/client.ts';
import type { DocumentKind } from '../../protocol/documents.ts';
import { DOCUMENT_TITLES } from '../../protocol/documents.ts';
import { issueDocument } from '../../server/documents/document.service.ts';
import type { DocumentModel } from '../../server/documents/model.ts';

/** a participant's name and NIP that appear in the document, and must never appear in a public answer */
export const SAMPLE_PARTICIPANT = { name: 'Budi Santoso Rahasia', nip: '199001012015031001' };

export function sampleModel(kind: DocumentKind = 'daftar_hadir', issuedAt = Date.UTC(2026, 11, 7, 3, 0), note = ''): DocumentModel {
  return {
    kind, number: '', title: DOCUMENT_TITLES[kind], issuedAt, zone: 'Asia/Jakarta', orientation: 'portrait',
    blocks: [
      { kind: 'heading', lines: [DOCUMENT_TITLES[kind]] },
      { kind: 'paragraph', text: ['Pada hari ini Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam.', note] },
      { kind: 'fields', rows: [['Tempat', 'Venue Uji'], ['Sesi', 'Sesi 1']] },
      {
        kind: 'table', columns: [{ header: 'No', width: 'auto' }, { header: 'Nama', width: '*' }, { header: 'NIP', width: 'auto' }],
        rows: [['1', SAMPLE_PARTICIPANT.name, SAMPLE_PARTICIPANT.nip]]
      },
      { kind: 'signatures', blocks: [{ caption: ['Pengawas,'], name: 'Pengawas Uji', nip: '198611152010071012' }] }
    ]
  };
}

export const SAMPLE_SIGNERS = [{ role: 'pengawas', name: 'Pengawas Uji', nip: '198611152010071012' }];

/** Issue a sample document straight through the service (as the builders will); throws on a refusal. */
export async function issueSample(db: Db, baseUrl: string, at: { venueId: number; sessionId?: number | null; activityId?: number | null; issuedBy: number; kind?: DocumentKind; note?: string }) {
  const r = await issueDocument(db, {
    model: sampleModel(at.kind, undefined, at.note), venueId: at.venueId, sessionId: at.sessionId ?? null, activityId: at.activityId ?? null,
    issuedBy: at.issuedBy, signers: SAMPLE_SIGNERS
  }, { baseUrl });
  if (!r.ok) throw new Error(`issue refused: ${r.code}`);
  return r.document;
}
