/**
 * A correction of an issued document: never an edit. The koordinator gives a reason and, where a
 * signer was named wrongly, the right name and NIP; the new version is the old content with those
 * signers and a note naming the version it corrects and why, printed under the title. The old
 * version stays readable and verifiable, marked as replaced (document.service.ts correctDocument).
 */
import type { Db } from '../../db/client.ts';
import { documentRecord } from '../../db/queries/documents.ts';
import type { DocumentRow, DocumentSigner } from '../../protocol/documents.ts';
import { msg } from '../../protocol/messages/index.ts';
import type { Principal } from '../auth/principal.ts';
import { refuse, type Act, type Result } from '../session/context.ts';
import { correctDocument } from './document.service.ts';
import type { Block, DocumentModel } from './model.ts';

export type CorrectionRequest = {
  reason: string;
  /** signers by their position on the document (0: the first signature block); only those that change */
  signers?: { index: number; name: string; nip?: string | null }[];
};

/** The corrected content: the signers replaced, the note after the heading, issued now. */
export function correctedModel(old: DocumentModel, version: number, req: CorrectionRequest, now: number): DocumentModel {
  const note: Block = {
    kind: 'paragraph',
    text: [{ text: `Koreksi atas versi ${version} dokumen bernomor sama. Alasan: ${req.reason.trim()}`, italics: true }]
  };
  const blocks = old.blocks.flatMap((b): Block[] => {
    if (b.kind === 'signatures' && req.signers?.length) {
      return [{
        ...b,
        blocks: b.blocks.map((s, i) => {
          const r = req.signers!.find((x) => x.index === i);
          // a NIP not given is kept; given empty, it is taken off (an official without one)
          return r ? { ...s, name: r.name.trim(), nip: r.nip === undefined ? s.nip : r.nip?.trim() || null } : s;
        })
      }];
    }
    return b.kind === 'heading' ? [b, note] : [b];
  });
  return { ...old, issuedAt: now, blocks };
}

export async function correctIssued(
  db: Db, p: Principal, act: Act, id: number, req: CorrectionRequest, opts: { baseUrl: string }, now = Date.now()
): Promise<Result<{ document: DocumentRow }>> {
  const rec = documentRecord(db, id);
  if (!rec) return refuse('NOT_FOUND', msg('document.notFound'));
  const old = JSON.parse(rec.modelJson) as DocumentModel;
  const model = correctedModel(old, rec.version, req, now);
  const before = JSON.parse(rec.signersJson) as DocumentSigner[];
  const signers = before.map((s, i) => {
    const r = req.signers?.find((x) => x.index === i);
    return r ? { ...s, name: r.name.trim(), nip: r.nip === undefined ? s.nip : r.nip?.trim() || null } : s;
  });
  return correctDocument(db, p, act, { id, reason: req.reason, model, signers }, { baseUrl: opts.baseUrl, now });
}
