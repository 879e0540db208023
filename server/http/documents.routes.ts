/**
 * The official documents (Perban BKN 4/2024 Lampiran I–III): a session's and an activity's list,
 * a document's PDF and print-ready page (the caller's scope), and the public verification of a
 * code and of a PDF file (no sign-in, rate-limited per address). server/documents/document.service.ts.
 */
import express, { type RequestHandler } from 'express';
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import { documentHtml, documentPdf } from '../../db/queries/documents.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { msg, wireMsg } from '../../protocol/messages/index.ts';
import { canSeeActivity, getActivity } from '../../db/queries/activities.ts';
import { visibilityOf } from '../activity/activity.service.ts';
import { take } from '../auth/login.service.ts';
import { activityDocuments, checkUpload, seesDocument, sessionDocuments, verifyDocument, visibleDocument } from '../documents/document.service.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { sessionDeps } from './context.ts';
import { sendError } from './errors.ts';
import { reject, route, SENT } from './route.ts';
import { actOf, baseUrlOf, locals, withSession } from './session-access.ts';
import { correctIssued } from '../documents/correction.ts';

/**
 * An uploaded copy of a document: a PDF, or the XLSX issued with a monitoring and evaluation
 * report, at most this large (the issued ones are far smaller).
 */
export const VERIFY_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
const rawPdf = express.raw({ type: ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], limit: VERIFY_UPLOAD_MAX_BYTES });

/**
 * The page of a document: its own inline styles and images (the QR code), nothing else — no
 * script, no request out, no form; framed only by the dashboard itself (a preview).
 */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * The PDF: nothing it could load, but the browser's own PDF viewer (counted as an object) may
 * show it, and the dashboard may frame it (a preview); the API's default allows neither.
 */
const PDF_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'";

/** "BA-PNY/T/2026/0007" → "BA-PNY-T-2026-0007" (v2: "…-0007-v2"), safe as a file name. */
export const fileNameOf = (number: string, version: number) =>
  `${number.replace(/[^A-Za-z0-9-]+/g, '-')}${version > 1 ? `-v${version}` : ''}`;

export function documentsRouter(ctx: ApiContext) {
  const { db } = ctx;
  const r = express.Router();
  const reader = requireCap('room.view', 'participant.view', 'activity.view');

  // Open to anyone holding a paper copy: per address, as many look-ups as a person types and no
  // more (the login's limiter, on the same table; a code is 10 of 29 characters, so guessing is hopeless anyway).
  const verifyIp = new RateLimiterSQLite({
    storeClient: db.$client, storeType: 'better-sqlite3', tableName: 'rate_limits', clearExpiredByTimeout: true,
    keyPrefix: 'verify_ip', points: 120, duration: 600, blockDuration: 600
  });
  const verifyLimit: RequestHandler = async (req, res, next) => {
    const wait = await take(verifyIp, clientIp(req));
    if (wait !== null) return sendError(res, 'RATE_LIMITED', { retryAfterSec: wait });
    next();
  };

  route(r, ROUTES.sessionDocuments, withSession(sessionDeps(ctx), 'participant.view', 'room.view'))((_input, _req, res) => {
    const { ref, principal } = locals(res);
    // only those the caller may open (an agency's operator: its own agency's activities')
    return { ok: true, documents: sessionDocuments(db, ref.session.id).filter((d) => seesDocument(db, principal, d)) };
  });

  route(r, ROUTES.activityDocuments, requireCap('activity.view'))(({ params }, _req, res) => {
    if (!getActivity(db, params.id)) return reject('NOT_FOUND', wireMsg(msg('activity.notFound')));
    if (!canSeeActivity(db, visibilityOf(principalOf(res)!), params.id)) return reject('FORBIDDEN');
    const p = principalOf(res)!;
    return { ok: true, documents: activityDocuments(db, params.id).filter((d) => seesDocument(db, p, d)) };
  });

  route(r, ROUTES.documentPdf, reader)(({ params }, _req, res) => {
    const d = visibleDocument(db, principalOf(res)!, params.id);
    if (!d.ok) return d;
    const pdf = documentPdf(db, d.document.id)!;
    res.set('content-type', 'application/pdf');
    res.set('content-security-policy', PDF_CSP);
    res.set('content-disposition', `inline; filename="${fileNameOf(d.document.number, d.document.version)}.pdf"`);
    res.set('content-length', String(pdf.length));
    res.end(pdf);
    return SENT;
  });

  route(r, ROUTES.documentHtml, reader)(({ params }, _req, res) => {
    const d = visibleDocument(db, principalOf(res)!, params.id);
    if (!d.ok) return d;
    res.set('content-type', 'text/html; charset=utf-8');
    res.set('content-security-policy', HTML_CSP);
    res.set('content-disposition', `inline; filename="${fileNameOf(d.document.number, d.document.version)}.html"`);
    res.end(documentHtml(db, d.document.id)!);
    return SENT;
  });

  // a correction is a new version (the koordinator's, with a reason); the old one stays
  route(r, ROUTES.documentCorrect, reader)(({ params, body }, req, res) => {
    const p = principalOf(res)!;
    return correctIssued(db, p, actOf(req, p), params.id, body, { baseUrl: baseUrlOf(req) });
  });

  route(r, ROUTES.verifyDocument, verifyLimit)(({ params }) => verifyDocument(db, params.code));

  route(r, ROUTES.verifyUpload, [verifyLimit, rawPdf])(({ params, body }) => {
    if (!Buffer.isBuffer(body) || body.length === 0) return reject('INVALID_PAYLOAD', wireMsg(msg('document.sendFile')));
    return checkUpload(db, params.code, body);
  });

  return r;
}
