/**
 * The rules of a postponement (server/domain/postponement.ts; Perban BKN 4/2024 Pasal 12(2)e–f,
 * 12(3), Lampiran III): what the berita acara needs filled in, which sessions a scope covers, and
 * what resuming waits for.
 */
import { describe, expect, it } from 'vitest';
import { SESSION_TRANSITIONS, actionsFrom } from '../../protocol/session.ts';
import type { PostponementInput } from '../../protocol/postponement.ts';
import { coveredSessions, notStarted, resumeProblem, resumeReadiness, validatePostponement, type SessionFacts } from '../../server/domain/postponement.ts';

const input = (over: Partial<PostponementInput> = {}): PostponementInput => ({
  scope: 'session',
  category: 'listrik',
  reason: '  listrik padam di seluruh gedung ',
  coordination: {
    agencyOfficial: { name: 'Dra. Sri Wahyuni', jabatan: 'Kepala BKD' },
    bknOfficial: { name: 'Ir. Bambang', jabatan: 'Kepala Kantor Regional I', office: 'kanreg' }
  },
  followUps: ['Perbaikan instalasi listrik', '', '  Uji genset  '],
  signers: { bkn: { name: 'Pengawas BKN', nip: '198503102010121001' }, instansi: { name: 'Panitia Instansi', nip: null } },
  ...over
});

describe('validatePostponement', () => {
  it('accepts a complete form, trimmed, blank follow-up rows dropped, an empty agency NIP as none', () => {
    const v = validatePostponement(input({ signers: { bkn: { name: ' Pengawas BKN ', nip: ' 198503102010121001 ' }, instansi: { name: 'Panitia', nip: '' } } }));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.reason).toBe('listrik padam di seluruh gedung');
    expect(v.value.followUps).toEqual(['Perbaikan instalasi listrik', 'Uji genset']);
    expect(v.value.signers).toEqual({ bkn: { name: 'Pengawas BKN', nip: '198503102010121001' }, instansi: { name: 'Panitia', nip: null } });
  });

  it('names every missing field: reason, both officials with name and position, a follow-up, both signers, the BKN NIP', () => {
    const v = validatePostponement({
      scope: 'session', category: 'sarana', reason: ' ',
      coordination: { agencyOfficial: { name: '', jabatan: ' ' }, bknOfficial: { name: '', jabatan: '', office: 'upt' } },
      followUps: ['  ', ''],
      signers: { bkn: { name: '', nip: null }, instansi: { name: '', nip: null } }
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => i.path)).toEqual([
      'reason', 'coordination.agencyOfficial.name', 'coordination.agencyOfficial.jabatan', 'coordination.bknOfficial.name', 'coordination.bknOfficial.jabatan',
      'followUps', 'signers.bkn.name', 'signers.bkn.nip', 'signers.instansi.name'
    ]);
    expect(v.msg).toEqual({ code: 'postponement.incomplete', params: { n: 9 } });
    expect(v.issues.find((i) => i.path === 'followUps')?.code).toBe('postponement.followUpRequired');
  });

  it('checks a NIP given with the NIP rules (the agency official may have none)', () => {
    const bad = validatePostponement(input({ signers: { bkn: { name: 'A', nip: '198513102010121001' }, instansi: { name: 'B', nip: '12345' } } }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.path, i.code])).toEqual([['signers.bkn.nip', 'nip.birth_date'], ['signers.instansi.nip', 'nip.format']]);
    expect(validatePostponement(input({ signers: { bkn: { name: 'A', nip: '198503102010121001' }, instansi: { name: 'B', nip: '198703152012122002' } } })).ok).toBe(true);
  });
});

describe('coveredSessions', () => {
  const s = (id: number, state: string, over: Partial<SessionFacts> = {}): SessionFacts => ({ id, activityId: 7, venueId: 1, state, startedAt: null, scheduledAt: 1000 + id, ...over });
  const acted = s(1, 'running', { startedAt: 500 });
  const others = [
    s(5, 'scheduled', { scheduledAt: 9000 }), s(2, 'preparation'), s(3, 'open'),
    s(4, 'finished', { startedAt: 600 }), s(6, 'cancelled'), s(7, 'finalised', { startedAt: 1 }), s(8, 'postponed'),
    s(9, 'scheduled', { activityId: 8 }), s(10, 'scheduled', { venueId: 2 }), acted
  ];

  it("scope 'session': only the one acted from", () => {
    expect(coveredSessions(acted, others, 'session')).toEqual([1]);
  });

  it("scope 'activity': that one first, then the activity's sessions at the venue not started and not cancelled, finalised or postponed, by start", () => {
    expect(coveredSessions(acted, others, 'activity')).toEqual([1, 2, 3, 5]);
  });

  it('a session without an activity covers only itself', () => {
    expect(coveredSessions({ ...acted, activityId: null }, others, 'activity')).toEqual([1]);
  });

  it('not started: scheduled, in preparation or open, never begun', () => {
    expect(notStarted({ state: 'open', startedAt: null })).toBe(true);
    expect(notStarted({ state: 'scheduled', startedAt: 5 })).toBe(false);
    expect(notStarted({ state: 'running', startedAt: null })).toBe(false);
  });
});

describe('postpone from running; resume waits for the follow-ups and a new checklist (Pasal 12(3))', () => {
  it('postpone is offered from scheduled, preparation, open and running — and from finished, where the guard asks that nobody sat it', () => {
    expect(SESSION_TRANSITIONS.postpone.from).toEqual(['scheduled', 'preparation', 'open', 'running', 'finished']);
    expect(actionsFrom('running')).toEqual(['finish', 'postpone']);
  });

  const at = 10_000;
  it('open follow-ups first, then a checklist completed after the postponement that says layak', () => {
    const done = { completedAt: at + 5, conclusion: 'layak' as const };
    expect(resumeProblem({ followUpsOpen: 2, postponedAt: at, checklist: done })).toEqual({ code: 'postponement.followUpsOpen', params: { n: 2 } });
    expect(resumeProblem({ followUpsOpen: 0, postponedAt: at, checklist: null })?.code).toBe('postponement.checklistNeeded');
    expect(resumeProblem({ followUpsOpen: 0, postponedAt: at, checklist: { completedAt: null, conclusion: 'layak' } })?.code).toBe('postponement.checklistNeeded');
    expect(resumeProblem({ followUpsOpen: 0, postponedAt: at, checklist: { completedAt: at - 1, conclusion: 'layak' } })?.code).toBe('postponement.checklistNeeded');
    expect(resumeProblem({ followUpsOpen: 0, postponedAt: at, checklist: { completedAt: at + 5, conclusion: 'tidak_layak' } })?.code).toBe('postponement.checklistNeeded');
    expect(resumeProblem({ followUpsOpen: 0, postponedAt: at, checklist: done })).toBeNull();
    expect(resumeReadiness({ followUpsOpen: 1, postponedAt: at, checklist: done })).toEqual({ followUpsOpen: 1, checklistLayak: true });
  });
});
