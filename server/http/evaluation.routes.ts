/** The monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)); server/evaluation/evaluation.service.ts. */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { evaluationReportOffThread } from '../evaluation/evaluation-pool.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { route } from './route.ts';

export function evaluationRouter(ctx: ApiContext) {
  const { db } = ctx;
  const r = express.Router();
  // computed on the report thread: a national period must not hold the rooms' heartbeats
  route(r, ROUTES.evaluation, requireCap('evaluation.view'))(({ query }, _req, res) => evaluationReportOffThread(db, principalOf(res)!, query));
  return r;
}
