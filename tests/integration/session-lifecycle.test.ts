/**
 * A session walked through its lifecycle over the real HTTP API (Perban BKN 4/2024 Pasal 11–14):
 * scheduled → preparation → (daftar periksa, Lampiran I.B) → open → (PIN, Pasal 14(1)i; desk,
 * Pasal 14(2)) → running. Every refusal says why; every step is in the audit trail; a second
 * proctor watching the room sees each step live as room:session.
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts) with room R1 (four seats, four
 * participants) and its scheduled session, and walks it as far as it needs with the steps below.
 */
import { describe, expect, it } from 'vitest';
import { PIN_ALPHABET, PIN_LENGTH } from '../../protocol/session.ts';
import type { SessionSummary, SessionTopic } from '../../protocol/index.ts';
import { api, call, checklistBody, connected, dashboardSocket, until } from '../helpers/server.ts';
import { closeAfterTest, proctorRoom, venuePerTest } from '../helpers/per-test.ts';

type SessionPush = { roomId: number; at: number; session: SessionSummary | null; changed: SessionTopic[] };

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50 }, [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 2, session: 'scheduled' }]);

/**
 * A venue of the test's own: its proctor, the scheduled session of R1, a second proctor watching the
 * room (its pushes), the seeded roster, and the regular steps of the walk.
 */
