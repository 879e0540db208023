/** The daftar periksa of a session (Lampiran I.B). */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { checklistView, saveChecklistForm } from '../session/checklist.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { issueChecklistDocument } from '../session/checklist-document.ts';
import { baseUrlOf, locals, withSession } from './session-access.ts';

export function checklistRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.checklist, withSession(deps, 'room.view'))((_in, _req, res) => ({ ok: true, checklist: checklistView(deps, locals(res).ref) }));

  route(r, ROUTES.checklistSave, withSession(deps, 'checklist.edit'))(async ({ body }, req, res) => {
    const { ref, act } = locals(res);
    const saved = saveChecklistForm(deps, act, ref, body);
    if (!saved.ok || !body.complete) return saved;
    // signed (completed): the form is issued as a document, a new one each time it is completed
    const issued = await issueChecklistDocument(deps, act, ref, { baseUrl: baseUrlOf(req) });
    if (issued && !issued.ok) return issued;
    return issued ? { ...saved, document: issued.document } : saved;
  });

  return r;
}
