import { describe, expect, it } from 'vitest';
import { checkTransition, previewTransition, unaccountedAtStart, type LifecycleFacts, type TransitionRequest } from '../../server/domain/session-lifecycle.ts';
import { SESSION_ACTIONS, SESSION_STATES, SESSION_TRANSITIONS } from '../../protocol/index.ts';
import { words } from '../../protocol/messages/index.ts';

/** Facts under which every guard passes, so a test changes only what it is about. */
const ready = (over: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  state: 'scheduled',
  checklist: { complete: true, conclusion: 'layak' },
  pinActive: true,
  attendance: { expected: 0, present: 10, absent: 2 },
  working: 0,
  ...over
});
const check = (over: Partial<LifecycleFacts>, req: TransitionRequest) => checkTransition(ready(over), req);
const refusal = (v: ReturnType<typeof checkTransition>) => {
  if (v.ok) throw new Error('expected a refusal, got ' + JSON.stringify(v));
  expect(v.code).toBe('INVALID_STATE');
  // the refusal is a code of the message catalog; its words in both languages are checked below
  return { ...v, ...words(v.msg) };
};

describe('session lifecycle: which state each action is allowed from', () => {
  for (const action of SESSION_ACTIONS) {
    for (const state of SESSION_STATES) {
      const allowed = SESSION_TRANSITIONS[action].from.includes(state);
      it(`${action} from ${state} is ${allowed ? 'allowed' : 'refused'}`, () => {
        // a finished session is finalised when people sat it, postponed when nobody did
        const v = check(state === 'finished' ? { state, completion: { unexplained: [], started: action !== 'postpone' } } : { state }, { action, reason: 'ruang banjir', markAbsent: true });
        if (allowed) expect(v).toMatchObject({ ok: true, from: state, to: SESSION_TRANSITIONS[action].to });
        else expect(v.ok).toBe(false);
      });
    }
  }
  it('a refusal names the state, in English and Indonesian, and says what can be done instead', () => {
    const v = refusal(check({ state: 'running' }, { action: 'open' }));
    expect(v.msg).toEqual({ code: 'session.wrongState', params: { state: 'running', action: 'open' } });
    expect(v.message).toContain('A session in state running cannot be opened');
    expect(v.pesan).toContain('Sesi berstatus berjalan tidak dapat dibuka');
    expect(v.message).toContain('finish');
    expect(v.pesan).toContain('selesaikan');
  });
  it('a finished session people sat is finalised, never postponed; one nobody sat is held again', () => {
    const sat = refusal(check({ state: 'finished', completion: { unexplained: [], started: true } }, { action: 'postpone', reason: 'ruang banjir' }));
    expect(sat.msg.code).toBe('session.postponeAfterTest');
    expect(check({ state: 'finished', completion: { unexplained: [], started: false } }, { action: 'postpone', reason: 'ruang banjir' })).toMatchObject({ ok: true, to: 'postponed' });
  });
  it('a finalised session can do nothing more', () => {
    const v = refusal(check({ state: 'finalised' }, { action: 'resume' }));
    expect(v.message).toMatch(/finalised cannot be resumed.*Nothing more/);
  });
});

describe('open: needs a completed daftar periksa that says layak (Pasal 12(2)c, Lampiran I.B)', () => {
  it('no completed checklist → refused, asking to complete it', () => {
    const v = refusal(check({ state: 'preparation', checklist: { complete: false, conclusion: null } }, { action: 'open' }));
    expect(v.message).toMatch(/not been completed/);
    expect(v.pesan).toMatch(/belum selesai/);
  });
  it('a draft that already says layak is not enough', () => {
    expect(check({ state: 'preparation', checklist: { complete: false, conclusion: 'layak' } }, { action: 'open' }).ok).toBe(false);
  });
  it('tidak layak → refused, pointing to postponement instead', () => {
    const v = refusal(check({ state: 'preparation', checklist: { complete: true, conclusion: 'tidak_layak' } }, { action: 'open' }));
    expect(v.message).toMatch(/tidak layak.*Postpone/);
    expect(v.message).toContain('Pasal 12(2)e');
    expect(v.pesan).toMatch(/Tunda sesi/);
  });
  it('complete and layak → open', () => {
    expect(check({ state: 'preparation' }, { action: 'open' })).toEqual({ ok: true, from: 'preparation', to: 'open', markAbsent: false });
  });
});