async function setup() {
  const v = await venues.venue();
  const { srv, roomId, pengawas, sessionId } = await proctorRoom(v);
  const instruktur = await v.login('instruktur');
  /** the second proctor's dashboard and what it received */
  const watcher = dashboardSocket(srv.url, instruktur);
  closeAfterTest(watcher);
  await connected(watcher);
  const join = await call(watcher, 'room:join', { roomId });
  expect(join.ok).toBe(true);
  expect(join.snapshot.session).toMatchObject({ id: sessionId, state: 'scheduled', actions: ['prepare', 'postpone'] });
  const pushes: SessionPush[] = [];
  watcher.on('room:session', (p) => pushes.push(p as SessionPush));
  /** participant ids of the seeded roster */
  const roster = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/attendance`)).body.rows as { participantId: number; name: string }[];
  expect(roster).toHaveLength(4);

  const transition = (body: object, who = pengawas) => api(srv.url, who, 'POST', `/sessions/${sessionId}/transition`, body);
  const checklist = (body: object) => api(srv.url, pengawas, 'PUT', `/sessions/${sessionId}/checklist`, body);
  /** the next room:session push after `from` pushes that changed `topic` */
  const pushed = (topic: SessionTopic, from: number, pred: (p: SessionPush) => boolean = () => true) =>
    until(() => pushes.slice(from).find((p) => p.changed.includes(topic) && pred(p)), 3000);
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const res = await r;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  /** the regular steps, each expected to succeed */
  const step = {
    prepare: () => ok(transition({ action: 'prepare' })),
    /** a draft (row A filled), as version 1 */
    draft: () => ok(checklist({ ...checklistBody(0), items: { ...checklistBody(0).items, A: { value: 'sesuai', keterangan: 'rapat koordinasi pagi' } } })),
    /** completed, layak, over `version` */
    complete: (version: number) => ok(checklist(checklistBody(version, { filled: true, complete: true }))),
    open: () => ok(transition({ action: 'open' })),
    pin: () => ok(api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 })),
    checkInFirst: () => ok(api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/participants/${roster[0].participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true })),
    start: () => ok(transition({ action: 'start', markAbsent: true }))
  };
  /** scheduled → preparation → (draft, completed checklist) → open → (PIN, the first checked in, the rest absent) → running */
  async function walkTo(state: 'preparation' | 'open' | 'running') {
    await step.prepare();
    if (state === 'preparation') return;
    await step.draft();
    await step.complete(1);
    await step.open();
    if (state === 'open') return;
    await step.pin();
    await step.checkInFirst();
    await step.start();
  }
  return { v, srv, roomId, sessionId, pengawas, pushes, roster, transition, checklist, pushed, step, walkTo };
}

describe('session lifecycle', () => {
  it('scheduled → preparation, pushed to the other proctor', async () => {
    const { srv, roomId, sessionId, pengawas, pushes, transition, pushed } = await setup();
    const mark = pushes.length;
    const r = await transition({ action: 'prepare' });
    expect(r.status).toBe(200);
    expect(r.body.session).toMatchObject({ id: sessionId, state: 'preparation', actions: ['open', 'postpone'] });
    const p = await pushed('state', mark);
    expect(p).toMatchObject({ roomId, session: { id: sessionId, state: 'preparation' } });
    expect((await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/session`)).body.session.state).toBe('preparation');
  });

  it('open is refused without a completed checklist, saying why (409 INVALID_STATE)', async () => {
    const { srv, sessionId, pengawas, transition, walkTo } = await setup();
    await walkTo('preparation');
    const r = await transition({ action: 'open' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(r.body.message).toMatch(/daftar periksa/i);
    expect(r.body.message).toMatch(/not been completed/);
    expect(r.body.pesan).toMatch(/Daftar periksa .* belum selesai/);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}`)).body.session.state).toBe('preparation');
  });

  it('the checklist: draft, stale version refused, incomplete completion refused with the missing paths', async () => {
    const { srv, sessionId, pengawas, pushes, checklist, pushed, walkTo } = await setup();
    await walkTo('preparation');
    const empty = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/checklist`);
    expect(empty.status).toBe(200);
    expect(empty.body.checklist).toMatchObject({ sessionId, version: 0, completedAt: null, conclusion: null });
    expect(empty.body.checklist.missing).toContain('items.A');

    const mark = pushes.length;
    const draft = await checklist({ ...checklistBody(0), items: { ...checklistBody(0).items, A: { value: 'sesuai', keterangan: 'rapat koordinasi pagi' } } });
    expect(draft.status).toBe(200);
    expect(draft.body.checklist).toMatchObject({ version: 1, completedAt: null, updatedBy: expect.any(String) });
    expect(draft.body.checklist.items.A).toEqual({ value: 'sesuai', keterangan: 'rapat koordinasi pagi' });
    const p = await pushed('checklist', mark);
    expect(p.session!.checklist).toEqual({ status: 'draft', conclusion: null });

    // a second proctor who started from version 0 does not overwrite it
    const stale = await checklist(checklistBody(0, { filled: true }));
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');

    // completing with gaps: 400 with the paths of what is missing, and nothing stored
    const partial = checklistBody(1, { filled: true, complete: true });
    partial.items['B.5'] = { value: null, keterangan: '' };
    partial.conclusion = null;
    partial.signers.instansi = { name: '', nip: '' };
    (partial.counts as Record<string, number | null>).pcCadangan = null;
    const bad = await checklist(partial);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_PAYLOAD');
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['items.B.5', 'conclusion', 'signers.instansi.name', 'signers.instansi.nip', 'counts.pcCadangan']));
    expect(paths).not.toContain('items.A');
    const still = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/checklist`);
    expect(still.body.checklist).toMatchObject({ version: 1, completedAt: null });
  });

  it('a completed checklist that says layak lets registration open', async () => {
    const { pushes, checklist, transition, pushed, step, walkTo } = await setup();
    await walkTo('preparation');
    await step.draft();
    const mark = pushes.length;
    const done = await checklist(checklistBody(1, { filled: true, complete: true }));
    expect(done.status).toBe(200);
    expect(done.body.checklist).toMatchObject({ version: 2, conclusion: 'layak', completedAt: expect.any(Number), completedBy: expect.any(String), missing: [] });
    const p = await pushed('checklist', mark);
    expect(p.session!.checklist).toEqual({ status: 'complete', conclusion: 'layak' });

    const mark2 = pushes.length;
    const open = await transition({ action: 'open' });
    expect(open.status).toBe(200);
    expect(open.body.session).toMatchObject({ state: 'open', actions: ['start', 'postpone'] });
    await pushed('state', mark2, (x) => x.session?.state === 'open');
  });

  it('an open session\'s checklist is a record: editing it is refused', async () => {
    // (checked again once running, below)
    const { checklist, walkTo } = await setup();
    await walkTo('open');
    const r = await checklist(checklistBody(2, { filled: true }));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
  });

  it('start is refused without a PIN, then while participants are unaccounted for', async () => {
    const { srv, sessionId, pengawas, pushes, roster, transition, pushed, walkTo } = await setup();
    await walkTo('open');
    const noPin = await transition({ action: 'start' });
    expect(noPin.status).toBe(409);
    expect(noPin.body.code).toBe('INVALID_STATE');
    expect(noPin.body.message).toMatch(/PIN/);

    const mark = pushes.length;
    const pin = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 });
    expect(pin.status).toBe(200);
    expect(pin.body.pin.pin).toMatch(new RegExp(`^[${PIN_ALPHABET}]{${PIN_LENGTH}}$`));
    const p = await pushed('pin', mark);
    expect(p.session!.pin).toMatchObject({ active: true, generation: 1 });
    expect(JSON.stringify(p)).not.toContain(pin.body.pin.pin); // watchers learn there is a PIN, not what it is

    const nobody = await transition({ action: 'start' });
    expect(nobody.status).toBe(409);
    expect(nobody.body.message).toMatch(/No participant has been registered present/);

    const mark2 = pushes.length;
    const [first] = roster;
    const ci = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/participants/${first.participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true });
    expect(ci.status).toBe(200);
    expect(ci.body.row).toMatchObject({ participantId: first.participantId, status: 'present' });
    const a = await pushed('attendance', mark2);
    expect(a.session!.counts).toMatchObject({ participants: 4, present: 1, expected: 3 });

    const unaccounted = await transition({ action: 'start' });
    expect(unaccounted.status).toBe(409);
    expect(unaccounted.body.code).toBe('INVALID_STATE');
    expect(unaccounted.body.message).toMatch(/3 participants are on the roster but not registered/);
    expect(unaccounted.body.pesan).toMatch(/3 peserta/);
  });

  it('start with markAbsent: running, the rest recorded absent', async () => {
    const { srv, sessionId, pengawas, pushes, roster, transition, pushed, step, walkTo } = await setup();
    await walkTo('open');
    await step.pin();
    await step.checkInFirst();
    const mark = pushes.length;
    const r = await transition({ action: 'start', markAbsent: true });
    expect(r.status).toBe(200);
    expect(r.body.session).toMatchObject({ state: 'running', startedAt: expect.any(Number), actions: ['finish', 'postpone'] });
    expect(r.body.session.counts).toMatchObject({ participants: 4, present: 1, absent: 3, expected: 0 });
    const p = await pushed('state', mark, (x) => x.session?.state === 'running');
    expect(p.changed).toEqual(expect.arrayContaining(['state', 'attendance']));

    const att = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/attendance`);
    expect(att.body.counts).toMatchObject({ total: 4, present: 1, absent: 3, expected: 0 });
    const byStatus = (s: string) => att.body.rows.filter((x: { status: string }) => x.status === s).map((x: { participantId: number }) => x.participantId);
    expect(byStatus('present')).toEqual([roster[0].participantId]);
    expect(byStatus('absent').sort()).toEqual(roster.slice(1).map((x) => x.participantId).sort());
  });

  it('a running session is postponed only with its berita acara (the plain step is refused); the checklist stays a record', async () => {
    const { transition, checklist, walkTo } = await setup();
    await walkTo('running');
    const r = await transition({ action: 'postpone', reason: 'listrik padam' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_PAYLOAD');
    expect(r.body.messageCode).toBe('postponement.useForm');
    expect(r.body.message).toMatch(/berita acara penundaan/);
    const edit = await checklist(checklistBody(2, { filled: true }));
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('INVALID_STATE');
  });

  it('GET /sessions/:id lists the transitions with who made them', async () => {
    const { srv, sessionId, pengawas, walkTo } = await setup();
    await walkTo('running');
    const r = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}`);
    expect(r.status).toBe(200);
    const steps = [...r.body.transitions].reverse().map((t: any) => [t.action, t.from, t.to]);
    expect(steps).toEqual([['prepare', 'scheduled', 'preparation'], ['open', 'preparation', 'open'], ['start', 'open', 'running']]);
    for (const t of r.body.transitions) expect(t.by).not.toBe('system');
  });

  it('every step is in the audit trail, in order', async () => {
    const { v, srv, sessionId, pengawas, roster, walkTo } = await setup();
    await walkTo('running');
    const r = await api(srv.url, pengawas, 'GET', `/audit?venueId=${v.seeded[0].venueId}&limit=500`);
    expect(r.status).toBe(200);
    const mine = [...r.body.rows].reverse().filter((x: any) => x.targetType === 'session' && x.targetId === String(sessionId));
    const actions = mine.map((x: any) => x.action).filter((a: string) => a !== 'participant.list_viewed');
    expect(actions).toEqual(['session.prepare', 'checklist.saved', 'checklist.completed', 'session.open', 'session.pin_issued', 'session.start']);
    const start = mine.find((x: any) => x.action === 'session.start');
    expect(start).toMatchObject({ actorId: v.accounts.pengawas.id, before: { state: 'open' }, after: { state: 'running', markedAbsent: 3 } });
    const checkedIn = r.body.rows.find((x: any) => x.action === 'participant.checked_in');
    expect(checkedIn).toMatchObject({ targetType: 'participant', targetId: String(roster[0].participantId) });
  });

  it('the other proctor saw every step as room:session, with the topics that changed', async () => {
    const { roomId, sessionId, pushes, walkTo } = await setup();
    await walkTo('running');
    await until(() => pushes.find((p) => p.session?.state === 'running'), 3000);
    const states = pushes.filter((p) => p.changed.includes('state')).map((p) => p.session!.state);
    expect(states).toEqual(['preparation', 'open', 'running']);
    for (const topic of ['state', 'checklist', 'pin', 'attendance'] as const) {
      expect(pushes.some((p) => p.changed.includes(topic)), topic).toBe(true);
    }
    expect(pushes.every((p) => p.roomId === roomId && p.session?.id === sessionId)).toBe(true);
  });

  it('finish closes the PIN: no one logs in to a session that is over', async () => {
    const { srv, sessionId, pengawas, transition, walkTo } = await setup();
    await walkTo('running');
    const r = await transition({ action: 'finish' });
    expect(r.status).toBe(200);
    expect(r.body.session.state).toBe('finished');
    expect(r.body.session.pin.active).toBe(false);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin).toBeNull();
    const again = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, { lifetimeMin: 30 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
  });
});
