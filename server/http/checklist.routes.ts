/** The daftar periksa of a session (Lampiran I.B). */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { checklistView, saveChecklistForm } from '../session/checklist.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, withSession } from './session-access.ts';

export function checklistRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.checklist, withSession(deps, 'room.view'))((_in, _req, res) => ({ ok: true, checklist: checklistView(deps, locals(res).ref) }));

  route(r, ROUTES.checklistSave, withSession(deps, 'checklist.edit'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return saveChecklistForm(deps, act, ref, body);
  });

  return r;
}
