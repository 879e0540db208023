import type { NipProblem } from '../nip.ts';
import { errorsEn } from './errors.en.ts';
import { errorsId } from './errors.id.ts';

/** The catalog's words for each problem (protocol/messages/errors.*.ts, codes `nip.*`), both languages. */
export const NIP_PROBLEM_TEXT: Record<NipProblem, { id: string; en: string }> = {
  format: { id: errorsId['nip.format'], en: errorsEn['nip.format'] },
  birth_date: { id: errorsId['nip.birth_date'], en: errorsEn['nip.birth_date'] },
  appointment: { id: errorsId['nip.appointment'], en: errorsEn['nip.appointment'] },
  sex: { id: errorsId['nip.sex'], en: errorsEn['nip.sex'] }
};
