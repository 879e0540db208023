/** The daftar periksa of a session (Lampiran I.B). */
import express from 'express';
import { checklistSaveSchema } from '../../protocol/schemas/index.ts';
import { checklistView, saveChecklistForm } from '../session/checklist.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400 } from './errors.ts';
import { locals, reply, withSession } from './session-access.ts';

export function checklistRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  r.get('/sessions/:id/checklist', ...withSession(deps, 'room.view'), (_req, res) => {
    res.json({ ok: true, checklist: checklistView(deps, locals(res).ref) });
  });

  r.put('/sessions/:id/checklist', ...withSession(deps, 'checklist.edit'), (req, res) => {
    const body = parseOr400(res, checklistSaveSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, saveChecklistForm(deps, act, ref, body));
  });

  return r;
}