describe('start: PIN, someone present, everyone accounted for (Pasal 14(1)i, 14(2))', () => {
  const open = { state: 'open' as const };
  it('without an active PIN → refused', () => {
    const v = refusal(check({ ...open, pinActive: false }, { action: 'start' }));
    expect(v.message).toMatch(/PIN/);
    expect(v.pesan).toMatch(/PIN/);
  });
  it('with nobody present → refused', () => {
    const v = refusal(check({ ...open, attendance: { expected: 0, present: 0, absent: 5 } }, { action: 'start' }));
    expect(v.message).toMatch(/No participant has been registered present/);
  });
  it('with some unaccounted for → refused, saying how many and that markAbsent marks them absent', () => {
    const v = refusal(check({ ...open, attendance: { expected: 3, present: 10, absent: 0 } }, { action: 'start' }));
    expect(v.message).toMatch(/^3 participants are on the roster/);
    expect(v.message).toMatch(/mark absent/);
    expect(v.pesan).toMatch(/^3 peserta/);
    const one = refusal(check({ ...open, attendance: { expected: 1, present: 10, absent: 0 } }, { action: 'start' }));
    expect(one.message).toMatch(/^1 participant is/);
  });
  it('markAbsent starts and says to mark them absent', () => {
    expect(check({ ...open, attendance: { expected: 3, present: 10, absent: 0 } }, { action: 'start', markAbsent: true }))
      .toEqual({ ok: true, from: 'open', to: 'running', markAbsent: true });
  });
  it('markAbsent with nobody unaccounted for is just a start', () => {
    expect(check(open, { action: 'start', markAbsent: true })).toEqual({ ok: true, from: 'open', to: 'running', markAbsent: false });
    expect(check(open, { action: 'start' })).toEqual({ ok: true, from: 'open', to: 'running', markAbsent: false });
  });
});

describe('finish, finalise, postpone, resume', () => {
  it('finish with people working needs a reason', () => {
    const v = refusal(check({ state: 'running', working: 4 }, { action: 'finish' }));
    expect(v.message).toMatch(/^4 participants are still working\. Give a reason/);
    expect(refusal(check({ state: 'running', working: 4 }, { action: 'finish', reason: '   ' })).code).toBe('INVALID_STATE');
    expect(check({ state: 'running', working: 4 }, { action: 'finish', reason: 'listrik padam' })).toMatchObject({ ok: true, to: 'finished' });
  });
  it('finish when everyone is done needs no reason', () => {
    expect(check({ state: 'running', working: 0 }, { action: 'finish' })).toMatchObject({ ok: true, to: 'finished' });
  });
  it('finalise is refused while someone is still working, even with a reason', () => {
    const v = refusal(check({ state: 'finished', working: 1 }, { action: 'finalise', reason: 'x' }));
    expect(v.message).toMatch(/^1 participant is still working/);
    expect(check({ state: 'finished' }, { action: 'finalise' })).toMatchObject({ ok: true, to: 'finalised' });
  });
  it('postpone needs a reason (Pasal 12(2)e–f)', () => {
    for (const state of ['scheduled', 'preparation', 'open'] as const) {
      const v = refusal(check({ state }, { action: 'postpone' }));
      expect(v.message).toMatch(/reason/);
      expect(v.pesan).toMatch(/alasan/);
      expect(check({ state }, { action: 'postpone', reason: 'genset rusak' })).toMatchObject({ ok: true, from: state, to: 'postponed' });
    }
  });
  it('resume goes back to preparation, and the checklist does not matter for it', () => {
    expect(check({ state: 'postponed', checklist: { complete: false, conclusion: null } }, { action: 'resume' }))
      .toEqual({ ok: true, from: 'postponed', to: 'preparation', markAbsent: false });
  });
  it('prepare from scheduled', () => {
    expect(check({ state: 'scheduled', checklist: { complete: false, conclusion: null }, pinActive: false }, { action: 'prepare' }))
      .toEqual({ ok: true, from: 'scheduled', to: 'preparation', markAbsent: false });
  });
});

