/**
 * The message catalog (protocol/messages/): every entry in both languages with the same
 * parameters, typed parameters, every error code the server can send worded, one name per session
 * state used by the web and the server alike, and the words on the wire produced from codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, SESSION_STATES, type ErrorCode } from '../../protocol/index.ts';
import {
  errorCodesEn, errorCodesId, errorsEn, errorsId, issueAt, isMessageCode, message, msg, pinOutcomesEn, pinOutcomesId,
  refusalWords, say, sessionActionsEn, sessionActionsId, sessionStatesEn, sessionStatesId, stateName, wireMessage,
  workNamesEn, workNamesId, words, type Lang, type MessageCode, type NoParams, type ParamsOf
} from '../../protocol/messages/index.ts';
import { customIssue, issueMsg, wireIssue } from '../../protocol/messages/issues.ts';
import { NIP_PROBLEM_TEXT } from '../../protocol/messages/nip.ts';
import { PIN_OUTCOME_TEXT } from '../../protocol/messages/pin-outcomes.ts';
import { en as webEn } from '../../web/src/lib/i18n/en.ts';
import { id as webId } from '../../web/src/lib/i18n/id.ts';

/** The codes whose words take parameters. */
type FnCode = { [C in MessageCode]: ParamsOf<C> extends NoParams ? never : C }[MessageCode];

