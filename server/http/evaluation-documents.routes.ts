/**
 * The monitoring and evaluation reports as documents (Perban BKN 4/2024 Pasal 16(4)–(5)): issuing
 * one (koordinator: evaluation.issue), listing those the caller may read, and the XLSX issued with
 * a document (the same access as its PDF). server/evaluation/evaluation-issue.service.ts.
 */
import express from 'express';
import { documentXlsx } from '../../db/queries/documents.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { msg, wireMsg } from '../../protocol/messages/index.ts';
import { visibleDocument } from '../documents/document.service.ts';
import { evaluationDocuments, issueEvaluation } from '../evaluation/evaluation-issue.service.ts';
import { TABLE_CONTENT_TYPES } from '../export/table-file.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { fileNameOf } from './documents.routes.ts';
import { reject, route, SENT } from './route.ts';
import { actOf, baseUrlOf } from './session-access.ts';

export function evaluationDocumentsRouter(ctx: ApiContext) {
  const { db } = ctx;
  const r = express.Router();

  route(r, ROUTES.evaluationDocuments, requireCap('evaluation.view'))((_input, _req, res) => ({ ok: true, documents: evaluationDocuments(db, principalOf(res)!) }));

  route(r, ROUTES.evaluationIssue, requireCap('evaluation.issue'))(({ body }, req, res) => {
    const p = principalOf(res)!;
    return issueEvaluation(db, p, actOf(req, p), body, { baseUrl: baseUrlOf(req) });
  });

  // whoever may read the document's PDF may read its spreadsheet
  route(r, ROUTES.documentXlsx, requireCap('room.view', 'participant.view', 'activity.view', 'evaluation.view'))(({ params }, _req, res) => {
    const d = visibleDocument(db, principalOf(res)!, params.id);
    if (!d.ok) return d;
    const xlsx = documentXlsx(db, d.document.id);
    if (!xlsx) return reject('NOT_FOUND', wireMsg(msg('document.noXlsx', { number: d.document.number })));
    res.set('content-type', TABLE_CONTENT_TYPES.xlsx);
    res.set('content-disposition', `attachment; filename="${fileNameOf(d.document.number, d.document.version)}.xlsx"`);
    res.set('content-length', String(xlsx.length));
    res.end(xlsx);
    return SENT;
  });

  return r;
}
