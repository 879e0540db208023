/** A complete Lampiran III form for POST /api/sessions/:id/postpone, and resuming (Perban BKN 4/2024 Pasal 12(2)e–f, 12(3)). */
import type { PostponementInput } from '../../protocol/postponement.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addWorkingDays, makeCalendar } from '../../server/domain/working-days.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { api, checklistBody, type Session } from './server.ts';

export function postponeBody(over: Partial<PostponementInput> = {}): PostponementInput {
  return {
    scope: 'session',
    category: 'listrik',
    reason: 'listrik padam di seluruh gedung dan genset belum dapat dinyalakan',
    coordination: {
      agencyOfficial: { name: 'Dra. Sri Wahyuni', jabatan: 'Kepala Badan Kepegawaian Daerah' },
      bknOfficial: { name: 'Ir. Bambang Santoso', jabatan: 'Kepala Kantor Regional I BKN', office: 'kanreg' }
    },
    followUps: ['Perbaikan instalasi listrik gedung', 'Uji coba genset selama 30 menit'],
    signers: { bkn: { name: 'Pengawas BKN', nip: '198503102010121001' }, instansi: { name: 'Panitia Instansi', nip: null } },
    ...over
  };
}

/** A date this many working days after today (WIB), on the national calendar. */
export const workingDaysAhead = (n: number) => addWorkingDays(makeCalendar(nationalHolidays), zonedDate(Date.now(), 'Asia/Jakarta'), n);

/** Mark every follow-up of the session's newest postponement done, and complete a new daftar periksa that says layak. */
export async function readyToResume(url: string, who: Session, sessionId: number) {
  const list = (await api(url, who, 'GET', `/sessions/${sessionId}/postponements`)).body.postponements[0];
  for (const f of list.followUps) {
    const r = await api(url, who, 'POST', `/postponements/${list.id}/followups/${f.id}/done`);
    if (r.status !== 200) throw new Error(`follow-up ${f.id}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const { version } = (await api(url, who, 'GET', `/sessions/${sessionId}/checklist`)).body.checklist;
  const c = await api(url, who, 'PUT', `/sessions/${sessionId}/checklist`, checklistBody(version, { filled: true, complete: true }));
  if (c.status !== 200) throw new Error(`checklist: ${c.status} ${JSON.stringify(c.body)}`);
}