/** One set of parameters for every message that takes some: the type makes the list complete. */
const SAMPLES: { [C in FnCode]: ParamsOf<C> } = {
  'payload.invalid': { event: 'station:heartbeat' },
  'payload.notPlain': { reason: 'nested deeper than 12' },
  'version.unsupported': { version: '2', supported: [1] },
  'event.unknown': { name: 'station:nope' },
  'probe.bytesRange': { min: 1024, max: 8388608 },
  'user.nipExists': { nip: '198504122010031001' },
  'venue.unknown': { id: 9 },
  'role.mayNot': { capability: 'station.probe' },
  'target.notFound': { kind: 'room', id: 3 },
  'target.outsideScope': { kind: 'station', id: 4 },
  'station.seqGap': { expected: 17 },
  'station.quotaParticipant': { max: 5000 },
  'station.quotaMinute': { max: 600 },
  'station.notFound': { id: 5 },
  'station.offline': { code: 'R1-A3' },
  'station.probedRecently': { code: 'R1-A3' },
  'station.notInRoom': { id: 5 },
  'room.notFound': { id: 3 },
  'probe.unknown': { id: 'p-1' },
  'command.unknown': { id: 12 },
  'session.wrongStage': { work: 'import', states: ['scheduled', 'preparation', 'open'], state: 'running' },
  'session.wrongState': { state: 'running', action: 'open' },
  'session.otherActive': { code: 'R1-S1', state: 'running', action: 'start' },
  'session.unaccounted': { n: 3 },
  'session.finishWorking': { n: 2 },
  'session.finaliseWorking': { n: 1 },
  'postponement.incomplete': { n: 2 },
  'postponement.followUpsOpen': { n: 1 },
  'session.visitorsInside': { names: ['Teknisi PLN', 'Budi'] },
  'session.completionMissing': { names: ['Budi', 'Sari'], more: 3 },
  'completion.noteTooLong': { max: 500 },
  'checklist.conflict': { version: 4 },
  'checklist.incomplete': { n: 3 },
  'incident.conflict': { version: 2 },
  'participant.notInSession': { id: 7 },
  'seat.taken': { code: 'R1-A3', name: 'Budi' },
  'seat.notElsewhere': { name: 'Budi' },
  'checkin.identityIncomplete': { failed: ['idCard', 'faceMatch'] },
  'action.ended': { name: 'Budi' },
  'action.sessionOver': { state: 'finalised', name: 'Budi' },
  'action.notWorking': { state: 'open', kind: 'add_time', name: 'Budi' },
  'action.noPc': { name: 'Budi' },
  'action.someRefused': { n: 2 },
  'issue.tooShort': { min: 8 },
  'issue.tooLong': { max: 500 },
  'issue.tooFew': { min: 1 },
  'issue.tooMany': { max: 500 },
  'issue.min': { min: 1 },
  'issue.max': { max: 60 },
  'issue.above': { min: 0 },
  'issue.below': { max: 100 },
  'import.tooManyRows': { n: 2500, max: 2000 },
  'import.unknownColumn': { title: 'Golongan', columns: ['nip', 'nama'] },
  'import.columnTwice': { column: 'NIP' },
  'import.columnMissing': { column: 'Unit Kerja' },
  'import.untitledCell': { cell: 9 },
  'import.cellTooLong': { column: 'Nama', max: 120 },
  'import.cellEmpty': { column: 'Instansi' },
  'import.nipAsNumber': { nip: '1.98503E+17' },
  'import.nipProblem': { nip: '198504122010033001', problem: 'sex' },
  'import.nipTwice': { nip: '198504122010031001', first: 2, row: 4 },
  'import.nomorTwice': { nomor: 'P-001', first: 3, row: 5 },
  'import.csvUnreadable': { why: 'Invalid Closing Quote' },
  'import.otherAgency': { agency: 'Kementerian X' },
  'import.nomorUsed': { nomor: 'P-001' },
  'activity.purposeUnknown': { purpose: 'ujian' },
  'activity.venueKindUnknown': { kind: 'kafe' },
  'activity.timeZoneUnknown': { zone: 'Asia/Tokyo' },
  'activity.dateInvalid': { date: '2026-02-30' },
  'activity.timeInvalid': { time: '24:00' },
  'activity.datesOrder': { from: '2026-12-15', to: '2026-12-14' },
  'activity.proasnWindow': { from: '2026-07-01', to: '2026-07-10', windowFrom: '2026-07-08', windowTo: '2026-12-31' },
  'activity.leadTimeShort': { date: '2026-12-24', today: '2026-12-22', workingDays: 1, min: 3, earliest: '2026-12-29', article: 'Pasal 9 ayat (5) huruf b' },
  'activity.overrideReason': { min: 10 },
  'activity.sessionOutsideDates': { date: '2026-12-19', from: '2026-12-14', to: '2026-12-18' },
  'activity.proasnDuration': { minutes: 120, required: 180 },
  'activity.sessionStarted': { state: 'running' },
  'activity.capacityOver': { capacity: 42, pcs: 40, spares: 4 },
  'activity.userUnknown': { id: 7 },
  'schedule.rangeTooLong': { from: '2026-12-01', to: '2027-02-15', days: 77, max: 62 },
  'evaluation.rangeTooLong': { from: '2026-01-01', to: '2027-02-15', days: 411, max: 366 },
  'evaluation.recommendationsShort': { min: 20 },
  'document.correctionReason': { min: 10 },
  'document.alreadyCorrected': { number: 'DH/T/2026/0001', version: 2 },
  'document.noXlsx': { number: 'BA-PNY/T/2026/0001' },
  'activity.seatsShort': { unplaced: 3, free: 1 },
  'calendar.dayOffExists': { date: '2026-12-24', name: 'Cuti bersama Natal' },
  'import.nipInOtherSession': { nip: '198504122010031001', session: 'K1-S2' },
  'import.nomorUsedInActivity': { nomor: '0012' }
};

/** The words of `code` in `lang`, and which parameters they read. */
function render(code: MessageCode, lang: Lang) {
  const read = new Set<string>();
  const sample: Record<string, unknown> = (SAMPLES as Record<string, Record<string, unknown>>)[code] ?? {};
  const params = new Proxy(sample, { get: (t, k) => (typeof k === 'string' && read.add(k), t[k as string]) });
  const text = wireMessage(code, params, lang);
  return { text, read };
}

const sameKeys = (a: object, b: object) => expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());

