import type { PinVerifyOutcome } from '../session.ts';
import { pinOutcomesEn } from './pin-outcomes.en.ts';
import { pinOutcomesId } from './pin-outcomes.id.ts';

/** What the exam application shows the participant for each outcome: the catalog's words (protocol/messages/pin-outcomes.*.ts). */
export const PIN_OUTCOME_TEXT = Object.fromEntries(
  (Object.keys(pinOutcomesId) as PinVerifyOutcome[]).map((o) => [o, { id: pinOutcomesId[o], en: pinOutcomesEn[o] }])
) as Record<PinVerifyOutcome, { id: string; en: string }>;