describe('nobody logged in is marked absent; nobody left inside at the close; one source for the dialog', () => {
  const open = { state: 'open' as const };
  it('an empty roster is refused with its own reason, not "everyone accounted for"', () => {
    const v = refusal(check({ ...open, attendance: { expected: 0, present: 0, absent: 0 } }, { action: 'start', markAbsent: true }));
    expect(v.message).toMatch(/no participants\. Import the roster/);
    expect(v.pesan).toMatch(/belum memiliki peserta/);
  });
  it('unregistered participants logged in at a PC do not hold the start up, and are not counted to mark absent', () => {
    const facts = { ...open, attendance: { expected: 3, present: 10, absent: 0, expectedLoggedIn: 3 } };
    expect(check(facts, { action: 'start' })).toEqual({ ok: true, from: 'open', to: 'running', markAbsent: false });
    const some = { ...open, attendance: { expected: 5, present: 10, absent: 0, expectedLoggedIn: 3 } };
    expect(refusal(check(some, { action: 'start' })).message).toMatch(/^2 participants are on the roster/);
    expect(unaccountedAtStart(ready(some))).toBe(2);
  });
  it('finalise is refused while someone is still recorded inside the room, naming them (Pasal 13(2), 14(1)k)', () => {
    const v = refusal(check({ state: 'finished', visitorsInside: [{ name: 'Teknisi PLN' }, { name: 'Budi' }] }, { action: 'finalise' }));
    expect(v.message).toMatch(/2 others are still recorded inside the room \(Teknisi PLN, Budi\)/);
    expect(v.pesan).toMatch(/2 orang lain masih tercatat di dalam ruang \(Teknisi PLN, Budi\)/);
    // finishing the test and starting it are not held up by a visitor: the dialog lists them
    expect(check({ state: 'running', visitorsInside: [{ name: 'Teknisi PLN' }] }, { action: 'finish' }).ok).toBe(true);
    expect(check({ state: 'open', visitorsInside: [{ name: 'Teknisi PLN' }] }, { action: 'start' }).ok).toBe(true);
  });
  it('the preview is the verdicts of checkTransition itself', () => {
    const p = previewTransition(ready({ ...open, pinActive: false }), 'start');
    expect(p.verdicts.plain).toEqual({
      ok: false, messageCode: 'session.noPin', params: {}, message: expect.stringMatching(/PIN/), pesan: expect.stringMatching(/Terbitkan PIN sebelum memulai/)
    });
    expect(p.verdicts.withMarkAbsent?.ok).toBe(false);
    const q = previewTransition(ready({ ...open, attendance: { expected: 4, present: 2, absent: 0, expectedLoggedIn: 1 } }), 'start');
    expect(q).toMatchObject({ to: 'running', reason: 'none', verdicts: { plain: { ok: false }, withMarkAbsent: { ok: true } }, markAbsent: { count: 3, loggedIn: 1 } });
    expect(previewTransition(ready({ state: 'running', working: 2 }), 'finish')).toMatchObject({ reason: 'required', verdicts: { plain: { ok: false }, withReason: { ok: true } } });
    expect(previewTransition(ready({ state: 'running' }), 'finish')).toMatchObject({ reason: 'optional', verdicts: { plain: { ok: true } } });
    expect(previewTransition(ready({ state: 'open' }), 'postpone')).toMatchObject({ reason: 'required', verdicts: { plain: { ok: false }, withReason: { ok: true } }, markAbsent: null });
  });
});