describe('the catalog: every entry in Bahasa Indonesia and English, with the same parameters', () => {
  it('both languages have the same codes in every table', () => {
    sameKeys(errorsId, errorsEn);
    sameKeys(errorCodesId, errorCodesEn);
    sameKeys(sessionStatesId, sessionStatesEn);
    sameKeys(sessionActionsId, sessionActionsEn);
    sameKeys(pinOutcomesId, pinOutcomesEn);
    sameKeys(workNamesId, workNamesEn);
  });

  it('an entry is a sentence in both languages, or takes the same parameters in both — all of them', () => {
    for (const code of Object.keys(errorsId) as MessageCode[]) {
      expect(typeof errorsEn[code], code).toBe(typeof errorsId[code]);
      const id = render(code, 'id'), en = render(code, 'en');
      expect([...id.read].sort(), `${code}: the same parameters`).toEqual([...en.read].sort());
      expect([...id.read].sort(), `${code}: every parameter is used`).toEqual(Object.keys((SAMPLES as Record<string, object>)[code] ?? {}).sort());
      for (const { text } of [id, en]) {
        expect(text, code).toBeTruthy();
        expect(text, code).not.toMatch(/undefined|\[object|NaN|\{\w+\}/);
      }
    }
  });

  it('the session states, their actions and the PIN verdicts are worded in both languages, never empty', () => {
    for (const table of [sessionStatesId, sessionStatesEn, pinOutcomesId, pinOutcomesEn, workNamesId, workNamesEn]) {
      for (const [k, v] of Object.entries(table)) expect(v.trim(), k).not.toBe('');
    }
    for (const table of [sessionActionsId, sessionActionsEn]) {
      for (const [k, v] of Object.entries(table)) expect(v.passive && v.imperative, k).toBeTruthy();
    }
  });

  it('parameters are typed: a message that needs them cannot be called without them, nor with the wrong ones', () => {
    expect(message('issue.tooShort', { min: 8 }, 'id')).toBe('Minimal 8 karakter.');
    expect(message('issue.tooShort', { min: 8 }, 'en')).toBe('At least 8 characters.');
    expect(say(msg('session.unaccounted', { n: 1 }), 'en')).toMatch(/^1 participant is on the roster/);
    expect(say(msg('NOT_FOUND'), 'id')).toBe('Data tidak ditemukan.');
    // the calls below must not compile (svelte-check runs over tests/ too); never run
    const wrong = () => {
      // @ts-expect-error { min } is required
      message('issue.tooShort', {}, 'id');
      // @ts-expect-error min is a number
      message('issue.tooShort', { min: '8' }, 'id');
      // @ts-expect-error no such code
      message('issue.noSuchCode', {}, 'id');
      // @ts-expect-error a message with parameters is built with them
      msg('session.unaccounted');
      // @ts-expect-error a state is one of SESSION_STATES
      msg('session.wrongState', { state: 'closed', action: 'open' });
    };
    expect(typeof wrong).toBe('function');
  });
});

describe('every error code the server can send has its words', () => {
  it('each ERROR_CODE is worded in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(errorCodesId[code], code).toBeTruthy();
      expect(errorCodesEn[code], code).toBeTruthy();
      expect(isMessageCode(code)).toBe(true);
    }
  });

  /** Every .ts file under a folder. */
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('every code the server refuses with, and every message code it names, is in the catalog', () => {
    const errorCodes = new Set<string>(), messageCodes = new Set<string>();
    for (const file of sources('server')) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\b(?:sendError\(res,\s*|fail\(|refuse\(|reject\()'([A-Z][A-Z_]+)'/g)) errorCodes.add(m[1]);
      for (const m of src.matchAll(/\bmsg\('([\w.]+)'/g)) messageCodes.add(m[1]);
      for (const m of src.matchAll(/\bcode: '([a-z]+\.[\w.]+)'/g)) messageCodes.add(m[1]);
    }
    expect(errorCodes.size).toBeGreaterThan(10);
    expect(messageCodes.size).toBeGreaterThan(40);
    for (const c of errorCodes) expect((ERROR_CODES as readonly string[]).includes(c) && isMessageCode(c), c).toBe(true);
    for (const c of messageCodes) expect(isMessageCode(c), c).toBe(true);
  });
});

describe('one name per session state, in each language, wherever it is shown', () => {
  it('no two states share a name', () => {
    for (const names of [sessionStatesId, sessionStatesEn]) expect(new Set(Object.values(names)).size).toBe(SESSION_STATES.length);
  });

  it("the dashboard's dictionaries take the state names and the error codes' words from the catalog", () => {
    for (const s of SESSION_STATES) {
      expect(webId[`sessionState.${s}`]).toBe(sessionStatesId[s]);
      expect(webEn[`sessionState.${s}`]).toBe(sessionStatesEn[s]);
      expect(stateName(s, 'id')).toBe(sessionStatesId[s]);
    }
    for (const c of ERROR_CODES) {
      expect(webId[`error.${c}`]).toBe(errorCodesId[c]);
      expect(webEn[`error.${c}`]).toBe(errorCodesEn[c]);
    }
  });

  it('the server words a state the same way in every sentence', () => {
    const stage = message('session.wrongStage', { work: 'desk', states: ['open', 'running'], state: 'finalised' }, 'id');
    expect(stage).toContain(`${sessionStatesId.open} atau ${sessionStatesId.running}`);
    expect(stage).toContain(`sesi sekarang: ${sessionStatesId.finalised}`);
    expect(message('session.wrongState', { state: 'running', action: 'open' }, 'id')).toContain(`berstatus ${sessionStatesId.running}`);
    expect(message('action.sessionOver', { state: 'finalised' }, 'en')).toContain(`is ${sessionStatesEn.finalised}`);
  });

  it('the PIN verdicts and NIP problems the wire carries as { id, en } are the catalog’s', () => {
    for (const [o, text] of Object.entries(PIN_OUTCOME_TEXT)) {
      expect(text).toEqual({ id: pinOutcomesId[o as keyof typeof pinOutcomesId], en: pinOutcomesEn[o as keyof typeof pinOutcomesEn] });
    }
    expect(NIP_PROBLEM_TEXT.sex).toEqual({ id: errorsId['nip.sex'], en: errorsEn['nip.sex'] });
  });
});

describe('on the wire: codes and parameters, with message and pesan produced from them', () => {
  it('a refusal carries its message code and parameters, and the words of both languages', () => {
    const m = msg('seat.taken', { code: 'R1-A3', name: 'Budi' });
    expect(refusalWords('CONFLICT', m)).toEqual({ messageCode: 'seat.taken', params: { code: 'R1-A3', name: 'Budi' }, ...words(m) });
    expect(refusalWords('CONFLICT', m).pesan).toBe('R1-A3 sudah ditempati Budi.');
    // without a specific message: the code's own words, and no messageCode
    const codeOnly: ErrorCode = 'FORBIDDEN';
    expect(refusalWords(codeOnly)).toEqual({ message: errorCodesEn.FORBIDDEN, pesan: errorCodesId.FORBIDDEN });
  });

  it('a code the dashboard does not know, or parameters that do not fit, give no words (the caller falls back)', () => {
    expect(wireMessage('newer.code', {}, 'id')).toBeNull();
    expect(wireMessage('session.visitorsInside', { names: 3 }, 'id')).toBeNull();
    expect(wireMessage(undefined, undefined, 'en')).toBeNull();
    expect(wireMessage('toString', {}, 'en')).toBeNull();
  });

  it('zod issues get a code: length limits with their numbers, custom issues with their own code', () => {
    const short = z.string().min(8).safeParse('abc').error!.issues[0];
    expect(issueMsg(short)).toEqual({ code: 'issue.tooShort', params: { min: 8 } });
    const long = z.string().max(3).safeParse('abcd').error!.issues[0];
    expect(wireIssue(long)).toMatchObject({ path: '', code: 'issue.tooLong', params: { max: 3 } });
    const few = z.object({ roles: z.array(z.string()).min(1) }).safeParse({ roles: [] }).error!.issues[0];
    expect(wireIssue(few)).toMatchObject({ path: 'roles', code: 'issue.tooFew', params: { min: 1 } });
    const custom = z.string().superRefine((_v, ctx) => ctx.addIssue(customIssue(msg('nip.sex')))).safeParse('x').error!.issues[0];
    expect(wireIssue(custom)).toEqual({ path: '', message: errorsEn['nip.sex'], code: 'nip.sex', params: {} });
    const other = z.number().safeParse('x').error!.issues[0];
    expect(wireIssue(other)).toMatchObject({ code: 'issue.invalid' });
    expect(issueAt('outAt', msg('issue.inFuture'))).toEqual({ path: 'outAt', message: 'In the future.', code: 'issue.inFuture', params: {} });
  });
});
