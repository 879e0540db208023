/**
 * The postponement's HTTP input (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III): shapes
 * and lengths here; what the berita acara needs filled in (names, at least one follow-up, a
 * plausible NIP) is server/domain/postponement.ts's, which words each missing field.
 */
import { z } from 'zod';
import { calendarDate } from './activity.ts';
import { BKN_OFFICES, POSTPONE_CATEGORIES, POSTPONE_TEXT_MAX as MAX, type BknOffice } from '../postponement.ts';

const text = (max: number) => z.string().trim().max(max);
const official = z.strictObject({ name: text(MAX.name), jabatan: text(MAX.jabatan) });
const signer = z.strictObject({ name: text(MAX.name), nip: text(MAX.nip).nullable() });

export const postponementSchema = z.strictObject({
  scope: z.enum(['session', 'activity']),
  category: z.enum(POSTPONE_CATEGORIES),
  reason: text(MAX.reason),
  coordination: z.strictObject({
    agencyOfficial: official,
    bknOfficial: official.extend({ office: z.enum(Object.keys(BKN_OFFICES) as [BknOffice, ...BknOffice[]]) })
  }),
  followUps: z.array(text(MAX.followUp)).max(MAX.followUps),
  signers: z.strictObject({ bkn: signer, instansi: signer })
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const resumeSchema = z.strictObject({ date: calendarDate, time, overrideReason: z.string().trim().min(1).max(500).optional() });
