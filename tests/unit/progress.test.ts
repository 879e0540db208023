import { describe, expect, it } from 'vitest';
import { applyEvent, isStalled, overallPercent } from '../../server/domain/progress.ts';
import type { ParticipantEvent, ParticipantEventInput, ParticipantView } from '../../protocol/index.ts';

const NIP = '198503102010121001';
const roster = (nip: string) => (nip === NIP ? { participantId: 7, nip, name: 'Dewi Lestari' } : null);
const D = 180 * 60_000;
const fold = (events: (ParticipantEventInput & { at: number })[]) =>
  events.reduce<ParticipantView | null>((p, e, i) => applyEvent(p, { ...e, seq: i + 1 } as ParticipantEvent, roster, D), null);

describe('ProASN progress', () => {
  it('weights the five instruments equally over the whole set', () => {
    expect(overallPercent('manajerial_sosiokultural', 0)).toBe(0);
    expect(overallPercent('potensi', 50)).toBe(30);
    expect(overallPercent('talent_dna', 100)).toBe(100);
  });
  it('folds login, instruments and progress; the 180 minutes run from the first login', () => {
    const p = fold([
      { type: 'login', nip: NIP, at: 1000 },
      { type: 'instrument', instrument: 'manajerial_sosiokultural', at: 2000 },
      { type: 'progress', instrument: 'manajerial_sosiokultural', percent: 40, at: 3000 },
      { type: 'logout', at: 4000 },
      { type: 'login', nip: NIP, at: 5000 }
    ])!;
    expect(p).toMatchObject({ participantId: 7, name: 'Dewi Lestari', loggedIn: true, startedAt: 1000, deadlineAt: 1000 + D, percent: 40, overallPercent: 8 });
  });
  it('is finished only when the exam application says so, then the questionnaire', () => {
    const p = fold([
      { type: 'login', nip: NIP, at: 1 },
      { type: 'progress', instrument: 'talent_dna', percent: 100, at: 2 },
      { type: 'finished', at: 3 },
      { type: 'questionnaire', at: 4 }
    ])!;
    expect(p).toMatchObject({ finished: true, questionnaire: true, overallPercent: 100 });
    expect(fold([{ type: 'login', nip: NIP, at: 1 }, { type: 'progress', instrument: 'talent_dna', percent: 100, at: 2 }])!.finished).toBe(false);
  });
  it('shows someone not on the roster by NIP', () => {
    expect(fold([{ type: 'login', nip: '199001012015032002', name: 'Tamu', at: 1 } as any])).toMatchObject({ participantId: null, nip: '199001012015032002', name: 'Tamu' });
  });
  it('ignores progress before any login', () => {
    expect(fold([{ type: 'progress', instrument: 'potensi', percent: 10, at: 1 }])).toBeNull();
  });
  it('a logged-in participant with no progress for the stall time is stalled; finished is never stalled', () => {
    const p = fold([{ type: 'login', nip: NIP, at: 0 }])!;
    expect(isStalled(p, 599_999, 600_000)).toBe(false);
    expect(isStalled(p, 600_000, 600_000)).toBe(true);
    expect(isStalled({ ...p, finished: true }, 10 ** 9, 600_000)).toBe(false);
  });
});
